using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Coverage;

/// <summary>Which to-do list a page is asked for (<c>?todo=</c>).</summary>
public enum CoverageTodoList
{
    FullMembersNoOwnOrganization,
    MembersNoOrganization,
    Uncovered,
}

public sealed record CoverageTodoItem(
    Guid Id,
    string Name,
    Guid BuildingId,
    string BuildingName,
    int FullMembers,
    int Members
);

public sealed record CoverageTodoPage(
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<CoverageTodoItem> Items
);

public sealed record CoverageReport(
    DateOnly AsOf,
    CoverageCounts Counts,
    double OrganizationCoverageRate,
    double WorkCoverageRate,
    CoverageTodoPage FullMembersNoOwnOrganization,
    CoverageTodoPage MembersNoOrganization,
    CoverageTodoPage Uncovered
);

public sealed record BuildingCoverage(
    Guid BuildingId,
    string Name,
    int Enterprises,
    double OrganizationCoverageRate,
    double WorkCoverageRate
);

/// <summary>One enterprise's coverage state on a day, with its to-do flags and member counts.</summary>
public sealed record EnterpriseCoverage(
    Guid Id,
    string Name,
    CoverageState State,
    CoverageTodo Todo,
    int Members,
    int FullMembers
);

public sealed record BuildingCoveragePage(
    int Page,
    int PageSize,
    int Total,
    IReadOnlyList<BuildingCoverage> Items
);

public enum CoverageFailure
{
    Invalid,
    Forbidden,
    NotFound,
}

public sealed record CoverageOutcome<T>(
    T? Value,
    CoverageFailure? Failure,
    string? Field = null,
    string? MessageKey = null
)
{
    public static CoverageOutcome<T> Ok(T value) => new(value, null);

    public static CoverageOutcome<T> Fail(CoverageFailure f) => new(default, f);

    public static CoverageOutcome<T> Invalid(string field, string key) =>
        new(default, CoverageFailure.Invalid, field, key);
}

/// <summary>
/// The two coverages at the end of a day over the caller's buildings (or one of them). The enterprises and their
/// facts are those of the overview (<see cref="Figures.OrganizationFiguresQuery"/>): an enterprise counts when its
/// building is covered that day and it is resident that day; it is in an organisation when a live link ties it to a
/// live organisation other than a party group. So own + joint and own + joint + instructor-only give exactly the
/// overview's two rates. Every count is made in the database: one GROUP BY over the facts (at most 32 rows come
/// back, each classified by <see cref="CoverageRules"/>), then one page of each to-do list.
/// </summary>
public sealed class CoverageQuery(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>One enterprise's facts, computed in SQL (EXISTS and correlated counts).</summary>
    private sealed class Facts
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public Guid BuildingId { get; init; }
        public required string BuildingName { get; init; }
        public bool Own { get; init; }
        public bool Organized { get; init; }
        public bool Instructed { get; init; }
        public int Members { get; init; }
        public int FullMembers { get; init; }
    }

    private IQueryable<Facts> FactsAt(DateOnly d, IReadOnlyCollection<Guid>? buildingIds)
    {
        var buildings = db
            .Buildings.AsNoTracking()
            .Where(b => b.CoveredFrom <= d && (b.CoveredUntil == null || b.CoveredUntil > d));
        if (buildingIds is not null)
            buildings = buildings.Where(b => buildingIds.Contains(b.Id));
        var links = db.OrganizationEnterprises.Where(oe =>
            oe.FromDate <= d && (oe.ToDate == null || oe.ToDate > d)
        );
        var organizations = db.PartyOrganizations.Where(o =>
            o.FoundedOn <= d
            && (o.DissolvedOn == null || o.DissolvedOn > d)
            && o.Type != OrganizationType.Group
        );
        var ownKinds = organizations.Where(o =>
            o.Type == OrganizationType.Branch
            || o.Type == OrganizationType.GeneralBranch
            || o.Type == OrganizationType.Committee
        );
        return from e in db.Enterprises.AsNoTracking()
            join b in buildings on e.BuildingId equals b.Id
            where e.MovedInOn <= d && (e.MovedOutOn == null || e.MovedOutOn > d)
            select new Facts
            {
                Id = e.Id,
                Name = e.Name,
                BuildingId = b.Id,
                BuildingName = b.Name,
                // Own: an own-kind organisation whose only live link that day is this enterprise.
                Own = links.Any(l =>
                    l.EnterpriseId == e.Id
                    && ownKinds.Any(o => o.Id == l.OrganizationId)
                    && !links.Any(other =>
                        other.OrganizationId == l.OrganizationId && other.EnterpriseId != e.Id
                    )
                ),
                Organized = links.Any(l =>
                    l.EnterpriseId == e.Id && organizations.Any(o => o.Id == l.OrganizationId)
                ),
                Instructed = db.InstructorAssignments.Any(ia =>
                    ia.EnterpriseId == e.Id
                    && ia.FromDate <= d
                    && (ia.ToDate == null || ia.ToDate > d)
                ),
                Members = db.Members.Count(m =>
                    m.EnterpriseId == e.Id && m.JoinedOn != null && m.JoinedOn <= d
                ),
                FullMembers = db.Members.Count(m =>
                    m.EnterpriseId == e.Id && m.FullMemberOn != null && m.FullMemberOn <= d
                ),
            };
    }

    /// <summary>The caller's building filter, or why there is none.</summary>
    public async Task<(IReadOnlyCollection<Guid>? Filter, CoverageFailure? Failure)> FilterAsync(
        ClaimsPrincipal user,
        Guid? buildingId,
        CancellationToken ct
    )
    {
        var scope = await scopes.ResolveAsync(user, ct);
        if (scope.IsEmpty)
            return (null, CoverageFailure.Forbidden);
        if (buildingId is null)
            return (scope.Filter, null);
        if (!await db.Buildings.AnyAsync(b => b.Id == buildingId.Value, ct))
            return (null, CoverageFailure.NotFound);
        if (!scope.Allows(buildingId.Value))
            return (null, CoverageFailure.Forbidden);
        return ([buildingId.Value], null);
    }

    public async Task<CoverageOutcome<CoverageReport>> ReportAsync(
        ClaimsPrincipal user,
        DateOnly? asOf,
        Guid? buildingId,
        CoverageTodoList? todo,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var date = asOf ?? Today;
        if (date > Today)
            return CoverageOutcome<CoverageReport>.Invalid("asOf", "Validation.DateInFuture");
        var (filter, failure) = await FilterAsync(user, buildingId, ct);
        if (failure is not null)
            return CoverageOutcome<CoverageReport>.Fail(failure.Value);
        return CoverageOutcome<CoverageReport>.Ok(
            await ReportAsync(date, filter, todo, page, pageSize, ct)
        );
    }

    /// <summary>The report for a date and a building filter (null: every building), no scope check.</summary>
    public async Task<CoverageReport> ReportAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        CoverageTodoList? todo,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var facts = FactsAt(date, filter);
        const int threshold = CoverageRules.FullMembersForOwnBranch;
        var groups = await facts
            .GroupBy(f => new
            {
                f.Own,
                f.Organized,
                f.Instructed,
                HasMembers = f.Members > 0,
                Threshold = f.FullMembers >= threshold,
            })
            .Select(g => new
            {
                g.Key.Own,
                g.Key.Organized,
                g.Key.Instructed,
                g.Key.HasMembers,
                g.Key.Threshold,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        // The classifier sees counts only through its two thresholds, so one representative per group suffices.
        var classified = groups
            .Select(g =>
            {
                var f = ToFacts(
                    g.Own,
                    g.Organized,
                    g.Instructed,
                    g.HasMembers ? 1 : 0,
                    g.Threshold ? threshold : 0
                );
                return (State: CoverageRules.Classify(f), Todo: CoverageRules.Todo(f), g.Count);
            })
            .ToList();
        var counts = CoverageCounts.From(classified.Select(c => (c.State, c.Count)));
        int Total(CoverageTodo flag) =>
            classified.Where(c => c.Todo.HasFlag(flag)).Sum(c => c.Count);

        async Task<CoverageTodoPage> PageAsync(
            CoverageTodoList list,
            CoverageTodo flag,
            IQueryable<Facts> rows
        )
        {
            var total = Total(flag);
            var p = todo == list ? page : 1;
            var items =
                total == 0 || (p - 1) * pageSize >= total
                    ? []
                    : await rows.OrderBy(f => f.BuildingName)
                        .ThenBy(f => f.Name)
                        .ThenBy(f => f.Id)
                        .Skip((p - 1) * pageSize)
                        .Take(pageSize)
                        .Select(f => new CoverageTodoItem(
                            f.Id,
                            f.Name,
                            f.BuildingId,
                            f.BuildingName,
                            f.FullMembers,
                            f.Members
                        ))
                        .ToListAsync(ct);
            return new CoverageTodoPage(total, p, pageSize, items);
        }

        // The three predicates are CoverageRules.Todo written for the database.
        var fullNoOwn = await PageAsync(
            CoverageTodoList.FullMembersNoOwnOrganization,
            CoverageTodo.FullMembersNoOwnOrganization,
            facts.Where(f => !f.Own && f.FullMembers >= threshold)
        );
        var membersNoOrg = await PageAsync(
            CoverageTodoList.MembersNoOrganization,
            CoverageTodo.MembersNoOrganization,
            facts.Where(f => !f.Organized && f.Members > 0)
        );
        var uncovered = await PageAsync(
            CoverageTodoList.Uncovered,
            CoverageTodo.Uncovered,
            facts.Where(f => !f.Organized && !f.Instructed)
        );
        return new CoverageReport(
            date,
            counts,
            CoverageRules.OrganizationCoverageRate(counts),
            CoverageRules.WorkCoverageRate(counts),
            fullNoOwn,
            membersNoOrg,
            uncovered
        );
    }

    /// <summary>The two rates per building of the caller's scope covered on the date, one page of buildings.</summary>
    public async Task<CoverageOutcome<BuildingCoveragePage>> BuildingsAsync(
        ClaimsPrincipal user,
        DateOnly? asOf,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var d = asOf ?? Today;
        if (d > Today)
            return CoverageOutcome<BuildingCoveragePage>.Invalid("asOf", "Validation.DateInFuture");
        var (filter, failure) = await FilterAsync(user, null, ct);
        if (failure is not null)
            return CoverageOutcome<BuildingCoveragePage>.Fail(failure.Value);
        var buildings = db
            .Buildings.AsNoTracking()
            .Where(b => b.CoveredFrom <= d && (b.CoveredUntil == null || b.CoveredUntil > d));
        if (filter is not null)
            buildings = buildings.Where(b => filter.Contains(b.Id));
        var total = await buildings.CountAsync(ct);
        var pageRows = await buildings
            .OrderBy(b => b.CoveredFrom)
            .ThenBy(b => b.Name)
            .ThenBy(b => b.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(b => new { b.Id, b.Name })
            .ToListAsync(ct);
        var sums = await SumsAsync(d, [.. pageRows.Select(b => b.Id)], ct);
        var items = pageRows.Select(b => Rates(b.Id, b.Name, sums)).ToList();
        return CoverageOutcome<BuildingCoveragePage>.Ok(
            new BuildingCoveragePage(page, pageSize, total, items)
        );
    }

    /// <summary>Enterprises, organisation-covered and work-covered enterprises per building on a day.</summary>
    private async Task<Dictionary<Guid, (int Enterprises, int Organized, int Worked)>> SumsAsync(
        DateOnly d,
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    )
    {
        var sums = new Dictionary<Guid, (int Enterprises, int Organized, int Worked)>();
        if (ids.Count == 0)
            return sums;
        var rows = await FactsAt(d, ids)
            .GroupBy(f => f.BuildingId)
            .Select(g => new
            {
                BuildingId = g.Key,
                Enterprises = g.Count(),
                Organized = g.Count(f => f.Organized),
                Worked = g.Count(f => f.Organized || f.Instructed),
            })
            .ToListAsync(ct);
        foreach (var r in rows)
            sums[r.BuildingId] = (r.Enterprises, r.Organized, r.Worked);
        return sums;
    }

    private static BuildingCoverage Rates(
        Guid id,
        string name,
        Dictionary<Guid, (int Enterprises, int Organized, int Worked)> sums
    )
    {
        var (n, organized, worked) = sums.GetValueOrDefault(id);
        return new BuildingCoverage(
            id,
            name,
            n,
            CoverageRules.Rate(organized, n),
            CoverageRules.Rate(worked, n)
        );
    }

    /// <summary>
    /// The two rates of the given buildings on a day (no scope check: the caller passes buildings it may read); a
    /// building not covered that day has no enterprises and rates of 0.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, BuildingCoverage>> RatesAsync(
        DateOnly date,
        IReadOnlyCollection<(Guid Id, string Name)> buildings,
        CancellationToken ct
    )
    {
        var sums = await SumsAsync(date, [.. buildings.Select(b => b.Id)], ct);
        return buildings.ToDictionary(b => b.Id, b => Rates(b.Id, b.Name, sums));
    }

    /// <summary>
    /// The state of each enterprise of one building on a day (or of one enterprise of it), classified by
    /// <see cref="CoverageRules"/> from the same facts as the report: only enterprises resident that day in a
    /// building covered that day appear. No scope check: the caller has checked the building.
    /// </summary>
    public async Task<IReadOnlyList<EnterpriseCoverage>> EnterprisesAsync(
        DateOnly date,
        Guid buildingId,
        Guid? enterpriseId,
        CancellationToken ct
    )
    {
        var facts = FactsAt(date, [buildingId]);
        if (enterpriseId is { } id)
            facts = facts.Where(f => f.Id == id);
        var rows = await facts
            .Select(f => new
            {
                f.Id,
                f.Name,
                f.Own,
                f.Organized,
                f.Instructed,
                f.Members,
                f.FullMembers,
            })
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r =>
            {
                var f = ToFacts(r.Own, r.Organized, r.Instructed, r.Members, r.FullMembers);
                return new EnterpriseCoverage(
                    r.Id,
                    r.Name,
                    CoverageRules.Classify(f),
                    CoverageRules.Todo(f),
                    r.Members,
                    r.FullMembers
                );
            }),
        ];
    }

    /// <summary>The classifier's facts: "joint" is an organisation that is not the enterprise's own.</summary>
    private static CoverageFacts ToFacts(
        bool own,
        bool organized,
        bool instructed,
        int members,
        int fullMembers
    ) => new(own, organized && !own, instructed, members, fullMembers);

    /// <summary>The buildings the caller may pick from (the page's filter).</summary>
    public async Task<IReadOnlyList<BuildingSummary>> BuildingsInScopeAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var scope = await scopes.ResolveAsync(user, ct);
        if (scope.IsEmpty)
            return [];
        var q = db.Buildings.AsNoTracking();
        if (scope.Filter is { } ids)
            q = q.Where(b => ids.Contains(b.Id));
        return await q.OrderBy(b => b.CoveredFrom)
            .ThenBy(b => b.Name)
            .Select(b => new BuildingSummary(b.Id, b.Name))
            .ToListAsync(ct);
    }
}
