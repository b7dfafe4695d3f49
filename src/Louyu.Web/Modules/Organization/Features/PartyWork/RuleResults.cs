using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.PartyWork;

/// <summary>A handler's answer: an <see cref="Outcome{T}"/>, or a rule of the regulations that refuses it (422).</summary>
public sealed record Answer<T>(Outcome<T> Outcome, RuleRefusal? Rule)
{
    public static implicit operator Answer<T>(Outcome<T> outcome) => new(outcome, null);

    public static Answer<T> Refused(RuleRefusal rule) =>
        new(Outcome<T>.Forbidden("Problem.RuleRefused"), rule);

    public bool IsOk => Rule is null && Outcome.Refusal is null;
    public T? Value => Outcome.Value;
}

/// <summary>Turns an <see cref="Answer{T}"/> into the HTTP answer of api.md: 422 names the rule and its source.</summary>
public static class RuleResults
{
    public static string Message(IStringLocalizer<SharedResource> text, RuleRefusal rule) =>
        text[rule.MessageKey, rule.Args].Value + " —— " + rule.Source;

    public static IResult ToResult<T>(
        Answer<T> answer,
        IStringLocalizer<SharedResource> text,
        Func<T, IResult> ok
    ) =>
        answer.Rule is { } rule
            ? TypedResults.Problem(
                title: text["Problem.RuleRefused"].Value,
                detail: Message(text, rule),
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["rule"] = rule.Code,
                    ["source"] = rule.Source,
                }
            )
            : OutcomeResults.ToResult(answer.Outcome, text, ok);
}
