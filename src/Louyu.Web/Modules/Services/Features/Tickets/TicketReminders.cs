using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>What one reminder run did.</summary>
public sealed record ReminderRun(int Reminded, int Escalated);

/// <summary>
/// Reminders and escalation (every <see cref="SlaOptions.ReminderIntervalMinutes"/>): the officer (or, before anyone
/// signed, the department's officers) is told once when a ticket becomes due soon; when the deadline passes the
/// workstation managers are told once and the ticket gets an "Escalated" step. Once per deadline: a moved deadline
/// (extension, documents) reminds again. Paused tickets (awaiting documents) and answered ones are skipped. Several
/// instances may run: each reminder is claimed by a conditional update first. Tests call <see cref="RunOnceAsync"/>.
/// </summary>
public sealed class TicketReminders(
    IServiceScopeFactory scopes,
    IOptions<SlaOptions> options,
    TimeProvider clock,
    ILogger<TicketReminders> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled)
            return;
        var delay = TimeSpan.FromMinutes(Math.Max(0.05, options.Value.ReminderIntervalMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Ticket reminder run failed");
            }
        }
    }

    private static readonly TicketStatus[] Running =
    [
        TicketStatus.Submitted,
        TicketStatus.InProgress,
        TicketStatus.SentBack,
    ];

    /// <summary>One run: reminds and escalates what is due now.</summary>
    public async Task<ReminderRun> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LouyuDbContext>();
        var cal = await sp.GetRequiredService<HolidayCalendar>().GetAsync(ct);
        var text = sp.GetRequiredService<IStringLocalizer<SharedResource>>();
        var notifier = sp.GetRequiredService<Notifier>();
        var push = sp.GetRequiredService<TicketPush>();
        var o = options.Value;
        var today = ShanghaiTime.Today(clock);
        var horizon = TicketTodoSource.DueSoonHorizon(cal, today, o.ReminderWorkingDays);
        var candidates = await db
            .Tickets.AsNoTracking()
            .Where(t => Running.Contains(t.Status) && t.DueOn <= horizon)
            .Where(t =>
                t.DueSoonNotifiedFor == null
                || t.DueSoonNotifiedFor != t.DueOn
                || t.EscalatedFor == null
                || t.EscalatedFor != t.DueOn
            )
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        List<string>? managers = null;
        var reminded = 0;
        var escalated = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var t in candidates)
        {
            var due = t.DueOn;
            var dept = departments[t.DepartmentId];
            if (SlaClock.IsOverdue(today, due))
            {
                if (t.EscalatedFor == due)
                    continue;
                var claimed = await db
                    .Tickets.Where(x =>
                        x.Id == t.Id
                        && x.DueOn == due
                        && (x.EscalatedFor == null || x.EscalatedFor != due)
                    )
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.EscalatedFor, due), ct);
                if (claimed == 0)
                    continue;
                managers ??= await TicketService.ManagersAsync(db, ct);
                var body = text[
                    "Tickets.Notice.OverdueBody",
                    dept.Name,
                    due.ToString("yyyy-MM-dd"),
                    t.OfficerName ?? "—"
                ].Value;
                await notifier.NotifyAsync(
                    managers,
                    text["Tickets.Notice.OverdueTitle", t.Number].Value,
                    body,
                    TicketLinks.Desk(t.Id),
                    ct
                );
                if (t.OfficerUserId is { } officer)
                    await notifier.NotifyAsync(
                        [officer],
                        text["Tickets.Notice.OverdueTitle", t.Number].Value,
                        body,
                        TicketLinks.Desk(t.Id),
                        ct
                    );
                db.TicketEvents.Add(Event(t, TicketEventKinds.Escalated, body, now));
                escalated++;
            }
            else if (SlaClock.IsDueSoon(cal, today, due, o.ReminderWorkingDays))
            {
                if (t.DueSoonNotifiedFor == due)
                    continue;
                var claimed = await db
                    .Tickets.Where(x =>
                        x.Id == t.Id
                        && x.DueOn == due
                        && (x.DueSoonNotifiedFor == null || x.DueSoonNotifiedFor != due)
                    )
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.DueSoonNotifiedFor, due), ct);
                if (claimed == 0)
                    continue;
                var to = t.OfficerUserId is { } officer
                    ? [officer]
                    : await TicketService.OfficersAsync(db, dept.Code, ct);
                var body = text[
                    "Tickets.Notice.DueSoonBody",
                    due.ToString("yyyy-MM-dd"),
                    SlaClock.Remaining(cal, today, due)
                ].Value;
                await notifier.NotifyAsync(
                    to,
                    text["Tickets.Notice.DueSoonTitle", t.Number].Value,
                    body,
                    TicketLinks.Desk(t.Id),
                    ct
                );
                db.TicketEvents.Add(Event(t, TicketEventKinds.Reminded, body, now));
                reminded++;
            }
            else
                continue;
            push.Changed(dept.Code, dept.Id, t.Id);
            await db.SaveChangesAsync(ct);
        }
        return new ReminderRun(reminded, escalated);
    }

    private static TicketEvent Event(Ticket t, string kind, string note, DateTime now) =>
        new()
        {
            Id = Guid.NewGuid(),
            TicketId = t.Id,
            AtUtc = now,
            Kind = kind,
            StatusAfter = t.Status,
            Note = note,
            Public = false,
        };
}
