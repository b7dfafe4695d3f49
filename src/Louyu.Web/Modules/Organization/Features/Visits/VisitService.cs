using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.PartyWork;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Visits;

/// <summary>A visit (跑楼) as sent by a client; PUT sends only <see cref="FollowUpDoneOn"/>.</summary>
public sealed class VisitInput
{
    public string? BuildingId { get; set; }
    public string? EnterpriseId { get; set; }
    public string? PartyWorkerId { get; set; }
    public string? VisitedOn { get; set; }
    public string? Purpose { get; set; }
    public string? Findings { get; set; }
    public string? FollowUp { get; set; }
    public string? FollowUpBy { get; set; }
    public string? FollowUpDoneOn { get; set; }
}

/// <summary>Where a visit's follow-up stands: None, Open, Overdue (past its date) or Done.</summary>
public enum FollowUpState
{
    None,
    Open,
    Overdue,
    Done,
}

public sealed record VisitResponse(
    Guid Id,
    Guid BuildingId,
    string BuildingName,
    Guid? EnterpriseId,
    string? EnterpriseName,
    Guid? PartyWorkerId,
    string? PartyWorkerName,
    DateOnly VisitedOn,
    string Purpose,
    string? Findings,
    string? FollowUp,
    DateOnly? FollowUpBy,
    DateOnly? FollowUpDoneOn,
    string FollowUpState,
    string? RecordedByUserId,
    DateTime RecordedAtUtc
);

/// <summary>The filters of GET /api/v1/visits.</summary>
public sealed record VisitQuery(
    string? BuildingId = null,
    string? EnterpriseId = null,
    string? PartyWorkerId = null,
    string? From = null,
    string? To = null,
    bool? OpenOnly = null,
    int? Page = null,
    int? PageSize = null
);

/// <summary>
/// The visit log (跑楼记录) of the caller's buildings: list with filters, log a visit (a party worker's own worker
/// record by default), record a follow-up as done.
/// </summary>
public sealed class VisitService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<PartyWorkAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        PartyWorkAccess.ResolveAsync(scopes, db, user, ct);

    public static FollowUpState StateOf(BuildingVisit v, DateOnly today) =>
        v.FollowUp is null ? FollowUpState.None
        : v.FollowUpDoneOn is not null ? FollowUpState.Done
        : v.FollowUpBy is not null && v.FollowUpBy < today ? FollowUpState.Overdue
        : FollowUpState.Open;

    private sealed class Row
    {
        public required BuildingVisit Visit { get; init; }
        public required string BuildingName { get; init; }
        public string? EnterpriseName { get; init; }
        public string? WorkerName { get; init; }
    }

    private IQueryable<Row> Rows(BuildingScope scope)
    {
        var visits = db.BuildingVisits.AsNoTracking();
        if (scope.Filter is { } ids)
            visits = visits.Where(v => ids.Contains(v.BuildingId));
        return visits.Select(v => new Row
        {
            Visit = v,
            BuildingName =
                db.Buildings.Where(b => b.Id == v.BuildingId).Select(b => b.Name).FirstOrDefault()
                ?? "",
            EnterpriseName = db
                .Enterprises.Where(e => e.Id == v.EnterpriseId)
                .Select(e => e.Name)
                .FirstOrDefault(),
            WorkerName = db
                .PartyWorkers.Where(w => w.Id == v.PartyWorkerId)
                .Select(w => w.Name)
                .FirstOrDefault(),
        });
    }

    private VisitResponse Describe(Row r, DateOnly today) =>
        new(
            r.Visit.Id,
            r.Visit.BuildingId,
            r.BuildingName,
            r.Visit.EnterpriseId,
            r.EnterpriseName,
            r.Visit.PartyWorkerId,
            r.WorkerName,
            r.Visit.VisitedOn,
            r.Visit.Purpose,
            r.Visit.Findings,
            r.Visit.FollowUp,
            r.Visit.FollowUpBy,
            r.Visit.FollowUpDoneOn,
            StateOf(r.Visit, today).ToString(),
            r.Visit.RecordedByUserId,
            DateTime.SpecifyKind(r.Visit.RecordedAtUtc, DateTimeKind.Utc)
        );

    public async Task<Outcome<Paged<VisitResponse>>> ListAsync(
        ClaimsPrincipal user,
        VisitQuery query,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<Paged<VisitResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, query.Page, query.PageSize);
        var building = FieldRules.Id(errors, "buildingId", query.BuildingId, false);
        var enterprise = FieldRules.Id(errors, "enterpriseId", query.EnterpriseId, false);
        var worker = FieldRules.Id(errors, "partyWorkerId", query.PartyWorkerId, false);
        var from = AnyDate(errors, "from", query.From);
        var to = AnyDate(errors, "to", query.To);
        if (from is not null && to is not null && to < from)
            errors.Add(FieldError.Of("to", "Validation.ToBeforeFrom"));
        if (errors.Count > 0)
            return Outcome<Paged<VisitResponse>>.Invalid(errors);
        if (building is not null && !access.Read.Allows(building.Value))
            return Outcome<Paged<VisitResponse>>.Forbidden();
        var today = Today;
        var rows = Rows(access.Read);
        if (building is not null)
            rows = rows.Where(r => r.Visit.BuildingId == building.Value);
        if (enterprise is not null)
            rows = rows.Where(r => r.Visit.EnterpriseId == enterprise.Value);
        if (worker is not null)
            rows = rows.Where(r => r.Visit.PartyWorkerId == worker.Value);
        if (from is not null)
            rows = rows.Where(r => r.Visit.VisitedOn >= from.Value);
        if (to is not null)
            rows = rows.Where(r => r.Visit.VisitedOn <= to.Value);
        if (query.OpenOnly == true)
            rows = rows.Where(r => r.Visit.FollowUp != null && r.Visit.FollowUpDoneOn == null);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.Visit.VisitedOn)
            .ThenByDescending(r => r.Visit.RecordedAtUtc)
            .ThenBy(r => r.Visit.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<VisitResponse>>.Ok(
            new([.. items.Select(r => Describe(r, today))], page, size, total)
        );
    }

    public async Task<Outcome<VisitResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<VisitResponse>.Forbidden();
        var r = await Rows(access.Read).FirstOrDefaultAsync(x => x.Visit.Id == id, ct);
        return r is null
            ? Outcome<VisitResponse>.NotFound()
            : Outcome<VisitResponse>.Ok(Describe(r, Today));
    }

    /// <summary>
    /// Logs a visit. Building required (in the caller's write scope); the enterprise, when named, must be in that
    /// building; without a worker, the caller's own current party-worker record is used (one in that building first).
    /// </summary>
    public async Task<Outcome<VisitResponse>> CreateAsync(
        ClaimsPrincipal user,
        VisitInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<VisitResponse>.Forbidden(access.RefusalKey);
        var today = Today;
        var errors = new List<FieldError>();
        var building = FieldRules.Id(errors, "buildingId", input.BuildingId, true);
        var enterprise = FieldRules.Id(errors, "enterpriseId", input.EnterpriseId, false);
        var worker = FieldRules.Id(errors, "partyWorkerId", input.PartyWorkerId, false);
        var visited = FieldRules.Date(errors, "visitedOn", input.VisitedOn, today, required: true);
        var purpose = FieldRules.Text(errors, "purpose", input.Purpose, 200, required: true);
        var findings = FieldRules.Text(errors, "findings", input.Findings, 2000, required: false);
        var followUp = FieldRules.Text(errors, "followUp", input.FollowUp, 1000, required: false);
        var followUpBy = AnyDate(errors, "followUpBy", input.FollowUpBy);
        if (followUpBy is not null && followUp is null)
            errors.Add(FieldError.Of("followUp", "Validation.FollowUpRequiredForDate"));
        if (followUpBy is not null && visited is not null && followUpBy < visited)
            errors.Add(FieldError.Of("followUpBy", "Validation.FollowUpBeforeVisit"));
        if (building is not null)
        {
            var exists = await db
                .Buildings.AsNoTracking()
                .AnyAsync(b => b.Id == building.Value, ct);
            if (!exists || !access.Read.Allows(building.Value))
                errors.Add(FieldError.Of("buildingId", "Validation.BuildingNotFound"));
        }
        if (enterprise is not null)
        {
            var e = await db
                .Enterprises.AsNoTracking()
                .Where(x => x.Id == enterprise.Value)
                .Select(x => new { x.BuildingId })
                .FirstOrDefaultAsync(ct);
            if (e is null || !access.Read.Allows(e.BuildingId))
                errors.Add(FieldError.Of("enterpriseId", "Validation.EnterpriseNotFound"));
            else if (building is not null && e.BuildingId != building.Value)
                errors.Add(FieldError.Of("enterpriseId", "Validation.EnterpriseNotInBuilding"));
        }
        if (worker is not null)
        {
            var w = await db
                .PartyWorkers.AsNoTracking()
                .Where(x => x.Id == worker.Value)
                .Select(x => new { x.BuildingId })
                .FirstOrDefaultAsync(ct);
            if (w is null || !access.Read.Allows(w.BuildingId))
                errors.Add(FieldError.Of("partyWorkerId", "Validation.PartyWorkerNotFound"));
        }
        if (errors.Count > 0)
            return Outcome<VisitResponse>.Invalid(errors);
        if (!access.Write.Allows(building!.Value))
            return Outcome<VisitResponse>.Forbidden();
        worker ??= await OwnWorkerAsync(access.UserId, building.Value, ct);
        var visit = new BuildingVisit
        {
            Id = Guid.CreateVersion7(),
            BuildingId = building.Value,
            EnterpriseId = enterprise,
            PartyWorkerId = worker,
            VisitedOn = visited!.Value,
            Purpose = purpose!,
            Findings = findings,
            FollowUp = followUp,
            FollowUpBy = followUpBy,
            RecordedByUserId = access.UserId,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.BuildingVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await GetAsync(user, visit.Id, ct);
    }

    /// <summary>The caller's own current party-worker record, one in the building first.</summary>
    public async Task<Guid?> OwnWorkerAsync(string? userId, Guid? building, CancellationToken ct)
    {
        if (userId is null)
            return null;
        var today = Today;
        return await db
            .PartyWorkers.AsNoTracking()
            .Where(w =>
                w.UserId == userId
                && w.StartedOn <= today
                && (w.EndedOn == null || w.EndedOn > today)
            )
            .OrderBy(w => w.BuildingId == building ? 0 : 1)
            .ThenBy(w => w.StartedOn)
            .Select(w => (Guid?)w.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The building of a party worker record.</summary>
    public Task<Guid?> WorkerBuildingAsync(Guid workerId, CancellationToken ct) =>
        db
            .PartyWorkers.AsNoTracking()
            .Where(w => w.Id == workerId)
            .Select(w => (Guid?)w.BuildingId)
            .FirstOrDefaultAsync(ct);

    /// <summary>Records a follow-up as done on <c>followUpDoneOn</c> (409 when recorded already).</summary>
    public async Task<Outcome<VisitResponse>> CompleteFollowUpAsync(
        ClaimsPrincipal user,
        Guid id,
        VisitInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Read.IsEmpty)
            return Outcome<VisitResponse>.Forbidden();
        var v = await db.BuildingVisits.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (v is null || !access.Read.Allows(v.BuildingId))
            return Outcome<VisitResponse>.NotFound();
        if (!access.Write.Allows(v.BuildingId))
            return Outcome<VisitResponse>.Forbidden(access.RefusalKey);
        var errors = new List<FieldError>();
        var done = FieldRules.Date(errors, "followUpDoneOn", input.FollowUpDoneOn, Today, true);
        if (done is not null && done < v.VisitedOn)
            errors.Add(FieldError.Of("followUpDoneOn", "Validation.FollowUpBeforeVisit"));
        if (v.FollowUp is null)
            errors.Add(FieldError.Of("followUpDoneOn", "Validation.NoFollowUp"));
        if (errors.Count > 0)
            return Outcome<VisitResponse>.Invalid(errors);
        if (v.FollowUpDoneOn is not null)
            return Outcome<VisitResponse>.Conflict(
                "Problem.FollowUpDone",
                Iso(v.FollowUpDoneOn.Value)
            );
        v.FollowUpDoneOn = done;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return await GetAsync(user, id, ct);
    }

    /// <summary>A date as YYYY-MM-DD, future allowed (filters, follow-up due dates).</summary>
    private static DateOnly? AnyDate(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (
            DateOnly.TryParseExact(
                value.Trim(),
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
            return d;
        errors.Add(FieldError.Of(field, "Validation.Date"));
        return null;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
