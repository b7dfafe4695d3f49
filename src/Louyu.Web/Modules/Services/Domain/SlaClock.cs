using Louyu.Web.Platform.Clock;

namespace Louyu.Web.Modules.Services.Domain;

/// <summary>
/// The time limits of the workstation (the settings, section <c>Services:Sla</c>): a consultation is answered
/// within 3 working days, a complaint within 13 working days, an application within the service's own limit (default
/// 20 working days: 《中华人民共和国行政许可法》第四十二条 "应当自受理行政许可申请之日起二十日内作出行政许可决定").
/// A department × type row an administrator edits overrides the default; a service's own limit wins over both.
/// </summary>
public sealed class SlaOptions
{
    public int ConsultWorkingDays { get; set; } = 3;
    public int ComplainWorkingDays { get; set; } = 13;
    public int AcceptWorkingDays { get; set; } = 20;

    /// <summary>"Due soon" this many working days before the deadline (and on the deadline day itself).</summary>
    public int ReminderWorkingDays { get; set; } = 1;

    /// <summary>How often the reminder and escalation run looks for tickets (minutes).</summary>
    public double ReminderIntervalMinutes { get; set; } = 5;
    public bool RemindersEnabled { get; set; } = true;

    public int DefaultFor(ServiceType type) =>
        type switch
        {
            ServiceType.Consult => ConsultWorkingDays,
            ServiceType.Complain => ComplainWorkingDays,
            _ => AcceptWorkingDays,
        };
}

/// <summary>Where a ticket stands against its deadline on a day.</summary>
public enum SlaState
{
    OnTime,
    DueSoon,
    Overdue,
    Paused,
}

/// <summary>
/// The SLA clock (pure). Counting rule for every limit: the day of filing does not count — the deadline is the N-th
/// working day strictly after the day filed (办理时限自受理之日的次日起计算, as 《行政许可法》第八十二条 counts
/// periods in working days without public holidays), by the holiday calendar table (<see cref="WorkingCalendar"/>:
/// public holidays off, adjusted weekend working days on). The deadline is the END of the due day: on the due day the
/// ticket is still on time; it is overdue from the next calendar day.
/// </summary>
public static class SlaClock
{
    public const string Source =
        "《中华人民共和国行政许可法》第四十二条、第八十二条；楼宇工作站办理时限设置";

    /// <summary>The time limit of a service: its own, else the department × type row, else the type's default.</summary>
    public static int LimitFor(
        ServiceType type,
        int? serviceDays,
        int? departmentDays,
        SlaOptions o
    ) => serviceDays ?? departmentDays ?? o.DefaultFor(type);

    /// <summary>The deadline of a ticket filed on <paramref name="filedOn"/> with a limit of <paramref name="days"/> working days.</summary>
    public static DateOnly Deadline(WorkingCalendar cal, DateOnly filedOn, int days) =>
        cal.AddWorkingDays(filedOn, Math.Max(0, days));

    /// <summary>
    /// The deadline of a ticket with everything that moved it: the limit, approved extensions and the working days
    /// spent waiting for documents — all counted from the day filed (adding working days in steps or at once gives
    /// the same day).
    /// </summary>
    public static DateOnly Deadline(
        WorkingCalendar cal,
        DateOnly filedOn,
        int days,
        int extensionDays,
        int pausedDays
    ) => Deadline(cal, filedOn, days + extensionDays + pausedDays);

    /// <summary>
    /// Working days the clock stood still while waiting for documents: the working days d with
    /// <paramref name="pausedOn"/> &lt; d ≤ <paramref name="resumedOn"/>. The day documents were asked for still
    /// counts (the officer worked on it that day); the day they arrive does not (like the day of filing, the clock
    /// starts again the next working day). Asked and received on the same day: 0.
    /// </summary>
    public static int PausedWorkingDays(
        WorkingCalendar cal,
        DateOnly pausedOn,
        DateOnly resumedOn
    ) => resumedOn <= pausedOn ? 0 : cal.CountWorkingDays(pausedOn.AddDays(1), resumedOn);

    /// <summary>The deadline after documents arrive: later by <see cref="PausedWorkingDays"/>.</summary>
    public static DateOnly Resume(
        WorkingCalendar cal,
        DateOnly dueOn,
        DateOnly pausedOn,
        DateOnly resumedOn
    ) => cal.AddWorkingDays(dueOn, PausedWorkingDays(cal, pausedOn, resumedOn));

    /// <summary>
    /// An extension may be asked for only before the deadline has passed (on the due day at the latest) — 《行政许可法》
    /// 第四十二条: "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日" (the extension is decided within the
    /// limit, by the head: here a workstation manager). Null when allowed, else the refusal's rule key.
    /// </summary>
    public static string? ExtensionRefusal(
        DateOnly today,
        DateOnly dueOn,
        int workingDays,
        int maxDays
    ) =>
        workingDays < 1 || workingDays > maxDays ? "Tickets.Rule.ExtensionDays"
        : today > dueOn ? "Tickets.Rule.ExtensionAfterDeadline"
        : null;

    /// <summary>The deadline moved by an approved extension of <paramref name="workingDays"/>.</summary>
    public static DateOnly Extend(WorkingCalendar cal, DateOnly dueOn, int workingDays) =>
        cal.AddWorkingDays(dueOn, workingDays);

    /// <summary>
    /// Working days left: the working days d with today &lt; d ≤ dueOn (0 on the due day itself); negative when
    /// overdue (minus the working days since the due day, at least −1).
    /// </summary>
    public static int Remaining(WorkingCalendar cal, DateOnly today, DateOnly dueOn) =>
        today <= dueOn
            ? cal.CountWorkingDays(today.AddDays(1), dueOn)
            : -Math.Max(1, cal.CountWorkingDays(dueOn.AddDays(1), today));

    public static bool IsOverdue(DateOnly today, DateOnly dueOn) => today > dueOn;

    /// <summary>Due soon: not overdue and at most <paramref name="reminderDays"/> working days left.</summary>
    public static bool IsDueSoon(
        WorkingCalendar cal,
        DateOnly today,
        DateOnly dueOn,
        int reminderDays
    ) => !IsOverdue(today, dueOn) && Remaining(cal, today, dueOn) <= reminderDays;

    public static SlaState State(
        WorkingCalendar cal,
        DateOnly today,
        DateOnly dueOn,
        bool paused,
        int reminderDays
    ) =>
        paused ? SlaState.Paused
        : IsOverdue(today, dueOn) ? SlaState.Overdue
        : IsDueSoon(cal, today, dueOn, reminderDays) ? SlaState.DueSoon
        : SlaState.OnTime;

    /// <summary>The first day on which a ticket is "due soon" (the reminder's day): the last day with at most
    /// <paramref name="reminderDays"/> working days left is every day from this one to the due day.</summary>
    public static DateOnly DueSoonFrom(WorkingCalendar cal, DateOnly dueOn, int reminderDays)
    {
        // Walk back: the earliest day d ≤ dueOn with Remaining(d) ≤ reminderDays.
        var d = dueOn;
        while (Remaining(cal, d.AddDays(-1), dueOn) <= reminderDays)
            d = d.AddDays(-1);
        return d;
    }
}
