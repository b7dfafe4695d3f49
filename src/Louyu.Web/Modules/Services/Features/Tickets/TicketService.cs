using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Files;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>
/// The workstation's tickets: filing through the API, the lists (mine, queue, department, sent back), a ticket with its
/// history, and every step of the workflow (<see cref="TicketRules"/>), each a <see cref="TicketEvent"/>, each pushed
/// live to the department. Scope is enforced in the queries: a filer sees their own tickets, an officer their
/// departments', a workstation manager all; anything else is "not found".
/// Decisions: a re-routed ticket starts a new clock at the new department (its full limit, from the day of re-routing:
/// the new department cannot be held to time it never had; the wait is in the history). A reopened ticket (dissatisfied
/// rating) gets a fresh limit from the day it reopened and a follow-up (回访) is due until the officer replies again.
/// </summary>
public sealed class TicketService(
    LouyuDbContext db,
    TicketFiling filing,
    SlaPolicy sla,
    IEnterpriseDirectory enterprises,
    Notifier notifier,
    TicketPush push,
    IStringLocalizer<SharedResource> text,
    IConfiguration config,
    TimeProvider clock
)
{
    public const int MaxExtensionWorkingDays = 30;
    public const long MaxAttachmentBytes = 10 * 1024 * 1024;

    // ---------------------------------------------------------------- filing

    /// <summary>
    /// Files a ticket through the API. A contact or employee files online, for an enterprise they act for (or none);
    /// an officer or manager files at the desk for a walk-in or a phone call (channel WalkIn or Phone, the filer's
    /// name and phone required), for any enterprise.
    /// </summary>
    public async Task<(FilingResult? Result, TicketProblem? Problem)> FileAsync(
        ClaimsPrincipal user,
        NewTicketRequest r,
        string? idempotencyKey,
        CancellationToken ct
    )
    {
        var v = TicketViewer.Of(user);
        var channel = TicketChannel.Online;
        if (!string.IsNullOrWhiteSpace(r.Channel))
        {
            if (
                !Enum.TryParse<TicketChannel>(r.Channel.Trim(), true, out channel)
                || !Enum.IsDefined(channel)
                || channel == TicketChannel.Open311
            )
                return (null, TicketProblem.Invalid("channel", "Tickets.ChannelUnknown"));
        }
        if (r.ServiceId is null)
            return (null, TicketProblem.Invalid("serviceId", "Validation.Required"));
        var atDesk = channel is TicketChannel.WalkIn or TicketChannel.Phone;
        if (atDesk && !v.Staff)
            return (null, TicketProblem.Invalid("channel", "Tickets.DeskOnly"));
        string filerName;
        if (atDesk)
        {
            filerName = r.FilerName ?? "";
            if (string.IsNullOrWhiteSpace(r.FilerPhone))
                return (null, TicketProblem.Invalid("filerPhone", "Validation.Required"));
        }
        else
        {
            filerName = string.IsNullOrWhiteSpace(r.FilerName) ? v.Name : r.FilerName;
            if (r.EnterpriseId is { } eid && !v.Staff)
            {
                var mine = await enterprises.EnterprisesOfUserAsync(v.UserId, ct);
                if (!mine.Contains(eid))
                    return (
                        null,
                        TicketProblem.Invalid("enterpriseId", "Tickets.NotYourEnterprise")
                    );
            }
        }
        var result = await filing.FileAsync(
            new FileTicket(
                r.ServiceId.Value,
                r.Description ?? "",
                channel,
                r.EnterpriseId,
                filerName,
                r.FilerPhone,
                r.FilerEmail,
                r.Address,
                atDesk ? null : v.UserId,
                atDesk ? v.UserId : null,
                r.Attributes ?? new Dictionary<string, string>(),
                idempotencyKey
            ),
            ct
        );
        return (result, null);
    }

    // ---------------------------------------------------------------- queries

    public static readonly string[] Scopes = ["mine", "queue", "department", "sentback", "signed"];

    private async Task<List<Guid>> DepartmentIdsAsync(TicketViewer v, CancellationToken ct) =>
        v.DepartmentCodes.Count == 0
            ? []
            : await db
                .Departments.AsNoTracking()
                .Where(d => v.DepartmentCodes.Contains(d.Code))
                .Select(d => d.Id)
                .ToListAsync(ct);

    /// <summary>The caller, the ids of the departments they are an officer of, and the tickets they may see at all.</summary>
    private sealed record Scope(
        TicketViewer Viewer,
        List<Guid> Departments,
        IQueryable<Ticket> Tickets
    );

    private async Task<Scope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var v = TicketViewer.Of(user);
        var departments = await DepartmentIdsAsync(v, ct);
        return new(v, departments, Visible(v, departments));
    }

    /// <summary>The tickets the viewer may see at all.</summary>
    private IQueryable<Ticket> Visible(TicketViewer v, List<Guid> departments) =>
        v.Manager ? db.Tickets
        : departments.Count > 0
            ? db.Tickets.Where(t =>
                departments.Contains(t.DepartmentId) || t.FiledByUserId == v.UserId
            )
        : db.Tickets.Where(t => t.FiledByUserId == v.UserId);

    /// <summary>
    /// GET /api/v1/tickets: scope mine (filed by the caller), queue (an officer's signed open tickets and their
    /// departments' unsigned ones, by deadline), department (all of the departments'), sentback (waiting to be
    /// re-routed), signed (the caller's signed tickets, any state). Default: queue for staff, mine otherwise.
    /// </summary>
    public async Task<(TicketPage? Page, TicketProblem? Problem)> ListAsync(
        ClaimsPrincipal user,
        string? scope,
        string? status,
        Guid? departmentId,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var v = TicketViewer.Of(user);
        scope = string.IsNullOrWhiteSpace(scope)
            ? (v.Staff ? "queue" : "mine")
            : scope.Trim().ToLowerInvariant();
        if (!Scopes.Contains(scope))
            return (
                null,
                TicketProblem.Invalid("scope", "Tickets.ScopeUnknown", string.Join(", ", Scopes))
            );
        if (page < 1)
            return (null, TicketProblem.Invalid("page", "Validation.Page"));
        if (pageSize is < 1 or > 200)
            return (null, TicketProblem.Invalid("pageSize", "Validation.PageSize", 200));
        var statuses = new List<TicketStatus>();
        foreach (
            var s in (status ?? "").Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            if (!Enum.TryParse<TicketStatus>(s, true, out var st) || !Enum.IsDefined(st))
                return (null, TicketProblem.Invalid("status", "Tickets.StatusUnknown"));
            statuses.Add(st);
        }
        if (scope is "queue" or "department" or "sentback" or "signed" && !v.Staff)
            return (null, new TicketProblem(403, "Problem.OutOfScope"));

        var departments = await DepartmentIdsAsync(v, ct);
        var q = Visible(v, departments);
        var staffDepartments = v.Manager ? null : departments;
        switch (scope)
        {
            case "mine":
                q = q.Where(t => t.FiledByUserId == v.UserId);
                break;
            case "queue":
                q = staffDepartments is null
                    ? q.Where(t =>
                        t.Status == TicketStatus.Submitted
                        || (
                            t.OfficerUserId == v.UserId
                            && (
                                t.Status == TicketStatus.InProgress
                                || t.Status == TicketStatus.AwaitingDocuments
                            )
                        )
                    )
                    : q.Where(t =>
                        (
                            t.Status == TicketStatus.Submitted
                            && staffDepartments.Contains(t.DepartmentId)
                        )
                        || (
                            t.OfficerUserId == v.UserId
                            && (
                                t.Status == TicketStatus.InProgress
                                || t.Status == TicketStatus.AwaitingDocuments
                            )
                        )
                    );
                break;
            case "department":
                if (staffDepartments is not null)
                    q = q.Where(t => staffDepartments.Contains(t.DepartmentId));
                break;
            case "sentback":
                q = q.Where(t => t.Status == TicketStatus.SentBack);
                if (staffDepartments is not null)
                    q = q.Where(t => staffDepartments.Contains(t.DepartmentId));
                break;
            case "signed":
                q = q.Where(t => t.OfficerUserId == v.UserId);
                break;
        }
        if (departmentId is { } did)
            q = q.Where(t => t.DepartmentId == did);
        if (statuses.Count > 0)
            q = q.Where(t => statuses.Contains(t.Status));
        var total = await q.CountAsync(ct);
        var ordered =
            scope == "mine"
                ? q.OrderByDescending(t => t.FiledAtUtc).ThenBy(t => t.Number)
                : q.OrderBy(t => t.DueOn).ThenBy(t => t.FiledAtUtc).ThenBy(t => t.Number);
        var tickets = await ordered
            .AsNoTracking()
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        var rows = await RowsAsync(tickets, ct);
        return (new TicketPage(rows, page, pageSize, total), null);
    }

    private async Task<List<TicketRow>> RowsAsync(
        IReadOnlyList<Ticket> tickets,
        CancellationToken ct
    )
    {
        var serviceIds = tickets.Select(t => t.ServiceId).Distinct().ToList();
        var departmentIds = tickets.Select(t => t.DepartmentId).Distinct().ToList();
        var services = await db
            .WorkstationServices.AsNoTracking()
            .Where(s => serviceIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, ct);
        var departments = await db
            .Departments.AsNoTracking()
            .Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, ct);
        var cal = await sla.CalendarAsync(ct);
        var today = sla.Today;
        var en = Thread.CurrentThread.CurrentUICulture.Name.StartsWith(
            "en",
            StringComparison.Ordinal
        );
        return
        [
            .. tickets.Select(t =>
            {
                var s = services.GetValueOrDefault(t.ServiceId);
                var d = departments.GetValueOrDefault(t.DepartmentId);
                return Row(t, s, d, cal, today, en);
            }),
        ];
    }

    private TicketRow Row(
        Ticket t,
        WorkstationService? s,
        Department? d,
        WorkingCalendar cal,
        DateOnly today,
        bool en
    )
    {
        var open = t.Status is not (TicketStatus.Closed or TicketStatus.Replied);
        var state = !open
            ? "Done"
            : SlaClock
                .State(
                    cal,
                    today,
                    t.DueOn,
                    t.Status == TicketStatus.AwaitingDocuments,
                    sla.Options.ReminderWorkingDays
                )
                .ToString();
        return new TicketRow(
            t.Id,
            t.Number,
            t.ServiceId,
            (en ? s?.NameEn : null) ?? s?.Name ?? "",
            t.DepartmentId,
            d?.Code ?? "",
            (en ? d?.NameEn : null) ?? d?.Name ?? "",
            t.Type.ToString(),
            t.Status.ToString(),
            t.Channel.ToString(),
            t.EnterpriseId,
            t.FilerName,
            t.Description.Length <= 120 ? t.Description : t.Description[..120] + "…",
            t.FiledAtUtc,
            t.DueOn,
            state,
            SlaClock.Remaining(cal, today, t.DueOn),
            t.OfficerUserId,
            t.OfficerName,
            t.Round,
            t.FollowUpRequired,
            t.ExtensionRequestedDays is not null,
            t.Rating?.ToString(),
            t.Version
        );
    }

    /// <summary>GET /api/v1/tickets/{id}: the ticket with its history (internal notes hidden from the filer).</summary>
    public async Task<(TicketDetail? Ticket, TicketProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var (v, departments, visible) = await ScopeAsync(user, ct);
        var t = await visible.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is null
            ? (null, TicketProblem.NotFound)
            : (await DetailAsync(t, v, departments, ct), null);
    }

    private async Task<TicketDetail> DetailAsync(
        Ticket t,
        TicketViewer v,
        List<Guid> departments,
        CancellationToken ct
    )
    {
        var staff = v.Manager || departments.Contains(t.DepartmentId);
        var row = (await RowsAsync([t], ct))[0];
        var events = await db
            .TicketEvents.AsNoTracking()
            .Where(e => e.TicketId == t.Id && (staff || e.Public))
            .OrderBy(e => e.AtUtc)
            .ToListAsync(ct);
        var attributes = await db
            .ServiceAttributes.AsNoTracking()
            .Where(a => a.ServiceId == t.ServiceId)
            .ToListAsync(ct);
        var values = await db
            .TicketAttributeValues.AsNoTracking()
            .Where(a => a.TicketId == t.Id)
            .ToListAsync(ct);
        var attachments = await db
            .TicketAttachments.AsNoTracking()
            .Where(a => a.TicketId == t.Id)
            .OrderBy(a => a.UploadedAtUtc)
            .ToListAsync(ct);
        return new TicketDetail(
            row,
            t.Description,
            t.FilerPhone,
            t.FilerEmail,
            t.Address,
            t.Reply,
            t.SignedAtUtc,
            t.RepliedAtUtc,
            t.ClosedAtUtc,
            t.SlaWorkingDays,
            t.ExtensionWorkingDays,
            t.PausedWorkingDays,
            t.PausedSince,
            staff ? t.ExtensionRequestedDays : null,
            staff ? t.ExtensionRequestedReason : null,
            t.RatingComment,
            [
                .. values.Select(x =>
                {
                    var a = attributes.FirstOrDefault(a => a.Code == x.Code);
                    return new TicketAttributeView(
                        x.Code,
                        a?.Description ?? x.Code,
                        Label(a, x.Value)
                    );
                }),
            ],
            [
                .. events.Select(e => new TicketEventView(
                    e.Id,
                    e.AtUtc,
                    e.Kind,
                    e.StatusAfter?.ToString(),
                    e.ActorName,
                    e.Note,
                    e.Public
                )),
            ],
            [.. attachments.Select(View)],
            [.. Allowed(t, v, departments).Select(s => s.ToString())]
        );
    }

    private static string Label(ServiceAttribute? a, string value)
    {
        if (a is null || a.DataType is not ("singlevaluelist" or "multivaluelist"))
            return value;
        var options = TicketFiling.ListValues(a.ValuesJson);
        return string.Join(
            "、",
            value.Split(',').Select(k => options.FirstOrDefault(o => o.Key == k)?.Name ?? k)
        );
    }

    /// <summary>The steps <paramref name="v"/> may take on the ticket now.</summary>
    public static IEnumerable<TicketStep> Allowed(
        Ticket t,
        TicketViewer v,
        List<Guid> departments
    ) =>
        Enum.GetValues<TicketStep>()
            .Where(s =>
                Permitted(s, t, v, departments)
                && TicketRules.Refusal(s, t.Status) is null
                && (s != TicketStep.DecideExtension || t.ExtensionRequestedDays is not null)
                && (s != TicketStep.RequestExtension || t.ExtensionRequestedDays is null)
                && (s != TicketStep.Rate || t.RatedRound < t.Round)
            );

    private static bool Permitted(TicketStep step, Ticket t, TicketViewer v, List<Guid> departments)
    {
        var officer = departments.Contains(t.DepartmentId);
        var filer = t.FiledByUserId is not null && t.FiledByUserId == v.UserId;
        return step switch
        {
            TicketStep.Reroute or TicketStep.DecideExtension => v.Manager,
            TicketStep.Rate => filer,
            TicketStep.DocumentsReceived => filer || officer || v.Manager,
            _ => officer || v.Manager,
        };
    }

    // ---------------------------------------------------------------- steps

    private sealed record StepContext(
        Ticket Ticket,
        Department Department,
        TicketViewer Viewer,
        WorkingCalendar Calendar,
        DateOnly Today,
        DateTime Now
    );

    /// <summary>
    /// Runs one step: finds the ticket in the caller's scope (404), checks the caller may take it (403), the version
    /// (409) and the state (422), applies it, records the event, bumps the version and pushes the change.
    /// </summary>
    private async Task<(TicketDetail? Ticket, TicketProblem? Problem)> StepAsync(
        ClaimsPrincipal user,
        Guid id,
        int? version,
        TicketStep step,
        Func<StepContext, Task<TicketProblem?>> apply,
        CancellationToken ct
    )
    {
        var (v, departments, visible) = await ScopeAsync(user, ct);
        var t = await visible.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
            return (null, TicketProblem.NotFound);
        if (!Permitted(step, t, v, departments))
            return (null, TicketProblem.Forbidden);
        if (version is { } ver && ver != t.Version)
            return (null, TicketProblem.Stale);
        if (TicketRules.Refusal(step, t.Status) is { } rule)
            return (
                null,
                TicketProblem.Refused(
                    rule,
                    TicketRules.Source,
                    text[$"Tickets.Step.{step}"].Value,
                    text[$"Tickets.Status.{t.Status}"].Value
                )
            );
        var department = await db
            .Departments.AsNoTracking()
            .FirstAsync(d => d.Id == t.DepartmentId, ct);
        var ctx = new StepContext(
            t,
            department,
            v,
            await sla.CalendarAsync(ct),
            sla.Today,
            clock.GetUtcNow().UtcDateTime
        );
        if (await apply(ctx) is { } problem)
            return (null, problem);
        t.UpdatedAtUtc = ctx.Now;
        t.Version++;
        if (await PushAsync(t, ct) != department.Id)
            push.Changed(department.Code, department.Id, t.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, TicketProblem.Stale);
        }
        return (await DetailAsync(t, v, departments, ct), null);
    }

    /// <summary>Pushes the change to the ticket's (current) department; returns that department's id.</summary>
    private async Task<Guid> PushAsync(Ticket t, CancellationToken ct)
    {
        var d = await db.Departments.AsNoTracking().FirstAsync(x => x.Id == t.DepartmentId, ct);
        push.Changed(d.Code, d.Id, t.Id);
        return d.Id;
    }

    /// <summary>What a rule returns when the step may go ahead.</summary>
    private const TicketProblem? Done = null;

    /// <summary>A step whose rule reads and writes nothing else (no notice to send).</summary>
    private Task<(TicketDetail? Ticket, TicketProblem? Problem)> StepAsync(
        ClaimsPrincipal user,
        Guid id,
        int? version,
        TicketStep step,
        Func<StepContext, TicketProblem?> apply,
        CancellationToken ct
    ) => StepAsync(user, id, version, step, c => Task.FromResult(apply(c)), ct);

    private void Event(StepContext c, string kind, string? note, bool isPublic = true) =>
        Event(c.Ticket, c.Viewer, c.Now, kind, note, isPublic);

    private void Event(
        Ticket t,
        TicketViewer v,
        DateTime now,
        string kind,
        string? note,
        bool isPublic = true
    ) =>
        db.TicketEvents.Add(
            new TicketEvent
            {
                Id = Guid.NewGuid(),
                TicketId = t.Id,
                AtUtc = now,
                Kind = kind,
                StatusAfter = t.Status,
                ActorUserId = v.UserId,
                ActorName = v.Name,
                Note = note,
                Public = isPublic,
            }
        );

    /// <summary>A required text: trimmed, not empty, at most <paramref name="max"/> characters.</summary>
    private static TicketProblem? Text(string field, string? value, int max, out string clean) =>
        OptionalText(field, value, max, out clean)
        ?? (clean.Length == 0 ? TicketProblem.Invalid(field, "Validation.Required") : null);

    /// <summary>An optional text: trimmed (empty when absent), at most <paramref name="max"/> characters.</summary>
    private static TicketProblem? OptionalText(
        string field,
        string? value,
        int max,
        out string clean
    )
    {
        clean = (value ?? "").Trim();
        return clean.Length > max ? TicketProblem.Invalid(field, "Validation.TooLong", max) : null;
    }

    private Task NotifyFilerAsync(Ticket t, string titleKey, string body, CancellationToken ct) =>
        t.FiledByUserId is { } filer
            ? notifier.NotifyAsync(
                [filer],
                text[titleKey, t.Number].Value,
                body,
                TicketLinks.Mine(t.Id),
                ct
            )
            : Task.CompletedTask;

    private async Task NotifyManagersAsync(
        Ticket t,
        string titleKey,
        string body,
        CancellationToken ct
    ) =>
        await notifier.NotifyAsync(
            await ManagersAsync(db, ct),
            text[titleKey, t.Number].Value,
            body,
            TicketLinks.Desk(t.Id),
            ct
        );

    /// <summary>The workstation managers' user ids (administrator, committee secretary, party worker grants).</summary>
    public static async Task<List<string>> ManagersAsync(LouyuDbContext db, CancellationToken ct) =>
        await db
            .RoleGrants.AsNoTracking()
            .Where(g => TicketViewer.ManagerRoles.Contains(g.Role))
            .Select(g => g.UserId)
            .Distinct()
            .ToListAsync(ct);

    /// <summary>The user ids of the department's officers (DepartmentOfficer grants on its code).</summary>
    public static async Task<List<string>> OfficersAsync(
        LouyuDbContext db,
        string departmentCode,
        CancellationToken ct
    ) =>
        await db
            .RoleGrants.AsNoTracking()
            .Where(g =>
                g.Role == LouyuRoles.DepartmentOfficer
                && g.ScopeKind == ScopeKind.Department
                && g.ScopeId == departmentCode
            )
            .Select(g => g.UserId)
            .Distinct()
            .ToListAsync(ct);

    /// <summary>签收: an officer of the department takes the ticket.</summary>
    public Task<(TicketDetail?, TicketProblem?)> SignAsync(
        ClaimsPrincipal user,
        Guid id,
        StepRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.Sign,
            c =>
            {
                c.Ticket.Status = TicketStatus.InProgress;
                c.Ticket.OfficerUserId = c.Viewer.UserId;
                c.Ticket.OfficerName = c.Viewer.Name;
                c.Ticket.SignedAtUtc = c.Now;
                Event(c, TicketEventKinds.SignedFor, null);
                return Done;
            },
            ct
        );

    /// <summary>退单: the department sends it back to the workstation with a reason (not its business).</summary>
    public Task<(TicketDetail?, TicketProblem?)> SendBackAsync(
        ClaimsPrincipal user,
        Guid id,
        SendBackRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.SendBack,
            async c =>
            {
                if (Text("reason", r.Reason, 1000, out var reason) is { } p)
                    return p;
                c.Ticket.Status = TicketStatus.SentBack;
                c.Ticket.OfficerUserId = null;
                c.Ticket.OfficerName = null;
                c.Ticket.SignedAtUtc = null;
                Event(c, TicketEventKinds.SentBack, reason);
                await NotifyManagersAsync(c.Ticket, "Tickets.Notice.SentBackTitle", reason, ct);
                return Done;
            },
            ct
        );

    /// <summary>改派: a manager routes a sent-back ticket to another service; a new clock starts at its department.</summary>
    public Task<(TicketDetail?, TicketProblem?)> RerouteAsync(
        ClaimsPrincipal user,
        Guid id,
        RerouteRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.Reroute,
            async c =>
            {
                if (r.ServiceId is null)
                    return TicketProblem.Invalid("serviceId", "Validation.Required");
                var service = await db
                    .WorkstationServices.AsNoTracking()
                    .FirstOrDefaultAsync(s => s.Id == r.ServiceId && s.Active, ct);
                var dept = service is null
                    ? null
                    : await db
                        .Departments.AsNoTracking()
                        .FirstOrDefaultAsync(d => d.Id == service.DepartmentId && d.Active, ct);
                if (service is null || dept is null)
                    return TicketProblem.Invalid("serviceId", "Tickets.ServiceNotFound");
                if (OptionalText("reason", r.Reason, 1000, out var note) is { } p)
                    return p;
                var limit = await sla.LimitAsync(service, ct);
                var t = c.Ticket;
                t.ServiceId = service.Id;
                t.DepartmentId = dept.Id;
                t.Type = service.Type;
                t.Status = TicketStatus.Submitted;
                t.SlaWorkingDays = limit;
                t.ExtensionWorkingDays = 0;
                t.PausedWorkingDays = 0;
                t.PausedSince = null;
                t.ExtensionRequestedDays = null;
                t.ExtensionRequestedReason = null;
                t.DueOn = SlaClock.Deadline(c.Calendar, c.Today, limit);
                t.DueSoonNotifiedFor = null;
                t.EscalatedFor = null;
                Event(
                    c,
                    TicketEventKinds.Rerouted,
                    string.IsNullOrEmpty(note)
                        ? $"{dept.Name} · {service.Name}"
                        : $"{dept.Name} · {service.Name}：{note}"
                );
                var officers = await OfficersAsync(db, dept.Code, ct);
                await notifier.NotifyAsync(
                    officers,
                    text["Tickets.Notice.FiledTitle", t.Number, service.Name].Value,
                    t.Description.Length <= 200 ? t.Description : t.Description[..200],
                    TicketLinks.Desk(t.Id),
                    ct
                );
                return Done;
            },
            ct
        );

    /// <summary>A note: public (the filer sees it) or internal (officers and managers only).</summary>
    public Task<(TicketDetail?, TicketProblem?)> NoteAsync(
        ClaimsPrincipal user,
        Guid id,
        NoteRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            null,
            TicketStep.Note,
            c =>
            {
                if (Text("note", r.Note, 4000, out var note) is { } p)
                    return p;
                Event(c, TicketEventKinds.Note, note, r.Public);
                return Done;
            },
            ct
        );

    /// <summary>补件: the officer asks for documents; the clock stops from today (<see cref="SlaClock.PausedWorkingDays"/>).</summary>
    public Task<(TicketDetail?, TicketProblem?)> RequestDocumentsAsync(
        ClaimsPrincipal user,
        Guid id,
        RequestDocumentsRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.RequestDocuments,
            async c =>
            {
                if (Text("what", r.What, 2000, out var what) is { } p)
                    return p;
                c.Ticket.Status = TicketStatus.AwaitingDocuments;
                c.Ticket.PausedSince = c.Today;
                Event(c, TicketEventKinds.DocumentsRequested, what);
                await NotifyFilerAsync(c.Ticket, "Tickets.Notice.DocumentsTitle", what, ct);
                return Done;
            },
            ct
        );

    /// <summary>Documents arrived (the filer or an officer says so): the clock runs again, the deadline moves later.</summary>
    public Task<(TicketDetail?, TicketProblem?)> DocumentsReceivedAsync(
        ClaimsPrincipal user,
        Guid id,
        StepRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.DocumentsReceived,
            c =>
            {
                var t = c.Ticket;
                var since = t.PausedSince ?? c.Today;
                var paused = SlaClock.PausedWorkingDays(c.Calendar, since, c.Today);
                t.PausedWorkingDays += paused;
                t.DueOn = SlaClock.Resume(c.Calendar, t.DueOn, since, c.Today);
                t.PausedSince = null;
                t.Status = TicketStatus.InProgress;
                t.DueSoonNotifiedFor = null;
                t.EscalatedFor = null;
                var note = (r.Note ?? "").Trim();
                Event(
                    c,
                    TicketEventKinds.DocumentsReceived,
                    text["Tickets.Event.Resumed", paused, t.DueOn.ToString("yyyy-MM-dd")].Value
                        + (note.Length > 0 ? " " + (note.Length > 1000 ? note[..1000] : note) : "")
                );
                return Done;
            },
            ct
        );

    /// <summary>延期: the officer asks for more working days, before the deadline has passed.</summary>
    public Task<(TicketDetail?, TicketProblem?)> RequestExtensionAsync(
        ClaimsPrincipal user,
        Guid id,
        ExtensionRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.RequestExtension,
            async c =>
            {
                var t = c.Ticket;
                if (r.WorkingDays is null)
                    return TicketProblem.Invalid("workingDays", "Validation.Required");
                if (Text("reason", r.Reason, 1000, out var reason) is { } p)
                    return p;
                if (t.ExtensionRequestedDays is not null)
                    return TicketProblem.Refused("Tickets.Rule.ExtensionPending", SlaClock.Source);
                if (
                    SlaClock.ExtensionRefusal(
                        c.Today,
                        t.DueOn,
                        r.WorkingDays.Value,
                        MaxExtensionWorkingDays
                    ) is
                    { } rule
                )
                    return rule == "Tickets.Rule.ExtensionDays"
                        ? TicketProblem.Invalid(
                            "workingDays",
                            "Validation.Range",
                            1,
                            MaxExtensionWorkingDays
                        )
                        : TicketProblem.Refused(
                            rule,
                            SlaClock.Source,
                            t.DueOn.ToString("yyyy-MM-dd")
                        );
                t.ExtensionRequestedDays = r.WorkingDays;
                t.ExtensionRequestedReason = reason;
                Event(
                    c,
                    TicketEventKinds.ExtensionRequested,
                    text["Tickets.Event.ExtensionAsked", r.WorkingDays.Value, reason].Value,
                    false
                );
                await NotifyManagersAsync(t, "Tickets.Notice.ExtensionTitle", reason, ct);
                return Done;
            },
            ct
        );

    /// <summary>A manager approves (the deadline moves by the working days asked) or refuses the pending extension.</summary>
    public Task<(TicketDetail?, TicketProblem?)> DecideExtensionAsync(
        ClaimsPrincipal user,
        Guid id,
        string decision,
        StepRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.DecideExtension,
            async c =>
            {
                var t = c.Ticket;
                var approve = string.Equals(
                    decision,
                    "approve",
                    StringComparison.OrdinalIgnoreCase
                );
                if (
                    !approve
                    && !string.Equals(decision, "refuse", StringComparison.OrdinalIgnoreCase)
                )
                    return TicketProblem.Invalid("decision", "Tickets.DecisionUnknown");
                if (t.ExtensionRequestedDays is not { } days)
                    return TicketProblem.Refused(
                        "Tickets.Rule.NoExtensionPending",
                        SlaClock.Source
                    );
                if (OptionalText("note", r.Note, 1000, out var note) is { } p)
                    return p;
                if (approve)
                {
                    t.ExtensionWorkingDays += days;
                    t.DueOn = SlaClock.Extend(c.Calendar, t.DueOn, days);
                    t.DueSoonNotifiedFor = null;
                    t.EscalatedFor = null;
                }
                t.ExtensionRequestedDays = null;
                t.ExtensionRequestedReason = null;
                var what = approve
                    ? text[
                        "Tickets.Event.ExtensionApproved",
                        days,
                        t.DueOn.ToString("yyyy-MM-dd")
                    ].Value
                    : text["Tickets.Event.ExtensionRefused", days].Value;
                Event(
                    c,
                    approve
                        ? TicketEventKinds.ExtensionApproved
                        : TicketEventKinds.ExtensionRefused,
                    note.Length > 0 ? what + " " + note : what,
                    approve
                );
                if (t.OfficerUserId is { } officer)
                    await notifier.NotifyAsync(
                        [officer],
                        text[
                            approve
                                ? "Tickets.Notice.ExtensionApprovedTitle"
                                : "Tickets.Notice.ExtensionRefusedTitle",
                            t.Number
                        ].Value,
                        what,
                        TicketLinks.Desk(t.Id),
                        ct
                    );
                return Done;
            },
            ct
        );

    /// <summary>答复: the officer answers the filer.</summary>
    public Task<(TicketDetail?, TicketProblem?)> ReplyAsync(
        ClaimsPrincipal user,
        Guid id,
        ReplyRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.Reply,
            async c =>
            {
                if (Text("reply", r.Reply, 4000, out var reply) is { } p)
                    return p;
                var t = c.Ticket;
                t.Reply = reply;
                t.RepliedAtUtc = c.Now;
                t.Status = TicketStatus.Replied;
                t.FollowUpRequired = false;
                t.OfficerUserId ??= c.Viewer.UserId;
                t.OfficerName ??= c.Viewer.Name;
                Event(c, TicketEventKinds.Replied, reply);
                await NotifyFilerAsync(
                    t,
                    "Tickets.Notice.RepliedTitle",
                    reply.Length <= 200 ? reply : reply[..200],
                    ct
                );
                return Done;
            },
            ct
        );

    /// <summary>办结: the officer closes a replied ticket.</summary>
    public Task<(TicketDetail?, TicketProblem?)> CloseAsync(
        ClaimsPrincipal user,
        Guid id,
        StepRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.Close,
            c =>
            {
                if (OptionalText("note", r.Note, 1000, out var note) is { } p)
                    return p;
                c.Ticket.Status = TicketStatus.Closed;
                c.Ticket.ClosedAtUtc = c.Now;
                Event(c, TicketEventKinds.Closed, note.Length > 0 ? note : null);
                return Done;
            },
            ct
        );

    /// <summary>
    /// 评价: the filer rates the reply (once a round). Satisfied grades close the ticket; a dissatisfied grade in the
    /// first round reopens it: round 2, back to the same officer, a fresh limit from today and a follow-up (回访) due.
    /// </summary>
    public Task<(TicketDetail?, TicketProblem?)> RateAsync(
        ClaimsPrincipal user,
        Guid id,
        RateRequest r,
        CancellationToken ct
    ) =>
        StepAsync(
            user,
            id,
            r.Version,
            TicketStep.Rate,
            async c =>
            {
                var t = c.Ticket;
                if (
                    string.IsNullOrWhiteSpace(r.Grade)
                    || !Enum.TryParse<SatisfactionGrade>(r.Grade.Trim(), true, out var grade)
                    || !Enum.IsDefined(grade)
                    || int.TryParse(r.Grade, out _)
                )
                    return TicketProblem.Invalid("grade", "Tickets.GradeUnknown");
                if (OptionalText("comment", r.Comment, 1000, out var comment) is { } p)
                    return p;
                if (t.RatedRound >= t.Round)
                    return TicketProblem.Refused("Tickets.Rule.AlreadyRated", TicketRules.Source);
                t.Rating = grade;
                t.RatingComment = comment.Length > 0 ? comment : null;
                t.RatedRound = t.Round;
                var gradeName = text[$"Tickets.Grade.{grade}"].Value;
                if (TicketRules.Reopens(grade) && t.Round < TicketRules.MaxRounds)
                {
                    Event(
                        c,
                        TicketEventKinds.Rated,
                        comment.Length > 0 ? $"{gradeName}：{comment}" : gradeName
                    );
                    t.Round++;
                    t.Status = TicketStatus.InProgress;
                    t.ClosedAtUtc = null;
                    t.FollowUpRequired = true;
                    t.DueOn = SlaClock.Deadline(c.Calendar, c.Today, t.SlaWorkingDays);
                    t.DueSoonNotifiedFor = null;
                    t.EscalatedFor = null;
                    Event(
                        c,
                        TicketEventKinds.Reopened,
                        text[
                            "Tickets.Event.Reopened",
                            t.Round,
                            t.DueOn.ToString("yyyy-MM-dd")
                        ].Value
                    );
                    var to = t.OfficerUserId is { } o ? new[] { o } : [];
                    await notifier.NotifyAsync(
                        to,
                        text["Tickets.Notice.ReopenedTitle", t.Number].Value,
                        comment.Length > 0 ? comment : gradeName,
                        TicketLinks.Desk(t.Id),
                        ct
                    );
                }
                else
                {
                    if (t.Status != TicketStatus.Closed)
                    {
                        t.Status = TicketStatus.Closed;
                        t.ClosedAtUtc = c.Now;
                    }
                    Event(
                        c,
                        TicketEventKinds.Rated,
                        comment.Length > 0 ? $"{gradeName}：{comment}" : gradeName
                    );
                }
                return Done;
            },
            ct
        );

    // ---------------------------------------------------------------- attachments

    private static readonly (string Extension, string ContentType, byte[] Magic)[] Types =
    [
        (".pdf", "application/pdf", "%PDF"u8.ToArray()),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            [0x50, 0x4B, 0x03, 0x04]
        ),
        (
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            [0x50, 0x4B, 0x03, 0x04]
        ),
    ];

    /// <summary>The accepted file name endings (PDF, JPEG, PNG, Word, Excel — each checked by its first bytes).</summary>
    public static string AttachmentExtensions => string.Join(",", Types.Select(t => t.Extension));

    /// <summary>Attaches a file (filer, officer or manager; ≤ 10 MB; the type checked by content and name).</summary>
    public async Task<(AttachmentView? Attachment, TicketProblem? Problem)> AttachAsync(
        ClaimsPrincipal user,
        Guid id,
        string? fileName,
        long length,
        Stream content,
        CancellationToken ct
    )
    {
        var (v, departments, visible) = await ScopeAsync(user, ct);
        var t = await visible.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
            return (null, TicketProblem.NotFound);
        if (t.Status == TicketStatus.Closed)
            return (
                null,
                TicketProblem.Refused("Tickets.Rule.ClosedNoAttachments", TicketRules.Source)
            );
        if (length <= 0)
            return (null, TicketProblem.Invalid("file", "Validation.Required"));
        if (length > MaxAttachmentBytes)
            return (
                null,
                TicketProblem.Invalid(
                    "file",
                    "Tickets.AttachmentTooLarge",
                    MaxAttachmentBytes / 1024 / 1024
                )
            );
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxAttachmentBytes)
            return (
                null,
                TicketProblem.Invalid(
                    "file",
                    "Tickets.AttachmentTooLarge",
                    MaxAttachmentBytes / 1024 / 1024
                )
            );
        var bytes = buffer.ToArray();
        var name = CleanName(fileName ?? "file");
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var type = Types.FirstOrDefault(x =>
            x.Extension == ext && bytes.AsSpan().StartsWith(x.Magic)
        );
        if (type.ContentType is null)
            return (
                null,
                TicketProblem.Invalid("file", "Tickets.AttachmentType", AttachmentExtensions)
            );
        var attachmentId = Guid.NewGuid();
        var relative = Path.Combine("tickets", t.Id.ToString("N"), attachmentId.ToString("N"));
        var full = Path.Combine(DataDirectory.Resolve(config), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var a = new TicketAttachment
        {
            Id = attachmentId,
            TicketId = t.Id,
            FileName = name,
            ContentType = type.ContentType,
            SizeBytes = bytes.Length,
            StoredPath = relative,
            UploadedByUserId = v.UserId,
            UploadedByName = v.Name,
            UploadedAtUtc = now,
        };
        db.TicketAttachments.Add(a);
        Event(t, v, now, TicketEventKinds.Attached, name);
        t.UpdatedAtUtc = now;
        await PushAsync(t, ct);
        await db.SaveChangesAsync(ct);
        return (View(a), null);
    }

    public async Task<(
        IReadOnlyList<AttachmentView>? Attachments,
        TicketProblem? Problem
    )> AttachmentsAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        if (!await (await ScopeAsync(user, ct)).Tickets.AnyAsync(x => x.Id == id, ct))
            return (null, TicketProblem.NotFound);
        var list = await db
            .TicketAttachments.AsNoTracking()
            .Where(a => a.TicketId == id)
            .OrderBy(a => a.UploadedAtUtc)
            .ToListAsync(ct);
        return ([.. list.Select(View)], null);
    }

    public async Task<(string Path, string ContentType, string FileName)?> AttachmentFileAsync(
        ClaimsPrincipal user,
        Guid id,
        Guid attachmentId,
        CancellationToken ct
    )
    {
        if (!await (await ScopeAsync(user, ct)).Tickets.AnyAsync(x => x.Id == id, ct))
            return null;
        var a = await db
            .TicketAttachments.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == attachmentId && x.TicketId == id, ct);
        if (a is null)
            return null;
        var full = Path.Combine(DataDirectory.Resolve(config), a.StoredPath);
        return File.Exists(full) ? (full, a.ContentType, a.FileName) : null;
    }

    private static AttachmentView View(TicketAttachment a) =>
        new(
            a.Id,
            a.FileName,
            a.ContentType,
            a.SizeBytes,
            a.UploadedByName,
            a.UploadedAtUtc,
            $"/api/v1/tickets/{a.TicketId}/attachments/{a.Id}"
        );

    private static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0)
            name = "file";
        return name.Length <= 200 ? name : name[^200..];
    }
}
