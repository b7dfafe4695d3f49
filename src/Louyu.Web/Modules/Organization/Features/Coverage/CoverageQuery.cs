using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

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
/// <para>
/// Coverage on a date is a pure function of the data, so the classified rows of a date (for every building, or for
/// the building filter asked) are kept in memory: dropped at once when data changes on this instance
/// (<see cref="DataChangeSignal"/>, as the Insights figures), after <c>Organization:CoverageCacheMinutes</c>
/// otherwise (another instance's change). A filter is served from the every-building entry of its date when that
/// exists (rows kept in the database's order, so a filtered subsequence is the filtered query's answer).
/// </para>
/// </summary>
public sealed class CoverageQuery(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    IMemoryCache cache,
    DataChangeSignal changes,
    IConfiguration config
)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary><c>Organization:CoverageCacheMinutes</c>, 10 by default; 0 turns the cache off (benchmarks).</summary>
    private TimeSpan CacheTime =>
        TimeSpan.FromMinutes(config.GetValue("Organization:CoverageCacheMinutes", 10));

    /// <summary>One enterprise counted on a day, classified: what the report and the per-building sums need.</summary>
    private readonly record struct Classified(
        Guid Id,
        Guid BuildingId,
        int Members,
        int FullMembers,
        CoverageState State,
        CoverageTodo Todo
    );

    private static (string, DateOnly, string) CacheKey(
        string what,
        DateOnly date,
        IReadOnlyCollection<Guid>? filter
    ) => ("coverage:" + what, date, filter is null ? "*" : string.Join(",", filter.Order()));

    /// <summary>A value from the cache, or computed and kept (the change token is taken before computing).</summary>
    private async Task<T> CachedAsync<T>((string, DateOnly, string) key, Func<Task<T>> compute)
        where T : class
    {
        if (CacheTime <= TimeSpan.Zero)
            return await compute();
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
            return hit;
        var token = changes.Token; // taken before counting: a change during the count drops the entry
        var value = await compute();
        cache.Set(
            key,
            value,
            new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = CacheTime,
            }.AddExpirationToken(token)
        );
        return value;
    }

    /// <summary>The every-building rows of a date when they are in the cache.</summary>
    private Classified[]? AllCached(DateOnly date) =>
        CacheTime > TimeSpan.Zero
        && cache.TryGetValue(CacheKey("rows", date, null), out Classified[]? all)
            ? all
            : null;

    /// <summary>
    /// The classified rows of every enterprise counted on the day under the filter, in the order of the to-do lists
    /// (building name, enterprise name, id; the database's collation).
    /// </summary>
    private async Task<IReadOnlyList<Classified>> ClassifiedAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        CancellationToken ct
    )
    {
        if (filter is not null && AllCached(date) is { } all)
        {
            var ids = filter as IReadOnlySet<Guid> ?? filter.ToHashSet();
            return [.. all.Where(r => ids.Contains(r.BuildingId))];
        }
        return await CachedAsync(
            CacheKey("rows", date, filter),
            () => QueryClassifiedAsync(date, filter, ct)
        );
    }

    private async Task<Classified[]> QueryClassifiedAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        CancellationToken ct
    )
    {
        var rows = await FactsAt(date, filter)
            .OrderBy(f => f.BuildingName)
            .ThenBy(f => f.Name)
            .ThenBy(f => f.Id)
            .Select(f => new
            {
                f.Id,
                f.BuildingId,
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
                return new Classified(
                    r.Id,
                    r.BuildingId,
                    r.Members,
                    r.FullMembers,
                    CoverageRules.Classify(f),
                    CoverageRules.Todo(f)
                );
            }),
        ];
    }

    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>One enterprise's facts, computed in SQL (membership in sets and one grouped count of members).</summary>
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

    /// <summary>The enterprises resident on the day in the covered buildings (of the filter).</summary>
    private IQueryable<Enterprise> EnterprisesAt(DateOnly d, IReadOnlyCollection<Guid>? buildingIds)
    {
        var buildings = db
            .Buildings.AsNoTracking()
            .Where(b => b.CoveredFrom <= d && (b.CoveredUntil == null || b.CoveredUntil > d));
        var enterprises = db.Enterprises.AsNoTracking();
        // The filter on the enterprise's own column as well, so that the (BuildingId, MovedInOn) index is used.
        if (buildingIds is not null)
            enterprises = enterprises.Where(e => buildingIds.Contains(e.BuildingId));
        return enterprises.Where(e =>
            e.MovedInOn <= d
            && (e.MovedOutOn == null || e.MovedOutOn > d)
            && buildings.Any(b => b.Id == e.BuildingId)
        );
    }

    /// <summary>Enterprises with a live link to a live organisation other than a party group.</summary>
    private IQueryable<Guid> OrganizedAt(DateOnly d) =>
        from l in LinksAt(d)
        join o in OrganizationsAt(d) on l.OrganizationId equals o.Id
        select l.EnterpriseId;

    /// <summary>Enterprises with an own organisation: an own-kind organisation whose only live link is to it.</summary>
    private IQueryable<Guid> OwnAt(DateOnly d)
    {
        var links = LinksAt(d);
        var single = links
            .GroupBy(l => l.OrganizationId)
            .Where(g => g.Count() == 1)
            .Select(g => g.Key);
        return from l in links
            join o in OrganizationsAt(d) on l.OrganizationId equals o.Id
            where
                (
                    o.Type == OrganizationType.Branch
                    || o.Type == OrganizationType.GeneralBranch
                    || o.Type == OrganizationType.Committee
                ) && single.Contains(l.OrganizationId)
            select l.EnterpriseId;
    }

    private IQueryable<Guid> InstructedAt(DateOnly d) =>
        db
            .InstructorAssignments.Where(ia =>
                ia.FromDate <= d && (ia.ToDate == null || ia.ToDate > d)
            )
            .Select(ia => ia.EnterpriseId);

    private IQueryable<OrganizationEnterprise> LinksAt(DateOnly d) =>
        db.OrganizationEnterprises.Where(oe =>
            oe.FromDate <= d && (oe.ToDate == null || oe.ToDate > d)
        );

    private IQueryable<PartyOrganization> OrganizationsAt(DateOnly d) =>
        db.PartyOrganizations.Where(o =>
            o.FoundedOn <= d
            && (o.DissolvedOn == null || o.DissolvedOn > d)
            && o.Type != OrganizationType.Group
        );

    /// <summary>
    /// The facts of every enterprise counted on the day. Set-based: the three yes/no facts are memberships of sets
    /// the database computes once (<c>IN (SELECT …)</c>), the two member counts one GROUP BY over the members of
    /// those enterprises joined back (<c>LEFT JOIN</c>), so the cost grows with the rows, not rows × probes.
    /// </summary>
    private IQueryable<Facts> FactsAt(DateOnly d, IReadOnlyCollection<Guid>? buildingIds)
    {
        var enterprises = EnterprisesAt(d, buildingIds);
        var own = OwnAt(d);
        var organized = OrganizedAt(d);
        var instructed = InstructedAt(d);
        // Driven from the enterprises (a join, not EXISTS per member): SQLite then seeks the members of each
        // enterprise in the (EnterpriseId, JoinedOn, FullMemberOn) index instead of probing for every member.
        var counts =
            from e in enterprises
            join m in db.Members on (Guid?)e.Id equals m.EnterpriseId
            where
                (m.JoinedOn != null && m.JoinedOn <= d)
                || (m.FullMemberOn != null && m.FullMemberOn <= d)
            group m by m.EnterpriseId into g
            select new
            {
                EnterpriseId = g.Key,
                Members = g.Count(m => m.JoinedOn != null && m.JoinedOn <= d),
                FullMembers = g.Count(m => m.FullMemberOn != null && m.FullMemberOn <= d),
            };
        if (buildingIds is not null)
        {
            // Some buildings: each fact an EXISTS per enterprise (index seeks on the link's EnterpriseId and primary
            // key), so the cost follows the buildings' enterprises rather than every link of the district. "Own":
            // a live link to a live own-kind organisation that has no other live link (the primary key is
            // (organisation, enterprise), so "count of live links = 1" is "no live link to another enterprise").
            var links = LinksAt(d);
            var organizations = OrganizationsAt(d);
            return from e in enterprises
                join b in db.Buildings on e.BuildingId equals b.Id
                join c in counts on (Guid?)e.Id equals c.EnterpriseId into cs
                from c in cs.DefaultIfEmpty()
                select new Facts
                {
                    Id = e.Id,
                    Name = e.Name,
                    BuildingId = b.Id,
                    BuildingName = b.Name,
                    Own = links.Any(l =>
                        l.EnterpriseId == e.Id
                        && organizations.Any(o =>
                            o.Id == l.OrganizationId
                            && (
                                o.Type == OrganizationType.Branch
                                || o.Type == OrganizationType.GeneralBranch
                                || o.Type == OrganizationType.Committee
                            )
                        )
                        && !links.Any(x =>
                            x.OrganizationId == l.OrganizationId && x.EnterpriseId != e.Id
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
                    Members = (int?)c!.Members ?? 0,
                    FullMembers = (int?)c!.FullMembers ?? 0,
                };
        }
        return from e in enterprises
            join b in db.Buildings on e.BuildingId equals b.Id
            join c in counts on (Guid?)e.Id equals c.EnterpriseId into cs
            from c in cs.DefaultIfEmpty()
            select new Facts
            {
                Id = e.Id,
                Name = e.Name,
                BuildingId = b.Id,
                BuildingName = b.Name,
                Own = own.Contains(e.Id),
                Organized = organized.Contains(e.Id),
                Instructed = instructed.Contains(e.Id),
                Members = (int?)c!.Members ?? 0,
                FullMembers = (int?)c!.FullMembers ?? 0,
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
        // One statement (or the cache): the facts of every enterprise, in the order of the to-do lists. The states,
        // the to-do flags and the pages are CoverageRules applied to each row; the names of the (at most three pages
        // of) listed enterprises are read afterwards.
        var classified = await ClassifiedAsync(date, filter, ct);
        var counts = CoverageCounts.From(classified.Select(c => (c.State, 1)));

        (
            CoverageTodoList List,
            int Total,
            int Page,
            List<(Guid Id, int Members, int FullMembers)> Items
        ) Page(CoverageTodoList list, CoverageTodo flag)
        {
            var listed = classified.Where(c => c.Todo.HasFlag(flag));
            var p = todo == list ? page : 1;
            return (
                list,
                listed.Count(),
                p,
                [
                    .. listed
                        .Skip((p - 1) * pageSize)
                        .Take(pageSize)
                        .Select(c => (c.Id, c.Members, c.FullMembers)),
                ]
            );
        }

        var pages = new[]
        {
            Page(
                CoverageTodoList.FullMembersNoOwnOrganization,
                CoverageTodo.FullMembersNoOwnOrganization
            ),
            Page(CoverageTodoList.MembersNoOrganization, CoverageTodo.MembersNoOrganization),
            Page(CoverageTodoList.Uncovered, CoverageTodo.Uncovered),
        };
        var ids = pages.SelectMany(p => p.Items.Select(i => i.Id)).Distinct().ToArray();
        var names =
            ids.Length == 0
                ? []
                : await (
                    from e in db.Enterprises.AsNoTracking()
                    join b in db.Buildings on e.BuildingId equals b.Id
                    where ids.Contains(e.Id)
                    select new
                    {
                        e.Id,
                        e.Name,
                        e.BuildingId,
                        BuildingName = b.Name,
                    }
                ).ToDictionaryAsync(x => x.Id, ct);
        CoverageTodoPage Answer(int i)
        {
            var (_, total, p, items) = pages[i];
            return new CoverageTodoPage(
                total,
                p,
                pageSize,
                [
                    .. items.Select(x =>
                    {
                        var n = names[x.Id];
                        return new CoverageTodoItem(
                            x.Id,
                            n.Name,
                            n.BuildingId,
                            n.BuildingName,
                            x.FullMembers,
                            x.Members
                        );
                    }),
                ]
            );
        }

        return new CoverageReport(
            date,
            counts,
            CoverageRules.OrganizationCoverageRate(counts),
            CoverageRules.WorkCoverageRate(counts),
            Answer(0),
            Answer(1),
            Answer(2)
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

    /// <summary>
    /// Enterprises, organisation-covered and work-covered enterprises per building on a day: from the cached
    /// every-building rows of the day when there are some, else counted (and cached for these buildings).
    /// </summary>
    private async Task<Dictionary<Guid, (int Enterprises, int Organized, int Worked)>> SumsAsync(
        DateOnly d,
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    )
    {
        if (ids.Count == 0)
            return [];
        if (AllCached(d) is { } all)
        {
            var wanted = ids.ToHashSet();
            var fromRows = new Dictionary<Guid, (int Enterprises, int Organized, int Worked)>();
            foreach (var r in all)
            {
                if (!wanted.Contains(r.BuildingId))
                    continue;
                var (n, organized, worked) = fromRows.GetValueOrDefault(r.BuildingId);
                fromRows[r.BuildingId] = (
                    n + 1,
                    organized + (CoverageRules.OrganizationCovered(r.State) ? 1 : 0),
                    worked + (CoverageRules.WorkCovered(r.State) ? 1 : 0)
                );
            }
            return fromRows;
        }
        return await CachedAsync(CacheKey("sums", d, ids), () => QuerySumsAsync(d, ids, ct));
    }

    private async Task<
        Dictionary<Guid, (int Enterprises, int Organized, int Worked)>
    > QuerySumsAsync(DateOnly d, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var sums = new Dictionary<Guid, (int Enterprises, int Organized, int Worked)>();
        // Only the two yes/no facts count here (no member counts): sets computed once, grouped per building.
        var organized = OrganizedAt(d);
        var instructed = InstructedAt(d);
        var rows = await EnterprisesAt(d, ids)
            .Select(e => new
            {
                e.BuildingId,
                Organized = organized.Contains(e.Id),
                Instructed = instructed.Contains(e.Id),
            })
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
