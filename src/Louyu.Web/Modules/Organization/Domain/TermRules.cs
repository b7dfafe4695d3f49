namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>Where a committee term (届) stands on a day.</summary>
public enum TermState
{
    Current, // 任期内
    DueSoon, // 即将届满
    Overdue, // 已届满未换届
    Ended, // 已换届
}

/// <summary>Why a rule of the regulations refuses an action (HTTP 422): a stable code, the resource key of the
/// message with its arguments, and the source shown to users.</summary>
public sealed record RuleRefusal(string Code, string MessageKey, string Source, object[] Args);

/// <summary>
/// Terms of office of grassroots party organisations (domain-rules §3.5), pure and unit-tested:
/// 基层党委 5 years; 党总支 and 党支部 (including 联合党支部) 3 years; a 党小组 has no term. An election may be held
/// early or late only with the approval of the higher organisation, generally by at most one year.
/// Source: 中共中央办公厅《关于党的基层组织任期的意见》（2018年）.
/// </summary>
public static class TermRules
{
    public const string Source = "依据中共中央办公厅《关于党的基层组织任期的意见》（2018年）";

    public const int CommitteeYears = 5;
    public const int BranchYears = 3;

    /// <summary>Early or late election: generally at most one year, with approval.</summary>
    public const int MaxShiftYears = 1;

    /// <summary>
    /// Louyu's reading of "on time" (按期换届): an election held in the last <see cref="OnTimeWindowDays"/> days of
    /// the term, up to its due date, needs no approval (the election is prepared over those weeks). Earlier, or after
    /// the due date, it is an early or late election and needs an approval reference.
    /// </summary>
    public const int OnTimeWindowDays = 90;

    /// <summary>The default reminder window (setting <c>Organization:TermReminderDays</c>).</summary>
    public const int DefaultReminderDays = 180;

    public const string NoTermForGroup = "TermNotForGroup";
    public const string NeedsApproval = "ElectionNeedsApproval";
    public const string BeyondOneYear = "ElectionBeyondOneYear";

    /// <summary>Years of a term for the type, or null for a party group (no term).</summary>
    public static int? TermYears(OrganizationType type) =>
        type switch
        {
            OrganizationType.Committee => CommitteeYears,
            OrganizationType.GeneralBranch
            or OrganizationType.Branch
            or OrganizationType.JointBranch => BranchYears,
            _ => null,
        };

    /// <summary>Whether the organisation type holds elections with a term.</summary>
    public static bool HasTerm(OrganizationType type) => TermYears(type) is not null;

    /// <summary>
    /// The day the term is due to end: the election date plus the term's years (29 February falls back to 28 February
    /// in a common year). Null for a party group.
    /// </summary>
    public static DateOnly? DueOn(OrganizationType type, DateOnly electedOn) =>
        TermYears(type) is { } years ? electedOn.AddYears(years) : null;

    /// <summary>
    /// The state of a term on <paramref name="day"/>: ended once the next election has happened; overdue after its
    /// due date; due soon from <paramref name="reminderDays"/> days before the due date up to it; current before.
    /// </summary>
    public static TermState StateOn(
        DateOnly dueOn,
        DateOnly? endedOn,
        DateOnly day,
        int reminderDays
    )
    {
        if (endedOn is { } ended && ended <= day)
            return TermState.Ended;
        if (day > dueOn)
            return TermState.Overdue;
        if (day >= dueOn.AddDays(-reminderDays))
            return TermState.DueSoon;
        return TermState.Current;
    }

    /// <summary>Days from <paramref name="day"/> to the due date (negative when overdue).</summary>
    public static int DaysLeft(DateOnly dueOn, DateOnly day) => dueOn.DayNumber - day.DayNumber;

    /// <summary>
    /// Whether an election on <paramref name="electedOn"/> may be recorded, given the due date of the term it ends
    /// (null for the organisation's first recorded term). Null when allowed. Off schedule (before the on-time window
    /// or after the due date) it needs <paramref name="approvalReference"/>; without one, a shift of more than a year
    /// is named as such. With an approval, a shift of more than a year is accepted as the exception "一般" allows.
    /// </summary>
    public static RuleRefusal? CheckElection(
        OrganizationType type,
        DateOnly? previousDueOn,
        DateOnly electedOn,
        string? approvalReference
    )
    {
        if (!HasTerm(type))
            return new RuleRefusal(NoTermForGroup, "Terms.Rule.NoTermForGroup", Source, []);
        if (previousDueOn is not { } due)
            return null;
        var onTime = electedOn >= due.AddDays(-OnTimeWindowDays) && electedOn <= due;
        if (onTime || !string.IsNullOrWhiteSpace(approvalReference))
            return null;
        var early = electedOn < due;
        var beyond = early
            ? electedOn < due.AddYears(-MaxShiftYears)
            : electedOn > due.AddYears(MaxShiftYears);
        var days = Math.Abs(due.DayNumber - electedOn.DayNumber);
        var dueText = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return beyond
            ? new RuleRefusal(
                BeyondOneYear,
                early ? "Terms.Rule.TooEarly" : "Terms.Rule.TooLate",
                Source,
                [dueText, days]
            )
            : new RuleRefusal(
                NeedsApproval,
                early ? "Terms.Rule.EarlyNeedsApproval" : "Terms.Rule.LateNeedsApproval",
                Source,
                [dueText, days]
            );
    }
}
