using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>A <see cref="CaseProblem"/> as an RFC 9457 answer: 400 with field errors, a titled status, or 422 naming the rule.</summary>
public static class PartyProblemResults
{
    public static IResult ToResult(CaseProblem p, IStringLocalizer<SharedResource> text)
    {
        if (p.Errors is { Count: > 0 })
            return ProblemsSetup.Validation(text, [.. p.Errors]);
        if (p.Rule is null)
            return ProblemsSetup.Problem(text, p.Status, p.TitleKey ?? "Problem.NotFound");
        var detail =
            p.Detail is not null && p.Detail.Contains('.') && !p.Detail.Contains(' ')
                ? text[p.Detail, p.Source ?? ""].Value
                : p.Detail;
        return TypedResults.Problem(
            title: text[p.TitleKey ?? "Development.RuleRefused"].Value,
            detail: detail,
            statusCode: p.Status,
            extensions: new Dictionary<string, object?> { ["rule"] = p.Rule, ["source"] = p.Source }
        );
    }
}
