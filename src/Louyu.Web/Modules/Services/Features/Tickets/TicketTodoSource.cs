using System.Security.Claims;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>
/// Tickets in the to-do list: for an officer, the tickets of their queue (their signed ones and their departments'
/// unsigned ones) that are due soon or overdue, and the reopened ones with a follow-up (回访) due; for a workstation
/// manager, the overdue tickets, the sent-back ones to re-route and the extensions to decide. Deadlines by
/// <see cref="SlaClock"/>.
/// </summary>
public sealed class TicketTodoSource(
    LouyuDbContext db,
    HolidayCalendar calendar,
    IOptions<SlaOptions> options,
    IStringLocalizer<SharedResource> text
) : ITodoSource
{
    public string Kind => "tickets";

    /// <summary>The last due day that is "due soon" today: Remaining(today, d) ≤ reminderDays ⟺ d ≤ this day.</summary>
    public static DateOnly DueSoonHorizon(WorkingCalendar cal, DateOnly today, int reminderDays) =>
        cal.AddWorkingDays(today, reminderDays + 1).AddDays(-1);

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var v = TicketViewer.Of(user);
        if (!v.Staff)
            return TodoSlice.Empty;
        var cal = await calendar.GetAsync(ct);
        var horizon = DueSoonHorizon(cal, today, options.Value.ReminderWorkingDays);
        IQueryable<Ticket> q;
        if (v.Manager)
            q = db.Tickets.Where(t =>
                t.Status == TicketStatus.SentBack
                || t.ExtensionRequestedDays != null
                || (
                    (t.Status == TicketStatus.Submitted || t.Status == TicketStatus.InProgress)
                    && t.DueOn < today
                )
            );
        else
        {
            var departments = await db
                .Departments.AsNoTracking()
                .Where(d => v.DepartmentCodes.Contains(d.Code))
                .Select(d => d.Id)
                .ToListAsync(ct);
            q = db.Tickets.Where(t =>
                (
                    t.Status == TicketStatus.Submitted
                    && departments.Contains(t.DepartmentId)
                    && t.DueOn <= horizon
                )
                || (
                    t.OfficerUserId == v.UserId
                    && t.Status == TicketStatus.InProgress
                    && (t.DueOn <= horizon || t.FollowUpRequired)
                )
            );
        }
        var total = await q.CountAsync(ct);
        if (total == 0)
            return TodoSlice.Empty;
        var late = await q.CountAsync(
            t =>
                (t.Status == TicketStatus.Submitted || t.Status == TicketStatus.InProgress)
                && t.DueOn < today,
            ct
        );
        var rows = await q.AsNoTracking()
            .OrderBy(t => t.DueOn)
            .Take(limit)
            .Select(t => new
            {
                t.Id,
                t.Number,
                t.Status,
                t.DueOn,
                t.FilerName,
                t.FollowUpRequired,
                Pending = t.ExtensionRequestedDays != null,
            })
            .ToListAsync(ct);
        return new TodoSlice(
            total,
            late,
            [
                .. rows.Select(r =>
                {
                    var overdue =
                        r.Status is TicketStatus.Submitted or TicketStatus.InProgress
                        && r.DueOn < today;
                    var key =
                        v.Manager && r.Status == TicketStatus.SentBack ? "Todo.Ticket.SentBack"
                        : v.Manager && r.Pending ? "Todo.Ticket.Extension"
                        : overdue ? "Todo.Ticket.Overdue"
                        : r.FollowUpRequired ? "Todo.Ticket.FollowUp"
                        : "Todo.Ticket.DueSoon";
                    return new TodoItem(
                        Kind,
                        text[key, r.Number].Value,
                        r.FilerName,
                        r.DueOn,
                        overdue,
                        TicketLinks.Desk(r.Id),
                        text["Todo.Ticket.Rule"].Value
                    );
                }),
            ]
        );
    }
}
