using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Clock;

namespace Louyu.Tests.Services;

/// <summary>
/// The SLA clock's vectors on the 2026 official calendar (国务院办公厅 2025-11-04: 中秋节 9月25–27日, 国庆节 10月1–7日
/// off; Sunday 9月20日 and Saturday 10月10日 worked). The day of filing never counts.
/// </summary>
public sealed class SlaClockTests
{
    private static readonly WorkingCalendar Cal = OfficialHolidays.Calendar(2025, 2026);

    private static DateOnly D(string s) => DateOnly.Parse(s);

    [Theory]
    // Filed Friday: the weekend does not count.
    [InlineData("2026-11-27", 3, "2026-12-02")]
    [InlineData("2026-11-27", 1, "2026-11-30")]
    // Filed on a Saturday (e.g. Open311): the next working days count.
    [InlineData("2026-11-28", 1, "2026-11-30")]
    // National Day: 10月1–7日 off, Saturday 10月10日 worked.
    [InlineData("2026-09-30", 3, "2026-10-10")]
    // Mid-Autumn: Friday 9月25日 off.
    [InlineData("2026-09-24", 3, "2026-09-30")]
    // The adjusted working Sunday 9月20日 counts.
    [InlineData("2026-09-18", 1, "2026-09-20")]
    // A complaint (13 working days) across National Day.
    [InlineData("2026-09-28", 13, "2026-10-21")]
    // An application (20 working days) across the weekend only.
    [InlineData("2026-11-02", 20, "2026-11-30")]
    public void Deadline_counts_working_days_after_the_day_filed(
        string filed,
        int days,
        string due
    ) => Assert.Equal(D(due), SlaClock.Deadline(Cal, D(filed), days));

    [Theory]
    // Asked and received the same day: nothing is added.
    [InlineData("2026-11-25", "2026-11-25", 0)]
    // Across a weekend: Friday → Monday loses Monday only.
    [InlineData("2026-11-27", "2026-11-30", 1)]
    // Across National Day: 9月30日, 10月8日, 10月9日.
    [InlineData("2026-09-29", "2026-10-09", 3)]
    // Across the adjusted working Saturday 10月10日: it counts as a paused working day.
    [InlineData("2026-10-09", "2026-10-12", 2)]
    public void Paused_working_days_are_those_after_the_request_up_to_the_arrival(
        string paused,
        string resumed,
        int days
    ) => Assert.Equal(days, SlaClock.PausedWorkingDays(Cal, D(paused), D(resumed)));

    [Fact]
    public void Resume_moves_the_deadline_later_by_the_paused_working_days()
    {
        // Filed Monday 9月28日, a consultation: due 10月8日 (9月29日, 9月30日, 10月8日).
        var due = SlaClock.Deadline(Cal, D("2026-09-28"), 3);
        Assert.Equal(D("2026-10-08"), due);
        // Documents asked 9月29日, arrived 10月9日 (3 working days): 10月9日, 10月10日 (worked Saturday), 10月12日.
        Assert.Equal(D("2026-10-12"), SlaClock.Resume(Cal, due, D("2026-09-29"), D("2026-10-09")));
        // The same as counting everything from the day filed.
        Assert.Equal(
            SlaClock.Resume(Cal, due, D("2026-09-29"), D("2026-10-09")),
            SlaClock.Deadline(Cal, D("2026-09-28"), 3, 0, 3)
        );
    }

    [Fact]
    public void Extension_only_before_the_deadline_has_passed()
    {
        var due = D("2026-10-08");
        Assert.Null(SlaClock.ExtensionRefusal(D("2026-10-07"), due, 5, 30));
        Assert.Null(SlaClock.ExtensionRefusal(due, due, 5, 30));
        Assert.Equal(
            "Tickets.Rule.ExtensionAfterDeadline",
            SlaClock.ExtensionRefusal(D("2026-10-09"), due, 5, 30)
        );
        Assert.Equal("Tickets.Rule.ExtensionDays", SlaClock.ExtensionRefusal(due, due, 0, 30));
        Assert.Equal("Tickets.Rule.ExtensionDays", SlaClock.ExtensionRefusal(due, due, 31, 30));
        // +5 working days: 10月9日, 10月10日 (worked), 12日, 13日, 14日.
        Assert.Equal(D("2026-10-14"), SlaClock.Extend(Cal, due, 5));
    }

    [Theory]
    [InlineData("2026-11-27", "2026-12-02", 3, "OnTime")]
    [InlineData("2026-11-27", "2026-11-30", 1, "DueSoon")]
    [InlineData("2026-11-30", "2026-11-30", 0, "DueSoon")]
    [InlineData("2026-12-01", "2026-11-30", -1, "Overdue")]
    [InlineData("2026-12-04", "2026-11-30", -4, "Overdue")]
    // Over National Day 9月30日 → 10月8日 is one working day away: due soon.
    [InlineData("2026-09-30", "2026-10-08", 1, "DueSoon")]
    public void Remaining_and_state(string today, string due, int remaining, string state)
    {
        Assert.Equal(remaining, SlaClock.Remaining(Cal, D(today), D(due)));
        Assert.Equal(state, SlaClock.State(Cal, D(today), D(due), false, 1).ToString());
        Assert.Equal(SlaState.Paused, SlaClock.State(Cal, D(today), D(due), true, 1));
    }

    [Fact]
    public void Due_soon_horizon_is_the_last_due_day_within_the_reminder()
    {
        // Friday with 1 working day of notice: due Monday is due soon, Tuesday not yet.
        Assert.Equal(D("2026-11-30"), TicketTodoSource.DueSoonHorizon(Cal, D("2026-11-27"), 1));
        // Before National Day: 9月30日 + 1 → 10月8日 is due soon; the horizon runs to 10月8日.
        Assert.Equal(D("2026-10-08"), TicketTodoSource.DueSoonHorizon(Cal, D("2026-09-30"), 1));
        // Due Tuesday 12月1日: due soon from Monday 11月30日 (on Saturday two working days are still left).
        Assert.Equal(D("2026-11-30"), SlaClock.DueSoonFrom(Cal, D("2026-12-01"), 1));
    }

    [Fact]
    public void Limit_service_wins_then_department_row_then_default()
    {
        var o = new SlaOptions();
        Assert.Equal(3, SlaClock.LimitFor(ServiceType.Consult, null, null, o));
        Assert.Equal(13, SlaClock.LimitFor(ServiceType.Complain, null, null, o));
        Assert.Equal(20, SlaClock.LimitFor(ServiceType.Accept, null, null, o));
        Assert.Equal(5, SlaClock.LimitFor(ServiceType.Accept, null, 5, o));
        Assert.Equal(7, SlaClock.LimitFor(ServiceType.Accept, 7, 5, o));
    }

    [Theory]
    [InlineData("Sign", "Submitted", true)]
    [InlineData("Sign", "InProgress", false)]
    [InlineData("Reroute", "SentBack", true)]
    [InlineData("Reroute", "Submitted", false)]
    [InlineData("Reply", "AwaitingDocuments", false)]
    [InlineData("Rate", "Replied", true)]
    [InlineData("Rate", "InProgress", false)]
    [InlineData("DocumentsReceived", "AwaitingDocuments", true)]
    [InlineData("Close", "InProgress", false)]
    public void Transitions(string step, string status, bool allowed) =>
        Assert.Equal(
            allowed,
            TicketRules.Refusal(Enum.Parse<TicketStep>(step), Enum.Parse<TicketStatus>(status))
                is null
        );
}
