using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.PartyWork;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Workers;

/// <summary>A party worker as sent by a client.</summary>
public sealed class PartyWorkerInput
{
    public string? Name { get; set; }
    public string? BuildingId { get; set; }
    public string? StartedOn { get; set; }
    public string? EndedOn { get; set; }
    public string? UserId { get; set; }
}

public sealed record PartyWorkerResponse(
    Guid Id,
    string Name,
    Guid BuildingId,
    string BuildingName,
    DateOnly StartedOn,
    DateOnly? EndedOn,
    bool IsCurrent,
    string? UserId,
    int Instructing
);

/// <summary>An instructor assignment as sent by a client (POST), or its end (PUT: toDate).</summary>
public sealed class InstructorInput
{
    public string? EnterpriseId { get; set; }
    public string? PartyWorkerId { get; set; }
    public string? FromDate { get; set; }
    public string? ToDate { get; set; }
}

public sealed record InstructorResponse(
    Guid Id,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid BuildingId,
    string BuildingName,
    Guid PartyWorkerId,
    string PartyWorkerName,
    DateOnly FromDate,
    DateOnly? ToDate,
    bool IsCurrent
);

/// <summary>
/// Full-time party workers (专职党务工作者) of the buildings and the instructors (党建指导员) they are for enterprises
/// without an organisation of their own (domain-rules §6, work coverage). Scope in every query: readers see their
/// buildings; committee secretary, party workers and administrators change records of their buildings.
/// </summary>
public sealed class WorkerService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    public const string InstructorSource =
        "依据"
        + CoverageRules.CoverageSource
        + "（工作覆盖：未建立党组织的企业选派党建工作指导员）";
    public const string InstructorForOwnOrganization = "InstructorForOwnOrganization";

    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<PartyWorkAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        PartyWorkAccess.ResolveAsync(scopes, db, user, ct);

    private IQueryable<PartyWorker> Workers(BuildingScope scope)
    {
        var rows = db.PartyWorkers.AsNoTracking();
        if (scope.Filter is { } ids)
            rows = rows.Where(w => ids.Contains(w.BuildingId));
        return rows;
    }

    public async Task<Outcome<Paged<PartyWorkerResponse>>> ListWorkersAsync(
        ClaimsPrincipal user,
        string? buildingId,
        bool? current,
        string? q,
        int? pageNumber,
        int? pageSize,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<Paged<PartyWorkerResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, pageNumber, pageSize);
        var building = FieldRules.Id(errors, "buildingId", buildingId, false);
        var name = FieldRules.Text(errors, "q", q, 100, false);
        if (errors.Count > 0)
            return Outcome<Paged<PartyWorkerResponse>>.Invalid(errors);
        if (building is not null && !access.Read.Allows(building.Value))
            return Outcome<Paged<PartyWorkerResponse>>.Forbidden();
        var today = Today;
        var rows = Workers(access.Read);
        if (building is not null)
            rows = rows.Where(w => w.BuildingId == building.Value);
        if (current == true)
            rows = rows.Where(w =>
                w.StartedOn <= today && (w.EndedOn == null || w.EndedOn > today)
            );
        else if (current == false)
            rows = rows.Where(w => w.EndedOn != null && w.EndedOn <= today);
        if (name is not null)
            rows = rows.Where(w => w.Name.Contains(name));
        var total = await rows.CountAsync(ct);
        var items = await Project(
                rows.OrderBy(w => w.EndedOn != null)
                    .ThenBy(w => w.Name)
                    .ThenBy(w => w.Id)
                    .Skip((page - 1) * size)
                    .Take(size),
                today
            )
            .ToListAsync(ct);
        return Outcome<Paged<PartyWorkerResponse>>.Ok(new(items, page, size, total));
    }

    private IQueryable<PartyWorkerResponse> Project(IQueryable<PartyWorker> rows, DateOnly today) =>
        rows.Select(w => new PartyWorkerResponse(
            w.Id,
            w.Name,
            w.BuildingId,
            db.Buildings.Where(b => b.Id == w.BuildingId).Select(b => b.Name).FirstOrDefault()
                ?? "",
            w.StartedOn,
            w.EndedOn,
            w.StartedOn <= today && (w.EndedOn == null || w.EndedOn > today),
            w.UserId,
            db.InstructorAssignments.Count(a =>
                a.PartyWorkerId == w.Id && (a.ToDate == null || a.ToDate > today)
            )
        ));

    public async Task<Outcome<PartyWorkerResponse>> GetWorkerAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<PartyWorkerResponse>.Forbidden();
        var w = await Project(Workers(access.Read).Where(w => w.Id == id), Today)
            .FirstOrDefaultAsync(ct);
        return w is null
            ? Outcome<PartyWorkerResponse>.NotFound()
            : Outcome<PartyWorkerResponse>.Ok(w);
    }

    private sealed record WorkerValues(
        string Name,
        Guid BuildingId,
        DateOnly StartedOn,
        DateOnly? EndedOn,
        string? UserId
    );

    private async Task<(WorkerValues? Values, List<FieldError> Errors)> ValidateAsync(
        PartyWorkerInput input,
        CancellationToken ct
    )
    {
        var errors = new List<FieldError>();
        var today = Today;
        var name = FieldRules.Text(errors, "name", input.Name, 100, required: true);
        var building = FieldRules.Id(errors, "buildingId", input.BuildingId, required: true);
        var started = FieldRules.Date(errors, "startedOn", input.StartedOn, today, required: true);
        var ended = FieldRules.Date(errors, "endedOn", input.EndedOn, today, required: false);
        if (started is not null && ended is not null && ended < started)
            errors.Add(FieldError.Of("endedOn", "Validation.EndedBeforeStarted"));
        var userId = FieldRules.Text(errors, "userId", input.UserId, 450, required: false);
        if (building is not null && !await db.Buildings.AnyAsync(b => b.Id == building.Value, ct))
            errors.Add(FieldError.Of("buildingId", "Validation.BuildingNotFound"));
        if (userId is not null && !await db.Users.AnyAsync(u => u.Id == userId, ct))
            errors.Add(FieldError.Of("userId", "Validation.UserNotFound"));
        if (errors.Count > 0)
            return (null, errors);
        return (new WorkerValues(name!, building!.Value, started!.Value, ended, userId), errors);
    }

    public async Task<Outcome<PartyWorkerResponse>> CreateWorkerAsync(
        ClaimsPrincipal user,
        PartyWorkerInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<PartyWorkerResponse>.Forbidden(access.RefusalKey);
        var (v, errors) = await ValidateAsync(input, ct);
        if (v is null)
            return Outcome<PartyWorkerResponse>.Invalid(errors);
        if (!access.Write.Allows(v.BuildingId))
            return Outcome<PartyWorkerResponse>.Forbidden();
        var w = new PartyWorker
        {
            Id = Guid.CreateVersion7(),
            Name = v.Name,
            BuildingId = v.BuildingId,
            StartedOn = v.StartedOn,
            EndedOn = v.EndedOn,
            UserId = v.UserId,
        };
        db.PartyWorkers.Add(w);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await GetWorkerAsync(user, w.Id, ct);
    }

    public async Task<Outcome<PartyWorkerResponse>> UpdateWorkerAsync(
        ClaimsPrincipal user,
        Guid id,
        PartyWorkerInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<PartyWorkerResponse>.Forbidden();
        var w = await db.PartyWorkers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null || !access.Read.Allows(w.BuildingId))
            return Outcome<PartyWorkerResponse>.NotFound();
        if (!access.Write.Allows(w.BuildingId))
            return Outcome<PartyWorkerResponse>.Forbidden(access.RefusalKey);
        var (v, errors) = await ValidateAsync(input, ct);
        if (v is null)
            return Outcome<PartyWorkerResponse>.Invalid(errors);
        if (!access.Write.Allows(v.BuildingId))
            return Outcome<PartyWorkerResponse>.Forbidden();
        w.Name = v.Name;
        w.BuildingId = v.BuildingId;
        w.StartedOn = v.StartedOn;
        w.EndedOn = v.EndedOn;
        w.UserId = v.UserId;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await GetWorkerAsync(user, id, ct);
    }

    /// <summary>An assignment as queried (members EF can filter and sort on).</summary>
    private sealed class AssignmentRow
    {
        public Guid Id { get; init; }
        public Guid EnterpriseId { get; init; }
        public required string EnterpriseName { get; init; }
        public Guid BuildingId { get; init; }
        public required string BuildingName { get; init; }
        public Guid PartyWorkerId { get; init; }
        public required string PartyWorkerName { get; init; }
        public DateOnly FromDate { get; init; }
        public DateOnly? ToDate { get; init; }
        public bool IsCurrent { get; init; }

        public InstructorResponse ToResponse() =>
            new(
                Id,
                EnterpriseId,
                EnterpriseName,
                BuildingId,
                BuildingName,
                PartyWorkerId,
                PartyWorkerName,
                FromDate,
                ToDate,
                IsCurrent
            );
    }

    private IQueryable<AssignmentRow> Assignments(BuildingScope scope, DateOnly today)
    {
        var rows =
            from a in db.InstructorAssignments.AsNoTracking()
            join e in db.Enterprises on a.EnterpriseId equals e.Id
            join b in db.Buildings on e.BuildingId equals b.Id
            join w in db.PartyWorkers on a.PartyWorkerId equals w.Id
            select new AssignmentRow
            {
                Id = a.Id,
                EnterpriseId = e.Id,
                EnterpriseName = e.Name,
                BuildingId = b.Id,
                BuildingName = b.Name,
                PartyWorkerId = w.Id,
                PartyWorkerName = w.Name,
                FromDate = a.FromDate,
                ToDate = a.ToDate,
                IsCurrent = a.FromDate <= today && (a.ToDate == null || a.ToDate > today),
            };
        if (scope.Filter is { } ids)
            rows = rows.Where(r => ids.Contains(r.BuildingId));
        return rows;
    }

    public async Task<Outcome<Paged<InstructorResponse>>> ListAssignmentsAsync(
        ClaimsPrincipal user,
        string? buildingId,
        string? partyWorkerId,
        string? enterpriseId,
        bool? current,
        int? pageNumber,
        int? pageSize,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<Paged<InstructorResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, pageNumber, pageSize);
        var building = FieldRules.Id(errors, "buildingId", buildingId, false);
        var worker = FieldRules.Id(errors, "partyWorkerId", partyWorkerId, false);
        var enterprise = FieldRules.Id(errors, "enterpriseId", enterpriseId, false);
        if (errors.Count > 0)
            return Outcome<Paged<InstructorResponse>>.Invalid(errors);
        if (building is not null && !access.Read.Allows(building.Value))
            return Outcome<Paged<InstructorResponse>>.Forbidden();
        var today = Today;
        var rows = Assignments(access.Read, today);
        if (building is not null)
            rows = rows.Where(r => r.BuildingId == building.Value);
        if (worker is not null)
            rows = rows.Where(r => r.PartyWorkerId == worker.Value);
        if (enterprise is not null)
            rows = rows.Where(r => r.EnterpriseId == enterprise.Value);
        if (current == true)
            rows = rows.Where(r => r.IsCurrent);
        else if (current == false)
            rows = rows.Where(r => !r.IsCurrent);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.BuildingName)
            .ThenBy(r => r.EnterpriseName)
            .ThenByDescending(r => r.FromDate)
            .ThenBy(r => r.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<InstructorResponse>>.Ok(
            new([.. items.Select(r => r.ToResponse())], page, size, total)
        );
    }

    /// <summary>
    /// Assigns an instructor to an enterprise: it must be resident, in the caller's buildings, without an organisation
    /// of its own (422, §6 — joint-covered enterprises are allowed) and without a current instructor (409).
    /// </summary>
    public async Task<Answer<InstructorResponse>> AssignAsync(
        ClaimsPrincipal user,
        InstructorInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<InstructorResponse>.Forbidden(access.RefusalKey);
        var today = Today;
        var errors = new List<FieldError>();
        var enterpriseId = FieldRules.Id(errors, "enterpriseId", input.EnterpriseId, true);
        var workerId = FieldRules.Id(errors, "partyWorkerId", input.PartyWorkerId, true);
        var from =
            FieldRules.Date(errors, "fromDate", input.FromDate, today, required: false) ?? today;
        if (errors.Count > 0)
            return Outcome<InstructorResponse>.Invalid(errors);
        var enterprise = await db
            .Enterprises.AsNoTracking()
            .Where(e => e.Id == enterpriseId!.Value)
            .Select(e => new
            {
                e.Id,
                e.BuildingId,
                e.MovedInOn,
                e.MovedOutOn,
            })
            .FirstOrDefaultAsync(ct);
        if (enterprise is null || !access.Read.Allows(enterprise.BuildingId))
            errors.Add(FieldError.Of("enterpriseId", "Validation.EnterpriseNotFound"));
        else if (enterprise.MovedOutOn is not null && enterprise.MovedOutOn <= today)
            errors.Add(FieldError.Of("enterpriseId", "Validation.EnterpriseNotPresent"));
        var worker = await db
            .PartyWorkers.AsNoTracking()
            .Where(w => w.Id == workerId!.Value)
            .Select(w => new
            {
                w.BuildingId,
                w.StartedOn,
                w.EndedOn,
            })
            .FirstOrDefaultAsync(ct);
        if (worker is null || !access.Read.Allows(worker.BuildingId))
            errors.Add(FieldError.Of("partyWorkerId", "Validation.PartyWorkerNotFound"));
        else if (worker.StartedOn > from || (worker.EndedOn is not null && worker.EndedOn <= from))
            errors.Add(FieldError.Of("partyWorkerId", "Validation.PartyWorkerNotServing"));
        if (errors.Count > 0)
            return Outcome<InstructorResponse>.Invalid(errors);
        if (!access.Write.Allows(enterprise!.BuildingId))
            return Outcome<InstructorResponse>.Forbidden();
        if (await HasOwnOrganizationAsync(enterprise.Id, today, ct))
            return Answer<InstructorResponse>.Refused(
                new RuleRefusal(
                    InstructorForOwnOrganization,
                    "Workers.Rule.OwnOrganization",
                    InstructorSource,
                    []
                )
            );
        var busy = await db.InstructorAssignments.AnyAsync(
            a => a.EnterpriseId == enterprise.Id && (a.ToDate == null || a.ToDate > today),
            ct
        );
        if (busy)
            return Outcome<InstructorResponse>.Conflict("Problem.InstructorExists");
        var assignment = new InstructorAssignment
        {
            Id = Guid.CreateVersion7(),
            EnterpriseId = enterprise.Id,
            PartyWorkerId = workerId!.Value,
            FromDate = from,
        };
        db.InstructorAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<InstructorResponse>.Ok(
            (
                await Assignments(BuildingScope.Everything, today)
                    .FirstAsync(a => a.Id == assignment.Id, ct)
            ).ToResponse()
        );
    }

    /// <summary>Ends an assignment on <c>toDate</c> (409 when it has ended already).</summary>
    public async Task<Outcome<InstructorResponse>> EndAssignmentAsync(
        ClaimsPrincipal user,
        Guid id,
        InstructorInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<InstructorResponse>.Forbidden();
        var today = Today;
        var a = await db.InstructorAssignments.FirstOrDefaultAsync(x => x.Id == id, ct);
        var building = a is null
            ? (Guid?)null
            : await db
                .Enterprises.Where(e => e.Id == a.EnterpriseId)
                .Select(e => (Guid?)e.BuildingId)
                .FirstOrDefaultAsync(ct);
        if (a is null || building is null || !access.Read.Allows(building.Value))
            return Outcome<InstructorResponse>.NotFound();
        if (!access.Write.Allows(building.Value))
            return Outcome<InstructorResponse>.Forbidden(access.RefusalKey);
        var errors = new List<FieldError>();
        var to = FieldRules.Date(errors, "toDate", input.ToDate, today, required: true);
        if (to is not null && to < a.FromDate)
            errors.Add(FieldError.Of("toDate", "Validation.EndedBeforeStarted"));
        if (errors.Count > 0)
            return Outcome<InstructorResponse>.Invalid(errors);
        if (a.ToDate is not null && a.ToDate <= today)
            return Outcome<InstructorResponse>.Conflict("Problem.AssignmentEnded");
        a.ToDate = to;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<InstructorResponse>.Ok(
            (
                await Assignments(BuildingScope.Everything, today).FirstAsync(x => x.Id == id, ct)
            ).ToResponse()
        );
    }

    /// <summary>
    /// An organisation of its own: a live branch, general branch or committee whose only live link is this enterprise
    /// (the rule of the coverage query).
    /// </summary>
    private Task<bool> HasOwnOrganizationAsync(Guid enterpriseId, DateOnly d, CancellationToken ct)
    {
        var links = db.OrganizationEnterprises.Where(l =>
            l.FromDate <= d && (l.ToDate == null || l.ToDate > d)
        );
        return links.AnyAsync(
            l =>
                l.EnterpriseId == enterpriseId
                && db.PartyOrganizations.Any(o =>
                    o.Id == l.OrganizationId
                    && o.FoundedOn <= d
                    && (o.DissolvedOn == null || o.DissolvedOn > d)
                    && (
                        o.Type == OrganizationType.Branch
                        || o.Type == OrganizationType.GeneralBranch
                        || o.Type == OrganizationType.Committee
                    )
                )
                && !links.Any(other =>
                    other.OrganizationId == l.OrganizationId && other.EnterpriseId != enterpriseId
                ),
            ct
        );
    }

    /// <summary>The current workers the caller may assign (for the forms), by name.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, Guid BuildingId)>> CurrentWorkersAsync(
        BuildingScope scope,
        CancellationToken ct
    )
    {
        var today = Today;
        var rows = await Workers(scope)
            .Where(w => w.StartedOn <= today && (w.EndedOn == null || w.EndedOn > today))
            .OrderBy(w => w.Name)
            .Take(500)
            .Select(w => new
            {
                w.Id,
                w.Name,
                w.BuildingId,
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name, r.BuildingId))];
    }
}
