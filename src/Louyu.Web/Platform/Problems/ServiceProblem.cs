using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Platform.Problems;

/// <summary>
/// What a module's service answers instead of a value: field errors (400), a status with a title key (404, 403,
/// 409 …) or a refusal naming the rule and its source (422). Each module's problem record has these members.
/// </summary>
public interface IServiceProblem
{
    int Status { get; }
    string? TitleKey { get; }
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors { get; }
    string? Rule { get; }
    string? Source { get; }
}

/// <summary>A <see cref="IServiceProblem"/> as an RFC 9457 answer, the same for every module.</summary>
public static class ServiceProblems
{
    /// <summary>
    /// Field errors: a 400 validation problem. No rule: the status titled by its key (default "not found") with
    /// <paramref name="statusDetail"/>. A rule: the status titled by its key (default
    /// <paramref name="refusedTitleKey"/>) with <paramref name="ruleDetail"/> and the extensions <c>rule</c>
    /// (<paramref name="rule"/>, default the problem's rule) and <c>source</c>.
    /// </summary>
    public static IResult ToResult(
        IServiceProblem p,
        IStringLocalizer<SharedResource> text,
        string refusedTitleKey,
        string? ruleDetail,
        string? rule = null,
        string? statusDetail = null
    )
    {
        if (p.Errors is { Count: > 0 })
            return ProblemsSetup.Validation(text, [.. p.Errors]);
        if (p.Rule is null)
            return ProblemsSetup.Problem(
                text,
                p.Status,
                p.TitleKey ?? "Problem.NotFound",
                statusDetail
            );
        return TypedResults.Problem(
            title: text[p.TitleKey ?? refusedTitleKey].Value,
            detail: ruleDetail,
            statusCode: p.Status,
            extensions: new Dictionary<string, object?>
            {
                ["rule"] = rule ?? p.Rule,
                ["source"] = p.Source,
            }
        );
    }
}
