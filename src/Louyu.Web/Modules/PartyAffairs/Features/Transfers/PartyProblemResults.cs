using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>A <see cref="CaseProblem"/> as an RFC 9457 answer: 400 with field errors, a titled status, or 422 naming the rule.</summary>
public static class PartyProblemResults
{
    public static IResult ToResult(CaseProblem p, IStringLocalizer<SharedResource> text) =>
        ServiceProblems.ToResult(
            p,
            text,
            "Development.RuleRefused",
            p.Detail is not null && p.Detail.Contains('.') && !p.Detail.Contains(' ')
                ? text[p.Detail, p.Source ?? ""].Value
                : p.Detail
        );
}
