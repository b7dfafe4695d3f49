using System.Text.Json.Serialization;

namespace Louyu.Web.Modules.Services.Domain;

/// <summary>One structured condition of a policy on an enterprise attribute.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriterionKind>))]
public enum CriterionKind
{
    Industry,
    Size,
    Employees,
    YearsFounded,
    Building,
    TagsAll,
    TagsAny,
}

/// <summary>How one enterprise fares on one condition: Unknown when the fact is not registered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CriterionOutcome>))]
public enum CriterionOutcome
{
    Pass,
    Fail,
    Unknown,
}

/// <summary>Eligible: every condition met; Possible: none failed but some facts are missing; else NotEligible.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchResult>))]
public enum MatchResult
{
    Eligible,
    Possible,
    NotEligible,
}

/// <summary>
/// One condition's outcome with what the user reads: a resource key (<see cref="Code"/>, e.g.
/// <c>Policy.Reason.YearsFounded.Fail</c>) and raw arguments; lists inside an argument are joined with '|'
/// (industry letters, size names, tags) and the page localises them.
/// </summary>
public sealed record CriterionReason(
    CriterionKind Kind,
    CriterionOutcome Outcome,
    string Code,
    string[] Args
);

/// <summary>The facts of one enterprise that policies match on, as of the snapshot.</summary>
public sealed record PolicySubject(
    Guid Id,
    string Industry,
    string? Size,
    int Employees,
    DateOnly? FoundedOn,
    Guid BuildingId,
    string BuildingName,
    string[] Tags,
    string Name = ""
);

/// <summary>
/// The conditions of a policy (all must hold; an empty list of a kind means "no condition"): industry (any of the
/// GB/T 4754 section letters), size (any of), employees and full years since founding (min/max, inclusive), building
/// (any of), tags (all of / any of). Data, not code: stored as JSON and validated on save (<see cref="PolicyRules"/>).
/// </summary>
public sealed record PolicyCriteria
{
    public string[] Industries { get; init; } = [];
    public string[] Sizes { get; init; } = [];
    public int? MinEmployees { get; init; }
    public int? MaxEmployees { get; init; }
    public int? MinYears { get; init; }
    public int? MaxYears { get; init; }
    public Guid[] Buildings { get; init; } = [];
    public string[] TagsAll { get; init; } = [];
    public string[] TagsAny { get; init; } = [];

    public static readonly PolicyCriteria Everyone = new();
}

/// <summary>
/// The policy matcher: pure functions from a policy's criteria, an enterprise's facts and a day to each condition's
/// outcome and the overall result. <see cref="Evaluate"/> is the fast path of a district run (no allocation);
/// <see cref="Explain"/> gives the reasons, criterion by criterion, for the matches that are stored and shown.
/// </summary>
public static partial class PolicyMatching
{
    /// <summary>The sizes in their usual order (国统字〔2017〕213号 统计上大中小微型企业划分办法).</summary>
    public static readonly string[] SizeNames = ["Large", "Medium", "Small", "Micro"];

    /// <summary>
    /// Full years since founding on <paramref name="day"/>: the largest n whose anniversary has come. The
    /// anniversary of 29 February in a common year is 28 February — 《民法典》第二百零二条: 按照年、月计算期间的，到期月的
    /// 对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日.
    /// </summary>
    public static int FullYears(DateOnly foundedOn, DateOnly day)
    {
        if (day < foundedOn)
            return 0;
        var n = day.Year - foundedOn.Year;
        // This year's anniversary (29 February → 28 February in a common year), compared without building a date.
        var (m, d) = (foundedOn.Month, foundedOn.Day);
        if (m == 2 && d == 29 && !DateTime.IsLeapYear(day.Year))
            d = 28;
        if (day.Month < m || (day.Month == m && day.Day < d))
            n--;
        return n;
    }

    /// <summary>Criteria compiled for a district run: bit masks and sets instead of lists.</summary>
    public sealed class Compiled
    {
        internal readonly uint IndustryMask;
        internal readonly uint SizeMask;
        internal readonly int? MinEmployees;
        internal readonly int? MaxEmployees;
        internal readonly int? MinYears;
        internal readonly int? MaxYears;
        internal readonly HashSet<Guid>? Buildings;
        internal readonly string[] TagsAll;
        internal readonly string[] TagsAny;

        public Compiled(PolicyCriteria c)
        {
            foreach (var i in c.Industries)
                IndustryMask |= IndustryBit(i);
            foreach (var s in c.Sizes)
                SizeMask |= SizeBit(s);
            MinEmployees = c.MinEmployees;
            MaxEmployees = c.MaxEmployees;
            MinYears = c.MinYears;
            MaxYears = c.MaxYears;
            Buildings = c.Buildings.Length == 0 ? null : [.. c.Buildings];
            TagsAll = c.TagsAll;
            TagsAny = c.TagsAny;
        }
    }

    internal static uint IndustryBit(string? letter) =>
        letter is { Length: 1 } && letter[0] is >= 'A' and <= 'Z' ? 1u << (letter[0] - 'A') : 0u;

    internal static uint SizeBit(string? size) =>
        size is null ? 0u : (Array.IndexOf(SizeNames, size) is var i and >= 0 ? 1u << i : 0u);

    /// <summary>The overall result only (the district run's inner loop); agrees with <see cref="Explain"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(
        System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization
    )]
    public static MatchResult Evaluate(Compiled c, PolicySubject s, DateOnly day)
    {
        var unknown = false;
        if (c.IndustryMask != 0 && (c.IndustryMask & IndustryBit(s.Industry)) == 0)
            return MatchResult.NotEligible;
        if (c.SizeMask != 0)
        {
            if (s.Size is null)
                unknown = true;
            else if ((c.SizeMask & SizeBit(s.Size)) == 0)
                return MatchResult.NotEligible;
        }
        if (c.MinEmployees is { } minE && s.Employees < minE)
            return MatchResult.NotEligible;
        if (c.MaxEmployees is { } maxE && s.Employees > maxE)
            return MatchResult.NotEligible;
        if (c.MinYears is not null || c.MaxYears is not null)
        {
            if (s.FoundedOn is not { } f)
                unknown = true;
            else
            {
                var y = FullYears(f, day);
                if (y < (c.MinYears ?? int.MinValue) || y > (c.MaxYears ?? int.MaxValue))
                    return MatchResult.NotEligible;
            }
        }
        if (c.Buildings is { } b && !b.Contains(s.BuildingId))
            return MatchResult.NotEligible;
        foreach (var t in c.TagsAll)
            if (Array.IndexOf(s.Tags, t) < 0)
                return MatchResult.NotEligible;
        if (c.TagsAny.Length > 0)
        {
            var any = false;
            foreach (var t in c.TagsAny)
                if (Array.IndexOf(s.Tags, t) >= 0)
                {
                    any = true;
                    break;
                }
            if (!any)
                return MatchResult.NotEligible;
        }
        return unknown ? MatchResult.Possible : MatchResult.Eligible;
    }

    /// <summary>Each condition's outcome with its reason, and the overall result. No condition: everyone is eligible.</summary>
    public static (MatchResult Result, IReadOnlyList<CriterionReason> Reasons) Explain(
        PolicyCriteria c,
        PolicySubject s,
        DateOnly day
    )
    {
        List<CriterionReason> reasons = [];
        if (c.Industries.Length > 0)
        {
            var ok = c.Industries.Contains(s.Industry);
            reasons.Add(
                Reason(CriterionKind.Industry, ok, s.Industry, string.Join('|', c.Industries))
            );
        }
        if (c.Sizes.Length > 0)
        {
            var required = string.Join('|', c.Sizes);
            reasons.Add(
                s.Size is null
                    ? Missing(CriterionKind.Size, required)
                    : Reason(CriterionKind.Size, c.Sizes.Contains(s.Size), s.Size, required)
            );
        }
        if (c.MinEmployees is not null || c.MaxEmployees is not null)
        {
            var ok =
                s.Employees >= (c.MinEmployees ?? int.MinValue)
                && s.Employees <= (c.MaxEmployees ?? int.MaxValue);
            reasons.Add(
                Reason(
                    CriterionKind.Employees,
                    ok,
                    s.Employees.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Bound(c.MinEmployees),
                    Bound(c.MaxEmployees)
                )
            );
        }
        if (c.MinYears is not null || c.MaxYears is not null)
        {
            if (s.FoundedOn is not { } f)
                reasons.Add(
                    Missing(CriterionKind.YearsFounded, Bound(c.MinYears), Bound(c.MaxYears))
                );
            else
            {
                var y = FullYears(f, day);
                var ok = y >= (c.MinYears ?? int.MinValue) && y <= (c.MaxYears ?? int.MaxValue);
                reasons.Add(
                    Reason(
                        CriterionKind.YearsFounded,
                        ok,
                        y.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Bound(c.MinYears),
                        Bound(c.MaxYears)
                    )
                );
            }
        }
        if (c.Buildings.Length > 0)
            reasons.Add(
                Reason(
                    CriterionKind.Building,
                    c.Buildings.Contains(s.BuildingId),
                    s.BuildingName,
                    c.Buildings.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)
                )
            );
        if (c.TagsAll.Length > 0)
        {
            var missing = c.TagsAll.Where(t => !s.Tags.Contains(t)).ToArray();
            reasons.Add(
                Reason(
                    CriterionKind.TagsAll,
                    missing.Length == 0,
                    string.Join('|', missing.Length == 0 ? c.TagsAll : missing),
                    string.Join('|', c.TagsAll)
                )
            );
        }
        if (c.TagsAny.Length > 0)
        {
            var have = c.TagsAny.Where(s.Tags.Contains).ToArray();
            reasons.Add(
                Reason(
                    CriterionKind.TagsAny,
                    have.Length > 0,
                    string.Join('|', have),
                    string.Join('|', c.TagsAny)
                )
            );
        }
        return (Overall(reasons), reasons);
    }

    /// <summary>Eligible when all pass, Possible when none fails but some are unknown, else NotEligible.</summary>
    public static MatchResult Overall(IEnumerable<CriterionReason> reasons)
    {
        var unknown = false;
        foreach (var r in reasons)
        {
            if (r.Outcome == CriterionOutcome.Fail)
                return MatchResult.NotEligible;
            unknown |= r.Outcome == CriterionOutcome.Unknown;
        }
        return unknown ? MatchResult.Possible : MatchResult.Eligible;
    }

    private static string Bound(int? v) =>
        v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static CriterionReason Reason(CriterionKind kind, bool ok, params string[] args)
    {
        var outcome = ok ? CriterionOutcome.Pass : CriterionOutcome.Fail;
        return new(kind, outcome, $"Policy.Reason.{kind}.{outcome}", args);
    }

    private static CriterionReason Missing(CriterionKind kind, params string[] args) =>
        new(kind, CriterionOutcome.Unknown, $"Policy.Reason.{kind}.Unknown", args);
}
