using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Ui;

/// <summary>What a page did: done, or field errors (camelCase keys as the API returns them), or a refusal in words.</summary>
public sealed record ActionOutcome(
    bool Ok,
    IReadOnlyDictionary<string, string[]> Errors,
    string? Problem
)
{
    public static readonly ActionOutcome Done = new(true, new Dictionary<string, string[]>(), null);
}

/// <summary>
/// The workstation's screens over <see cref="TicketService"/>: its lists and tickets shaped for the pages (with the
/// enterprises' names and the SLA state as an enum), its steps with the outcome in words, and the boards' counts.
/// Scope is the ticket service's (a filer their own tickets, an officer their departments', a manager all); the
/// boards count in the same scope.
/// </summary>
public sealed class TicketScreens(
    TicketService tickets,
    LouyuDbContext db,
    IEnterpriseDirectory enterprises,
    IStringLocalizer<SharedResource> text
)
{
    private const int ListSize = 200;

    public Task<IReadOnlyList<DirectoryDepartment>> DirectoryAsync(CancellationToken ct) =>
        DirectoryQuery.DepartmentsAsync(db, ct);

    // ------------------------------------------------------------------ lists

    /// <summary>The tickets the user filed, newest first.</summary>
    public Task<IReadOnlyList<TicketCard>> MineAsync(ClaimsPrincipal user, CancellationToken ct) =>
        ListAsync(user, "mine", null, ct);

    /// <summary>An officer's queue (their signed open tickets, their departments' unsigned ones) or the whole department, by deadline.</summary>
    public Task<IReadOnlyList<TicketCard>> QueueAsync(
        ClaimsPrincipal user,
        bool wholeDepartment,
        CancellationToken ct
    ) => ListAsync(user, wholeDepartment ? "department" : "queue", null, ct);

    /// <summary>Tickets sent back by a department, waiting to be re-routed.</summary>
    public Task<IReadOnlyList<TicketCard>> SentBackAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    ) => ListAsync(user, "sentback", null, ct);

    /// <summary>Open tickets with an extension asked and not decided yet.</summary>
    public async Task<IReadOnlyList<TicketCard>> ExtensionsPendingAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    ) =>
        [
            .. (await ListAsync(user, "department", "InProgress,AwaitingDocuments", ct)).Where(c =>
                c.ExtensionPending
            ),
        ];

    /// <summary>The departments whose live changes a page listens to: an officer's; empty (= every one) for a manager.</summary>
    public async Task<IReadOnlyList<string>> LiveDepartmentsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var codes = WorkstationUi.OfficerDepartments(user);
        if (codes.Count == 0)
            return [];
        var ids = await db
            .Departments.AsNoTracking()
            .Where(d => codes.Contains(d.Code))
            .Select(d => d.Id)
            .ToListAsync(ct);
        return [.. ids.Select(id => id.ToString().ToLowerInvariant())];
    }

    private async Task<IReadOnlyList<TicketCard>> ListAsync(
        ClaimsPrincipal user,
        string scope,
        string? status,
        CancellationToken ct,
        Guid? departmentId = null
    )
    {
        var (page, problem) = await tickets.ListAsync(
            user,
            scope,
            status,
            departmentId,
            1,
            ListSize,
            ct
        );
        if (page is null || problem is not null)
            return [];
        return await CardsAsync(page.Items, ct);
    }

    // ------------------------------------------------------------------ one ticket

    /// <summary>One ticket as the viewer may see it; null when not found or not theirs. The filer's page shows public steps only.</summary>
    public async Task<TicketScreen?> TicketAsync(
        ClaimsPrincipal user,
        Guid id,
        bool asFiler,
        CancellationToken ct
    )
    {
        var (detail, _) = await tickets.GetAsync(user, id, ct);
        if (detail is null)
            return null;
        var card = (await CardsAsync([detail.Ticket], ct))[0];
        var steps = detail
            .Events.Where(e => !asFiler || e.Public)
            .Select(e => new TimelineStep(
                e.AtUtc,
                e.Kind,
                e.StatusAfter,
                e.ActorName,
                e.Note,
                e.Public
            ))
            .ToList();
        return new TicketScreen(card, detail, steps, detail.Actions.ToHashSet());
    }

    // ------------------------------------------------------------------ filing

    /// <summary>A contact or employee files online (for the enterprise they chose among theirs), with attachments.</summary>
    public Task<(IReadOnlyDictionary<string, string[]> Errors, Guid? Id)> FileOnlineAsync(
        ClaimsPrincipal user,
        Guid serviceId,
        string? description,
        string? phone,
        Guid? enterpriseId,
        IReadOnlyDictionary<string, string> attributes,
        string idempotencyKey,
        IFormFileCollection files,
        CancellationToken ct
    ) =>
        FileAsync(
            user,
            new NewTicketRequest(
                serviceId,
                description,
                enterpriseId,
                null,
                null,
                string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
                Attributes: attributes
            ),
            idempotencyKey,
            files,
            ct
        );

    /// <summary>An officer files at the desk for a walk-in or a caller.</summary>
    public Task<(IReadOnlyDictionary<string, string[]> Errors, Guid? Id)> FileAtDeskAsync(
        ClaimsPrincipal user,
        Guid serviceId,
        string? description,
        TicketChannel channel,
        Guid? enterpriseId,
        string? filerName,
        string? phone,
        IReadOnlyDictionary<string, string> attributes,
        string idempotencyKey,
        IFormFileCollection files,
        CancellationToken ct
    ) =>
        FileAsync(
            user,
            new NewTicketRequest(
                serviceId,
                description,
                enterpriseId,
                channel.ToString(),
                filerName,
                phone,
                Attributes: attributes
            ),
            idempotencyKey,
            files,
            ct
        );

    private async Task<(IReadOnlyDictionary<string, string[]> Errors, Guid? Id)> FileAsync(
        ClaimsPrincipal user,
        NewTicketRequest request,
        string idempotencyKey,
        IFormFileCollection files,
        CancellationToken ct
    )
    {
        var (result, problem) = await tickets.FileAsync(user, request, idempotencyKey, ct);
        if (problem is not null)
            return (ErrorsOf(problem), null);
        if (result is null || result.Ticket is null)
            return (result?.Errors ?? new Dictionary<string, string[]>(), null);
        // A repeated key (a double tap) returns the ticket filed the first time; its files went with it.
        if (!result.Ticket.AlreadyFiled)
            await AttachFilesAsync(user, result.Ticket.Id, files, ct);
        return (new Dictionary<string, string[]>(), result.Ticket.Id);
    }

    // ------------------------------------------------------------------ steps

    public Task<ActionOutcome> SignAsync(
        ClaimsPrincipal user,
        Guid id,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.SignAsync(user, id, new StepRequest(version), ct));

    public Task<ActionOutcome> SendBackAsync(
        ClaimsPrincipal user,
        Guid id,
        string? reason,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.SendBackAsync(user, id, new SendBackRequest(reason, version), ct));

    public Task<ActionOutcome> RerouteAsync(
        ClaimsPrincipal user,
        Guid id,
        Guid? serviceId,
        int? version,
        CancellationToken ct
    ) =>
        StepAsync(tickets.RerouteAsync(user, id, new RerouteRequest(serviceId, null, version), ct));

    public Task<ActionOutcome> NoteAsync(
        ClaimsPrincipal user,
        Guid id,
        string? note,
        bool isPublic,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.NoteAsync(user, id, new NoteRequest(note, isPublic), ct));

    public Task<ActionOutcome> RequestDocumentsAsync(
        ClaimsPrincipal user,
        Guid id,
        string? what,
        int? version,
        CancellationToken ct
    ) =>
        StepAsync(
            tickets.RequestDocumentsAsync(user, id, new RequestDocumentsRequest(what, version), ct)
        );

    public Task<ActionOutcome> DocumentsReceivedAsync(
        ClaimsPrincipal user,
        Guid id,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.DocumentsReceivedAsync(user, id, new StepRequest(version), ct));

    /// <summary>The filer sends the documents asked for: the files are attached, then the clock restarts.</summary>
    public async Task<ActionOutcome> DocumentsFromFilerAsync(
        ClaimsPrincipal user,
        Guid id,
        IFormFileCollection files,
        string? note,
        CancellationToken ct
    )
    {
        if (files.Count == 0 || files.All(f => f.Length == 0))
            return new ActionOutcome(
                false,
                new Dictionary<string, string[]>
                {
                    ["files"] = [text["WsUi.DocumentsNeedFile"].Value],
                },
                null
            );
        var attached = await AttachFilesAsync(user, id, files, ct);
        if (!attached.Ok)
            return attached;
        return await StepAsync(
            tickets.DocumentsReceivedAsync(
                user,
                id,
                new StepRequest(null, string.IsNullOrWhiteSpace(note) ? null : note.Trim()),
                ct
            )
        );
    }

    public Task<ActionOutcome> ReplyAsync(
        ClaimsPrincipal user,
        Guid id,
        string? reply,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.ReplyAsync(user, id, new ReplyRequest(reply, version), ct));

    public Task<ActionOutcome> CloseAsync(
        ClaimsPrincipal user,
        Guid id,
        int? version,
        CancellationToken ct
    ) => StepAsync(tickets.CloseAsync(user, id, new StepRequest(version), ct));

    public Task<ActionOutcome> AskExtensionAsync(
        ClaimsPrincipal user,
        Guid id,
        int? workingDays,
        string? reason,
        int? version,
        CancellationToken ct
    ) =>
        StepAsync(
            tickets.RequestExtensionAsync(
                user,
                id,
                new ExtensionRequest(workingDays, reason, version),
                ct
            )
        );

    public Task<ActionOutcome> DecideExtensionAsync(
        ClaimsPrincipal user,
        Guid id,
        bool approve,
        int? version,
        CancellationToken ct
    ) =>
        StepAsync(
            tickets.DecideExtensionAsync(
                user,
                id,
                approve ? "approve" : "refuse",
                new StepRequest(version),
                ct
            )
        );

    public Task<ActionOutcome> RateAsync(
        ClaimsPrincipal user,
        Guid id,
        string? grade,
        string? comment,
        CancellationToken ct
    ) =>
        StepAsync(
            tickets.RateAsync(
                user,
                id,
                new RateRequest(
                    string.IsNullOrWhiteSpace(grade) ? null : grade,
                    string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()
                ),
                ct
            )
        );

    public Task<ActionOutcome> AttachAsync(
        ClaimsPrincipal user,
        Guid id,
        IFormFileCollection files,
        CancellationToken ct
    ) =>
        files.Count == 0 || files.All(f => f.Length == 0)
            ? Task.FromResult(
                new ActionOutcome(
                    false,
                    new Dictionary<string, string[]>
                    {
                        ["files"] = [text["WsUi.DocumentsNeedFile"].Value],
                    },
                    null
                )
            )
            : AttachFilesAsync(user, id, files, ct);

    private async Task<ActionOutcome> AttachFilesAsync(
        ClaimsPrincipal user,
        Guid id,
        IFormFileCollection files,
        CancellationToken ct
    )
    {
        foreach (var f in files.Where(f => f.Length > 0))
        {
            await using var stream = f.OpenReadStream();
            var (_, problem) = await tickets.AttachAsync(
                user,
                id,
                f.FileName,
                f.Length,
                stream,
                ct
            );
            if (problem is not null)
            {
                var outcome = Outcome(problem);
                // The service names the field "file"; the forms call it "files".
                return outcome with
                {
                    Errors = outcome.Errors.ToDictionary(
                        e => e.Key == "file" ? "files" : e.Key,
                        e => e.Value.Select(m => $"{f.FileName}：{m}").ToArray()
                    ),
                };
            }
        }
        return ActionOutcome.Done;
    }

    private async Task<ActionOutcome> StepAsync(Task<(TicketDetail?, TicketProblem?)> step)
    {
        var (_, problem) = await step;
        return problem is null ? ActionOutcome.Done : Outcome(problem);
    }

    private ActionOutcome Outcome(TicketProblem p)
    {
        var errors = ErrorsOf(p);
        string? message = null;
        if (p.Rule is not null)
            message =
                text[p.Rule, p.RuleArgs ?? []].Value
                + (p.Source is null ? "" : " " + text["WsUi.RuleSource", p.Source].Value);
        else if (errors.Count == 0)
            message = p.Status switch
            {
                409 => text["WsUi.Stale"].Value,
                404 => text["WsUi.TicketMissing"].Value,
                _ => text[p.TitleKey ?? "WsUi.NotAllowed"].Value,
            };
        return new ActionOutcome(false, errors, message);
    }

    private Dictionary<string, string[]> ErrorsOf(TicketProblem p) =>
        (p.Errors ?? [])
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => text[e.Key, e.Args].Value).ToArray());

    // ------------------------------------------------------------------ boards

    /// <summary>
    /// A department's board: <paramref name="code"/> for a manager (any department) or an officer (their own);
    /// without a code, the officer's first department. Null when none may be shown.
    /// </summary>
    public async Task<BoardView?> BoardAsync(
        ClaimsPrincipal user,
        string? code,
        CancellationToken ct
    )
    {
        var own = WorkstationUi.OfficerDepartments(user);
        code ??= own.Count > 0 ? own[0] : null;
        if (code is null || (!WorkstationUi.IsManager(user) && !own.Contains(code)))
            return null;
        var department = await db
            .Departments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Code == code, ct);
        if (department is null)
            return null;
        var open = await ListAsync(
            user,
            "department",
            "Submitted,SentBack,InProgress,AwaitingDocuments,Replied",
            ct,
            department.Id
        );
        return (await BoardsOfAsync([department], open, ct))[0];
    }

    /// <summary>Every active department's figures, without the lists (managers).</summary>
    public async Task<IReadOnlyList<BoardView>> BoardsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        if (!WorkstationUi.IsManager(user))
            return [];
        var departments = await db
            .Departments.AsNoTracking()
            .Where(d => d.Active)
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Code)
            .ToListAsync(ct);
        var open = await ListAsync(
            user,
            "department",
            "Submitted,SentBack,InProgress,AwaitingDocuments,Replied",
            ct
        );
        return await BoardsOfAsync(departments, open, ct, withLists: false);
    }

    private async Task<IReadOnlyList<BoardView>> BoardsOfAsync(
        IReadOnlyList<Department> departments,
        IReadOnlyList<TicketCard> open,
        CancellationToken ct,
        bool withLists = true
    )
    {
        var ids = departments.Select(d => d.Id).ToList();
        var counts = await db
            .Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.DepartmentId))
            .GroupBy(t => new { t.DepartmentId, t.Status })
            .Select(g => new
            {
                g.Key.DepartmentId,
                g.Key.Status,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var ratings = await db
            .Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.DepartmentId) && t.Rating != null)
            .Select(t => new { t.DepartmentId, t.Rating })
            .ToListAsync(ct);
        var departmentOf = await db
            .Tickets.AsNoTracking()
            .Where(t => ids.Contains(t.DepartmentId) && t.Status != TicketStatus.Closed)
            .Select(t => new { t.Id, t.DepartmentId })
            .ToDictionaryAsync(t => t.Id, t => t.DepartmentId, ct);
        return
        [
            .. departments.Select(d =>
            {
                var mine = open.Where(c => departmentOf.GetValueOrDefault(c.Id) == d.Id).ToList();
                var rated = ratings
                    .Where(r => r.DepartmentId == d.Id)
                    .Select(r => (int)r.Rating!.Value)
                    .ToList();
                return new BoardView(
                    d.Id,
                    d.Code,
                    WorkstationUi.Name(d.Name, d.NameEn),
                    counts
                        .Where(c => c.DepartmentId == d.Id)
                        .ToDictionary(c => c.Status, c => c.Count),
                    mine.Count(c => !c.Done && c.Sla == SlaState.DueSoon),
                    mine.Count(c => !c.Done && c.Sla == SlaState.Overdue),
                    rated.Count == 0 ? null : rated.Average(),
                    rated.Count,
                    withLists ? mine : []
                );
            }),
        ];
    }

    // ------------------------------------------------------------------ shaping

    private async Task<IReadOnlyList<TicketCard>> CardsAsync(
        IReadOnlyList<TicketRow> rows,
        CancellationToken ct
    )
    {
        if (rows.Count == 0)
            return [];
        var enterpriseIds = rows.Where(r => r.EnterpriseId != null)
            .Select(r => r.EnterpriseId!.Value)
            .Distinct()
            .ToList();
        var names =
            enterpriseIds.Count == 0
                ? new Dictionary<Guid, string>()
                : (await enterprises.EnterprisesAsync(enterpriseIds, ct)).ToDictionary(
                    e => e.Id,
                    e => e.Name
                );
        return
        [
            .. rows.Select(r =>
                Card(r, r.EnterpriseId is Guid e ? names.GetValueOrDefault(e) : null)
            ),
        ];
    }

    private static TicketCard Card(TicketRow r, string? enterpriseName)
    {
        var done = !Enum.TryParse<SlaState>(r.SlaState, out var state);
        return new TicketCard(
            r.Id,
            r.Number,
            r.ServiceName,
            r.DepartmentName,
            Enum.Parse<ServiceType>(r.Type),
            Enum.Parse<TicketStatus>(r.Status),
            r.DueOn,
            r.RemainingWorkingDays,
            state,
            r.FilerName,
            enterpriseName,
            r.OfficerName,
            r.FiledAtUtc,
            r.Round,
            Enum.TryParse<SatisfactionGrade>(r.Rating, out var g) ? g : null,
            r.Summary.Length <= 60 ? r.Summary : r.Summary[..60] + "…",
            done,
            r.FollowUpRequired,
            r.ExtensionPending,
            r.Version
        );
    }
}
