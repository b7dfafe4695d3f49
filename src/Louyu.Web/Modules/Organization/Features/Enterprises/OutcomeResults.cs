using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>Turns an <see cref="Outcome{T}"/> into the HTTP answer of api.md (RFC 9457 problems).</summary>
public static class OutcomeResults
{
    public static IResult ToResult<T>(
        Outcome<T> o,
        IStringLocalizer<SharedResource> text,
        Func<T, IResult> ok
    ) =>
        o.Refusal switch
        {
            null => ok(o.Value!),
            Refusal.Invalid => ProblemsSetup.Validation(
                text,
                [.. o.Errors.Select(e => (e.Field, e.Key, e.Args))]
            ),
            Refusal.NotFound => ProblemsSetup.Problem(text, 404, "Problem.NotFound"),
            Refusal.Conflict => ProblemsSetup.Problem(
                text,
                409,
                o.ProblemKey!,
                text[o.ProblemKey + "Detail", o.DetailArgs ?? []].Value
            ),
            _ => ProblemsSetup.Problem(text, 403, o.ProblemKey ?? "Problem.OutOfScope"),
        };
}
