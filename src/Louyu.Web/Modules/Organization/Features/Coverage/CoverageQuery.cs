using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
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
/// overview's two rates. The facts are read in the database in one set-based statement and each row classified by
/// <see cref="CoverageRules"/>; counts, to-do lists and per-building sums are made over those rows.
/// <para>
/// The rows of a date (for every building, or for the building filter asked) are kept in <see cref="CoverageStore"/>
/// and maintained from the write log: a reader re-reads only the enterprises that committed writes may have changed
/// (a few milliseconds), not the district (seconds). An entry is read in full once older than
/// <c>Organization:CoverageCacheMinutes</c> (10; another instance's writes are not in this log) — in the background
/// for today's every-building entry (<see cref="CoverageWarmer"/>). A filter is served from the every-building entry
/// of its date when that exists.
/// </para>
/// </summary>
public sealed class CoverageQuery(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    CoverageStore store,
    IConfiguration config
)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    /// <summary>Above this many changed enterprises, an entry is read in full rather than patched.</summary>
    private const int MaxPatch = 2_000;

    /// <summary><c>Organization:CoverageCacheMinutes</c>, 10 by default; 0 turns the store off (benchmarks).</summary>
    public TimeSpan CacheTime =>
        TimeSpan.FromMinutes(config.GetValue("Organization:CoverageCacheMinutes", 10));

    /// <summary>The order of the to-do lists: building name, enterprise name, id (ordinal, on every provider).</summary>
    private static readonly Comparison<CoverageRow> ListOrder = (a, b) =>
    {
        var c = string.CompareOrdinal(a.BuildingName, b.BuildingName);
        if (c == 0)
            c = string.CompareOrdinal(a.Name, b.Name);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    };

    /// <summary>
    /// The classified rows of every enterprise counted on the day under the filter, in the order of the to-do lists:
    /// from the store (brought up to date), else read in full and kept.
    /// </summary>
    private async Task<IReadOnlyList<CoverageRow>> RowsAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        CancellationToken ct
    )
    {
        if (CacheTime <= TimeSpan.Zero)
            return Sorted(await QueryRowsAsync(date, filter, null, ct));
        if (filter is not null && Usable(store.Get(date, "*")) is not null)
        {
            var all = await RowsAsync(date, null, ct);
            var ids = filter as IReadOnlySet<Guid> ?? filter.ToHashSet();
            return [.. all.Where(r => ids.Contains(r.BuildingId))];
        }
        var key = CoverageStore.FilterKey(filter);
        var entry = Usable(store.Get(date, key)) ?? await BuildAsync(date, filter, key, ct);
        return (await UpToDateAsync(date, filter, key, entry, ct)).Rows;
    }

    /// <summary>An entry young enough to be maintained rather than read again in full.</summary>
    private CoverageEntry? Usable(CoverageEntry? entry) =>
        entry is not null && clock.GetUtcNow().UtcDateTime - entry.BuiltUtc < CacheTime
            ? entry
            : null;

    /// <summary>Reads the rows of a date and filter in full and keeps them.</summary>
    private async Task<CoverageEntry> BuildAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        string key,
        CancellationToken ct
    )
    {
        var seq = store.Seq; // taken before reading: a change during the read is applied by the next reader
        var entry = new CoverageEntry(
            seq,
            clock.GetUtcNow().UtcDateTime,
            Sorted(await QueryRowsAsync(date, filter, null, ct))
        );
        store.Put(date, key, entry);
        return entry;
    }

    /// <summary>Today's every-building rows read in full again when they are older than half the cache time.</summary>
    public async Task RefreshTodayAsync(CancellationToken ct)
    {
        if (CacheTime <= TimeSpan.Zero)
            return;
        var entry = store.Get(Today, "*");
        if (entry is null || clock.GetUtcNow().UtcDateTime - entry.BuiltUtc >= CacheTime / 2)
            entry = await BuildAsync(Today, null, "*", ct);
        await UpToDateAsync(Today, null, "*", entry, ct);
    }

    /// <summary>
    /// The entry with every change logged since it was made applied: the changed enterprises (and those of changed
    /// organisations) read again and put in their place; read in full when the log cannot say what changed.
    /// </summary>
    private async Task<CoverageEntry> UpToDateAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        string key,
        CoverageEntry entry,
        CancellationToken ct
    )
    {
        var seq = store.Seq; // taken before reading, as in BuildAsync
        if (entry.Seq >= seq)
            return entry;
        var (everything, enterprises, organizations) = store.Since(entry.Seq);
        if (!everything && organizations.Count > 0)
        {
            var linked = await db
                .OrganizationEnterprises.AsNoTracking()
                .Where(l => organizations.Contains(l.OrganizationId))
                .Select(l => l.EnterpriseId)
                .Distinct()
                .ToListAsync(ct);
            enterprises.UnionWith(linked);
        }
        if (everything || enterprises.Count > MaxPatch)
            return await BuildAsync(date, filter, key, ct);
        var fresh = await QueryRowsAsync(date, filter, enterprises, ct);
        var patched = new CoverageEntry(seq, entry.BuiltUtc, Patch(entry.Rows, enterprises, fresh));
        store.Put(date, key, patched);
        return patched;
    }

    /// <summary>
    /// The sorted rows without the changed enterprises' old rows and with their new ones in their places (a binary
    /// search each: no sort of the whole district for one write).
    /// </summary>
    private static CoverageRow[] Patch(
        CoverageRow[] rows,
        HashSet<Guid> changed,
        CoverageRow[] fresh
    )
    {
        var kept = new List<CoverageRow>(rows.Length + fresh.Length);
        foreach (var r in rows)
            if (!changed.Contains(r.Id))
                kept.Add(r);
        var order = Comparer<CoverageRow>.Create(ListOrder);
        foreach (var r in fresh)
        {
            var at = kept.BinarySearch(r, order);
            kept.Insert(at < 0 ? ~at : at, r);
        }
        return [.. kept];
    }

    private static CoverageRow[] Sorted(CoverageRow[] rows)
    {
        Array.Sort(rows, ListOrder);
        return rows;
    }

    /// <summary>The facts of the enterprises counted on the day (of the filter; of the given ids), classified.</summary>
    private async Task<CoverageRow[]> QueryRowsAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        IReadOnlyCollection<Guid>? enterpriseIds,
        CancellationToken ct
    )
    {
        var rows = await FactsAt(date, filter, enterpriseIds)
            .Select(f => new
            {
                f.Id,
                f.Name,
                f.BuildingId,
                f.BuildingName,
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
                return new CoverageRow(
                    r.Id,
                    r.Name,
                    r.BuildingId,
                    r.BuildingName,
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
    private IQueryable<Facts> FactsAt(
        DateOnly d,
        IReadOnlyCollection<Guid>? buildingIds,
        IReadOnlyCollection<Guid>? enterpriseIds = null
    )
    {
        var enterprises = EnterprisesAt(d, buildingIds);
        if (enterpriseIds is not null)
            enterprises = enterprises.Where(e => enterpriseIds.Contains(e.Id));
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
        if (buildingIds is not null || enterpriseIds is not null)
        {
            // Some buildings or enterprises: each fact an EXISTS per enterprise (index seeks on the link's EnterpriseId and primary
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
        // The classified rows of every enterprise (kept up to date in the store), in the order of the to-do lists:
        // the states, the to-do flags and the pages are CoverageRules applied to each row.
        var rows = await RowsAsync(date, filter, ct);
        var counts = CoverageCounts.From(rows.Select(c => (c.State, 1)));

        CoverageTodoPage Page(CoverageTodoList list, CoverageTodo flag)
        {
            var listed = rows.Where(c => c.Todo.HasFlag(flag));
            var p = todo == list ? page : 1;
            return new CoverageTodoPage(
                listed.Count(),
                p,
                pageSize,
                [
                    .. listed
                        .Skip((p - 1) * pageSize)
                        .Take(pageSize)
                        .Select(c => new CoverageTodoItem(
                            c.Id,
                            c.Name,
                            c.BuildingId,
                            c.BuildingName,
                            c.FullMembers,
                            c.Members
                        )),
                ]
            );
        }

        return new CoverageReport(
            date,
            counts,
            CoverageRules.OrganizationCoverageRate(counts),
            CoverageRules.WorkCoverageRate(counts),
            Page(
                CoverageTodoList.FullMembersNoOwnOrganization,
                CoverageTodo.FullMembersNoOwnOrganization
            ),
            Page(CoverageTodoList.MembersNoOrganization, CoverageTodo.MembersNoOrganization),
            Page(CoverageTodoList.Uncovered, CoverageTodo.Uncovered)
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
    /// Enterprises, organisation-covered and work-covered enterprises per building on a day: from the every-building
    /// rows of the day when the store has them (always, for today), else counted.
    /// </summary>
    private async Task<Dictionary<Guid, (int Enterprises, int Organized, int Worked)>> SumsAsync(
        DateOnly d,
        IReadOnlyCollection<Guid> ids,
        CancellationToken ct
    )
    {
        if (ids.Count == 0)
            return [];
        if (CacheTime <= TimeSpan.Zero || Usable(store.Get(d, "*")) is null)
            return await QuerySumsAsync(d, ids, ct);
        var all = await RowsAsync(d, null, ct);
        var wanted = ids.ToHashSet();
        var sums = new Dictionary<Guid, (int Enterprises, int Organized, int Worked)>();
        foreach (var r in all)
        {
            if (!wanted.Contains(r.BuildingId))
                continue;
            var (n, organized, worked) = sums.GetValueOrDefault(r.BuildingId);
            sums[r.BuildingId] = (
                n + 1,
                organized + (CoverageRules.OrganizationCovered(r.State) ? 1 : 0),
                worked + (CoverageRules.WorkCovered(r.State) ? 1 : 0)
            );
        }
        return sums;
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
