using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>Puts a criterion reason into words in the reader's language (industry and size names, ranges).</summary>
public static class PolicyReasonText
{
    public static string Format(IStringLocalizer<SharedResource> t, CriterionReason r)
    {
        var a = r.Args;
        string At(int i) => i < a.Length ? a[i] : "";
        object[] args = r.Kind switch
        {
            CriterionKind.Industry => [At(0), t["Industry." + At(0)].Value, Industries(t, At(1))],
            CriterionKind.Size when r.Outcome == CriterionOutcome.Unknown => [Sizes(t, At(0))],
            CriterionKind.Size => [Size(t, At(0)), Sizes(t, At(1))],
            CriterionKind.Employees => [At(0), Range(t, At(1), At(2), "Policy.Unit.People")],
            CriterionKind.YearsFounded when r.Outcome == CriterionOutcome.Unknown =>
            [
                Range(t, At(0), At(1), "Policy.Unit.Years"),
            ],
            CriterionKind.YearsFounded => [At(0), Range(t, At(1), At(2), "Policy.Unit.Years")],
            CriterionKind.TagsAll or CriterionKind.TagsAny => [List(t, At(0)), List(t, At(1))],
            _ => [.. a],
        };
        // "1 year" / "1 employee": the singular form where the language has one (the .One key).
        var one = r.Kind is CriterionKind.Employees or CriterionKind.YearsFounded && At(0) == "1";
        return t[one ? r.Code + ".One" : r.Code, args].Value;
    }

    public static ReasonDto Dto(IStringLocalizer<SharedResource> t, CriterionReason r) =>
        new(r.Kind, r.Outcome, r.Code, r.Args, Format(t, r));

    public static IReadOnlyList<ReasonDto> Dtos(
        IStringLocalizer<SharedResource> t,
        IEnumerable<CriterionReason> reasons
    ) => reasons.Select(r => Dto(t, r)).ToList();

    public static string Size(IStringLocalizer<SharedResource> t, string size) =>
        t["Policy.Size." + size].Value;

    /// <summary>The list separator of the reader's language ("、" in Chinese, ", " in English).</summary>
    private static string Sep(IStringLocalizer<SharedResource> t) => t["WsUi.ListSeparator"].Value;

    private static string List(IStringLocalizer<SharedResource> t, string joined) =>
        string.Join(Sep(t), joined.Split('|', StringSplitOptions.RemoveEmptyEntries));

    private static string Industries(IStringLocalizer<SharedResource> t, string joined) =>
        string.Join(Sep(t), joined.Split('|', StringSplitOptions.RemoveEmptyEntries));

    private static string Sizes(IStringLocalizer<SharedResource> t, string joined) =>
        string.Join(
            Sep(t),
            joined.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(s => Size(t, s))
        );

    /// <summary>"不少于 5 年", "不超过 300 人", "10–300 人".</summary>
    public static string Range(
        IStringLocalizer<SharedResource> t,
        string min,
        string max,
        string unitKey
    )
    {
        string Unit(string n) => t[n == "1" ? unitKey + ".One" : unitKey].Value;
        return (min.Length > 0, max.Length > 0) switch
        {
            (true, true) => t["Policy.Range.Between", min, max, Unit(max)].Value,
            (true, false) => t["Policy.Range.Min", min, Unit(min)].Value,
            (false, true) => t["Policy.Range.Max", max, Unit(max)].Value,
            _ => "",
        };
    }

    /// <summary>
    /// A criteria summary for lists: one short line per condition; the buildings by name when
    /// <paramref name="buildingNames"/> knows them, otherwise as a count.
    /// </summary>
    public static IReadOnlyList<string> Describe(
        IStringLocalizer<SharedResource> t,
        PolicyCriteria c,
        IReadOnlyDictionary<Guid, string>? buildingNames = null
    )
    {
        List<string> lines = [];
        if (c.Industries.Length > 0)
            lines.Add(
                t[
                    "Policy.Criteria.Industries",
                    string.Join(Sep(t), c.Industries.Select(i => $"{i} {t["Industry." + i].Value}"))
                ].Value
            );
        if (c.Sizes.Length > 0)
            lines.Add(
                t[
                    "Policy.Criteria.Sizes",
                    string.Join(Sep(t), c.Sizes.Select(s => Size(t, s)))
                ].Value
            );
        if (c.MinEmployees is not null || c.MaxEmployees is not null)
            lines.Add(
                t[
                    "Policy.Criteria.Employees",
                    Range(t, $"{c.MinEmployees}", $"{c.MaxEmployees}", "Policy.Unit.People")
                ].Value
            );
        if (c.MinYears is not null || c.MaxYears is not null)
            lines.Add(
                t[
                    "Policy.Criteria.Years",
                    Range(t, $"{c.MinYears}", $"{c.MaxYears}", "Policy.Unit.Years")
                ].Value
            );
        if (c.Buildings.Length > 0 && buildingNames is { Count: > 0 })
            lines.Add(
                t[
                    "Policy.Criteria.BuildingNames",
                    string.Join(
                        Sep(t),
                        c.Buildings.Select(b =>
                            buildingNames.GetValueOrDefault(b) ?? t["Policy.UnknownBuilding"].Value
                        )
                    )
                ].Value
            );
        else if (c.Buildings.Length > 0)
            lines.Add(t["Policy.Criteria.Buildings", c.Buildings.Length].Value);
        if (c.TagsAll.Length > 0)
            lines.Add(t["Policy.Criteria.TagsAll", string.Join(Sep(t), c.TagsAll)].Value);
        if (c.TagsAny.Length > 0)
            lines.Add(t["Policy.Criteria.TagsAny", string.Join(Sep(t), c.TagsAny)].Value);
        if (lines.Count == 0)
            lines.Add(t["Policy.Criteria.Everyone"].Value);
        return lines;
    }
}
