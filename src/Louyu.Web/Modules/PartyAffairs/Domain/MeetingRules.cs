namespace Louyu.Web.Modules.PartyAffairs.Domain;

/// <summary>The meetings of 三会一课 and branch life (domain-rules §3.6).</summary>
public enum MeetingKind
{
    /// <summary>支部党员大会</summary>
    BranchAssembly,

    /// <summary>支委会</summary>
    BranchCommittee,

    /// <summary>党小组会</summary>
    GroupMeeting,

    /// <summary>党课</summary>
    PartyLecture,

    /// <summary>主题党日</summary>
    ThemedPartyDay,

    /// <summary>组织生活会</summary>
    OrganizationalLife,

    /// <summary>民主评议党员</summary>
    DemocraticEvaluation,
}

/// <summary>How often a kind of meeting is required; None switches the requirement off.</summary>
public enum MeetingFrequency
{
    None,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// PartyAffairs:Meetings:Frequencies — one setting per kind, defaults from domain-rules §3.6
/// (《中国共产党支部工作条例（试行）》(2018)): 党员大会 quarterly [S], 支委会 / 党小组会 / 主题党日 monthly [T],
/// 组织生活会 and 民主评议党员 yearly [T], 党课 quarterly [U, a setting].
/// </summary>
public sealed class MeetingFrequencyOptions
{
    public MeetingFrequency BranchAssembly { get; set; } = MeetingFrequency.Quarter;
    public MeetingFrequency BranchCommittee { get; set; } = MeetingFrequency.Month;
    public MeetingFrequency GroupMeeting { get; set; } = MeetingFrequency.Month;
    public MeetingFrequency PartyLecture { get; set; } = MeetingFrequency.Quarter;
    public MeetingFrequency ThemedPartyDay { get; set; } = MeetingFrequency.Month;
    public MeetingFrequency OrganizationalLife { get; set; } = MeetingFrequency.Year;
    public MeetingFrequency DemocraticEvaluation { get; set; } = MeetingFrequency.Year;

    public MeetingFrequency this[MeetingKind kind] =>
        kind switch
        {
            MeetingKind.BranchAssembly => BranchAssembly,
            MeetingKind.BranchCommittee => BranchCommittee,
            MeetingKind.GroupMeeting => GroupMeeting,
            MeetingKind.PartyLecture => PartyLecture,
            MeetingKind.ThemedPartyDay => ThemedPartyDay,
            MeetingKind.OrganizationalLife => OrganizationalLife,
            _ => DemocraticEvaluation,
        };
}

/// <summary>Whether a meeting had its quorum: needed, met, and how many present were needed.</summary>
public sealed record QuorumResult(bool Required, bool Met, int Entitled, int Present, int Needed)
{
    public const string Source =
        "《中国共产党支部工作条例（试行）》；《中国共产党发展党员工作细则》（到会须超过应到会有表决权人数的半数）";
}

/// <summary>
/// Quorum of 支部党员大会 and 支委会: more than half of those entitled must be present (domain-rules §2.5, §3.6;
/// 《中国共产党发展党员工作细则》 and 《中国共产党支部工作条例（试行）》). For the 党员大会 the entitled are the full
/// members invited (probationary members have no vote); for the 支委会 every committee member invited.
/// Other kinds have no quorum.
/// </summary>
public static class QuorumRules
{
    public static bool Applies(MeetingKind kind) =>
        kind is MeetingKind.BranchAssembly or MeetingKind.BranchCommittee;

    public static QuorumResult Check(MeetingKind kind, int entitled, int present)
    {
        var needed = entitled / 2 + 1;
        if (!Applies(kind))
            return new QuorumResult(false, true, entitled, present, 0);
        return new QuorumResult(true, entitled > 0 && present >= needed, entitled, present, needed);
    }
}

/// <summary>Whom a meeting invites: the branch's full and probationary members, its committee, or one 党小组's members.</summary>
public enum Invitees
{
    Members,
    Committee,
    Group,
}

/// <summary>
/// Who is invited to a branch's meeting (domain-rules §3.3, §3.6; 《中国共产党支部工作条例（试行）》第十五条):
/// the 支委会 is a meeting of the branch committee — the people holding a position in its current term (书记、副书记、
/// 委员; below 7 full members, the secretary and a deputy if any); a 党小组会 held for one of the branch's party groups
/// (党小组) invites that group's members; the 支部党员大会, a 党小组会
/// recorded for the branch as a whole, and every other kind invite all full and probationary members of the branch.
/// A 党小组会 is still recorded for the branch (it counts on the branch's compliance calendar).
/// </summary>
public static class MeetingInvitations
{
    public const string Source =
        "《中国共产党支部工作条例（试行）》第十五条（支部委员会会议由支部委员会成员参加；支部党员大会由全体党员参加）";

    public static Invitees Of(MeetingKind kind, bool forGroup = false) =>
        kind switch
        {
            MeetingKind.BranchCommittee => Invitees.Committee,
            MeetingKind.GroupMeeting when forGroup => Invitees.Group,
            _ => Invitees.Members,
        };
}

/// <summary>A party group as the meeting rule needs it: the branch it sits under and its dates.</summary>
public sealed record MeetingGroupFacts(Guid? BranchId, DateOnly FoundedOn, DateOnly? DissolvedOn);

/// <summary>
/// Which party group (党小组) a meeting may be held for (《中国共产党支部工作条例（试行）》: 党员人数较多的党支部划分
/// 若干党小组，党小组是党支部的组成部分; 党小组会一般每月召开1次): only a 党小组会 names a group; the group must be one of the meeting's
/// branch's own groups (its parent organisation is the branch) and live on the day of the meeting (founded, not
/// dissolved). Each refusal names its rule: <see cref="GroupMeetingOnly"/>, <see cref="GroupNotOfBranch"/>,
/// <see cref="GroupNotLive"/>.
/// </summary>
public static class MeetingGroupRules
{
    public const string Source =
        "《中国共产党支部工作条例（试行）》（党员人数较多的党支部划分若干党小组；党小组会由本小组党员参加，计入所在党支部的组织生活）";

    public const string GroupMeetingOnly = "groupMeetingOnly";
    public const string GroupNotOfBranch = "groupNotOfBranch";
    public const string GroupNotLive = "groupNotLive";

    /// <param name="group">The group's facts; null when no party group has that id.</param>
    /// <returns>Null when allowed, else the rule refused.</returns>
    public static string? Check(
        MeetingKind kind,
        Guid branchId,
        MeetingGroupFacts? group,
        DateOnly on
    )
    {
        if (kind != MeetingKind.GroupMeeting)
            return GroupMeetingOnly;
        if (group is null || group.BranchId != branchId)
            return GroupNotOfBranch;
        if (group.FoundedOn > on || (group.DissolvedOn is { } d && d <= on))
            return GroupNotLive;
        return null;
    }
}

/// <summary>Red / amber / green of the compliance board.</summary>
public enum ComplianceState
{
    Green,
    Amber,
    Red,
}

/// <summary>One required period of one kind: its first month, whether it is the current one, whether it was held.</summary>
public sealed record CompliancePeriod(int StartMonth, bool Current, bool Held);

/// <summary>A kind's periods in the look-back window, oldest first.</summary>
public sealed record KindCompliance(
    MeetingKind Kind,
    MeetingFrequency Frequency,
    IReadOnlyList<CompliancePeriod> Periods
)
{
    public IEnumerable<CompliancePeriod> Missed => Periods.Where(p => !p.Current && !p.Held);
    public bool CurrentDue => Periods.Any(p => p.Current && !p.Held);
}

/// <summary>A branch's state and the kinds behind it.</summary>
public sealed record BranchCompliance(ComplianceState State, IReadOnlyList<KindCompliance> Kinds);

/// <summary>
/// The compliance rule of the board (domain-rules §3.6, frequencies from <see cref="MeetingFrequencyOptions"/>).
/// For every kind with a frequency, the periods looked at are the current period and those before it going back
/// one year: 11 months, 3 quarters or 1 year. A period is required only if the branch existed on its first day.
/// A period is held when at least one meeting of that kind was recorded as held on a day inside it.
/// <list type="bullet">
/// <item><b>Red</b>: some required past period (one that has ended) of some kind was not held.</item>
/// <item><b>Amber</b>: nothing missed, but the current period of some kind is required and not held yet.</item>
/// <item><b>Green</b>: every required period to date is held, the current ones included.</item>
/// </list>
/// Months are counted as <c>year × 12 + month − 1</c> ("month index"). Held months are kept as a 64-bit mask per
/// kind: bit <c>i</c> set means the month <c>anchor − i</c> had a held meeting.
/// </summary>
public static class ComplianceRules
{
    public const string Source =
        "《中国共产党支部工作条例（试行）》(2018)（三会一课、主题党日、组织生活会、民主评议党员）";

    public static readonly MeetingKind[] Kinds = Enum.GetValues<MeetingKind>();

    public static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    public static DateOnly MonthStart(int monthIndex) =>
        new(monthIndex / 12, monthIndex % 12 + 1, 1);

    public static int Length(MeetingFrequency f) =>
        f switch
        {
            MeetingFrequency.Month => 1,
            MeetingFrequency.Quarter => 3,
            MeetingFrequency.Year => 12,
            _ => 0,
        };

    /// <summary>How many periods the board looks at (the current one included): one year back.</summary>
    public static int Lookback(MeetingFrequency f) =>
        f switch
        {
            MeetingFrequency.Month => 12,
            MeetingFrequency.Quarter => 4,
            MeetingFrequency.Year => 2,
            _ => 0,
        };

    /// <summary>The first month of the period of <paramref name="f"/> holding this month.</summary>
    public static int PeriodStart(MeetingFrequency f, int monthIndex) =>
        f switch
        {
            MeetingFrequency.Quarter => monthIndex - monthIndex % 12 % 3,
            MeetingFrequency.Year => monthIndex - monthIndex % 12,
            _ => monthIndex,
        };

    /// <summary>The first month that a branch founded on this day must hold meetings in.</summary>
    public static int FirstRequiredMonth(DateOnly foundedOn) =>
        MonthIndex(foundedOn) + (foundedOn.Day == 1 ? 0 : 1);

    /// <summary>Whether any month of [start, start + length) is set in the mask anchored at <paramref name="anchor"/>.</summary>
    public static bool AnyHeld(long mask, int anchor, int start, int length)
    {
        for (var m = start; m < start + length; m++)
        {
            var bit = anchor - m;
            if (bit is >= 0 and < 64 && (mask & (1L << bit)) != 0)
                return true;
        }
        return false;
    }

    /// <summary>Sets the bit of a month in a mask anchored at <paramref name="anchor"/> (months after it or 64+ back are ignored).</summary>
    public static long Set(long mask, int anchor, int month)
    {
        var bit = anchor - month;
        return bit is >= 0 and < 64 ? mask | (1L << bit) : mask;
    }

    public static KindCompliance EvaluateKind(
        MeetingKind kind,
        MeetingFrequency f,
        DateOnly foundedOn,
        DateOnly today,
        long mask,
        int anchor
    )
    {
        var periods = new List<CompliancePeriod>();
        if (f == MeetingFrequency.None)
            return new KindCompliance(kind, f, periods);
        var len = Length(f);
        var current = PeriodStart(f, MonthIndex(today));
        var first = FirstRequiredMonth(foundedOn);
        for (var i = Lookback(f) - 1; i >= 0; i--)
        {
            var start = current - i * len;
            if (start < first)
                continue;
            periods.Add(new CompliancePeriod(start, i == 0, AnyHeld(mask, anchor, start, len)));
        }
        return new KindCompliance(kind, f, periods);
    }

    /// <param name="masks">Held-month masks indexed by <see cref="MeetingKind"/> (missing = nothing held).</param>
    public static BranchCompliance Evaluate(
        MeetingFrequencyOptions frequencies,
        DateOnly foundedOn,
        DateOnly today,
        int anchor,
        IReadOnlyList<long> masks
    )
    {
        var kinds = Kinds
            .Select(k =>
                EvaluateKind(
                    k,
                    frequencies[k],
                    foundedOn,
                    today,
                    (int)k < masks.Count ? masks[(int)k] : 0,
                    anchor
                )
            )
            .ToList();
        var state =
            kinds.Any(k => k.Missed.Any()) ? ComplianceState.Red
            : kinds.Any(k => k.CurrentDue) ? ComplianceState.Amber
            : ComplianceState.Green;
        return new BranchCompliance(state, kinds);
    }

    /// <summary>The state alone, without allocating (the board colours ~23,500 branches per request).</summary>
    public static ComplianceState StateOf(
        MeetingFrequencyOptions frequencies,
        DateOnly foundedOn,
        DateOnly today,
        int anchor,
        ReadOnlySpan<long> masks
    )
    {
        var due = false;
        var first = FirstRequiredMonth(foundedOn);
        var month = MonthIndex(today);
        for (var k = 0; k < Kinds.Length; k++)
        {
            var f = frequencies[(MeetingKind)k];
            if (f == MeetingFrequency.None)
                continue;
            var len = Length(f);
            var current = PeriodStart(f, month);
            var mask = k < masks.Length ? masks[k] : 0;
            for (var i = Lookback(f) - 1; i >= 0; i--)
            {
                var start = current - i * len;
                if (start < first || AnyHeld(mask, anchor, start, len))
                    continue;
                if (i > 0)
                    return ComplianceState.Red;
                due = true;
            }
        }
        return due ? ComplianceState.Amber : ComplianceState.Green;
    }

    /// <summary>The masks of a branch from its held meetings, anchored at the later of this month and the last held one.</summary>
    public static (int Anchor, long[] Masks) Masks(
        DateOnly today,
        IEnumerable<(MeetingKind Kind, DateOnly HeldOn)> held
    )
    {
        var list = held.ToList();
        var anchor = Math.Max(
            MonthIndex(today),
            list.Count == 0 ? 0 : list.Max(h => MonthIndex(h.HeldOn))
        );
        var masks = new long[Kinds.Length];
        foreach (var (kind, on) in list)
            masks[(int)kind] = Set(masks[(int)kind], anchor, MonthIndex(on));
        return (anchor, masks);
    }

    /// <summary>A period's label: 2026年11月 / 2026年第4季度 / 2026年, or 2026-11 / 2026 Q4 / 2026.</summary>
    public static string Label(MeetingFrequency f, int start, bool chinese)
    {
        var y = start / 12;
        var m = start % 12 + 1;
        return f switch
        {
            MeetingFrequency.Month => chinese ? $"{y}年{m}月" : $"{y}-{m:00}",
            MeetingFrequency.Quarter => chinese
                ? $"{y}年第{(m - 1) / 3 + 1}季度"
                : $"{y} Q{(m - 1) / 3 + 1}",
            _ => chinese ? $"{y}年" : $"{y}",
        };
    }
}

/// <summary>民主评议党员 grades (《中国共产党支部工作条例（试行）》: 民主评议党员一般每年开展1次).</summary>
public enum EvaluationGrade
{
    Excellent,
    Qualified,
    BasicallyQualified,
    Unqualified,
}

/// <summary>One member's tally: votes per grade, and the result (the grade with most votes; a tie goes to the lower grade).</summary>
public sealed record EvaluationTally(
    Guid MemberId,
    int Excellent,
    int Qualified,
    int BasicallyQualified,
    int Unqualified,
    EvaluationGrade? Result
);

public static class EvaluationRules
{
    /// <summary>The result of a member's grades; null without votes; ties resolve to the lower grade (the cautious one).</summary>
    public static EvaluationGrade? Result(int excellent, int qualified, int basic, int unqualified)
    {
        int[] votes = [excellent, qualified, basic, unqualified];
        var max = votes.Max();
        if (max == 0)
            return null;
        for (var i = votes.Length - 1; i >= 0; i--)
            if (votes[i] == max)
                return (EvaluationGrade)i;
        return null;
    }
}
