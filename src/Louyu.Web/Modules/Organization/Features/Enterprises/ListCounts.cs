using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// The exact <c>total</c> of the organisation lists (members, enterprises), kept per query (its SQL with the
/// caller's filter and scope values) until a committed write that can change it — so paging through a list of
/// 700,000 members does not count them again on every page, and a write that changes nothing the list filters on
/// (a member's phone, a dues payment, an enterprise's headcount) leaves the totals kept. Another instance's writes
/// are not seen: an entry also expires after <c>Organization:ListCountSeconds</c> (60). A total whose filter can be
/// tested in memory is patched by the writes to its rows instead of dropped (<see cref="CountAsync{T}"/>).
/// </summary>
public sealed class ListCounts
{
    private static readonly string? ModuleTables = typeof(Member).Namespace;

    /// <summary>The member columns the member list filters on (GET /api/v1/members and the caller's scope).</summary>
    private static readonly HashSet<string> MemberFilterColumns =
    [
        nameof(Member.Name),
        nameof(Member.Status),
        nameof(Member.OrganizationalStatus),
        nameof(Member.EnterpriseId),
        nameof(Member.UserId),
        nameof(Member.PlacedBuildingId),
    ];

    /// <summary>The enterprise columns the enterprise list filters on (GET /api/v1/enterprises).</summary>
    private static readonly HashSet<string> EnterpriseFilterColumns =
    [
        nameof(Enterprise.Name),
        nameof(Enterprise.UnifiedSocialCreditCode),
        nameof(Enterprise.BuildingId),
        nameof(Enterprise.Industry),
        nameof(Enterprise.MovedOutOn),
    ];

    private static readonly HashSet<string> BuildingColumn = [nameof(PartyOrganization.BuildingId)];

    private readonly WriteInvalidatedCache<int> _members;
    private readonly WriteInvalidatedCache<int> _enterprises;
    private readonly WriteInvalidatedCache<int> _other;

    public ListCounts(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        var keep = TimeSpan.FromSeconds(config.GetValue("Organization:ListCountSeconds", 60));
        _members = new(
            signal,
            clock,
            keep,
            maxEntries: 10_000,
            touches: TouchesMemberList,
            additions: MembersAdded
        );
        _enterprises = new(signal, clock, keep, maxEntries: 10_000, touches: TouchesEnterpriseList);
        _other = new(
            signal,
            clock,
            keep,
            maxEntries: 1_000,
            touches: r => r.EntityType.Namespace == ModuleTables
        );
    }

    /// <summary>
    /// The query's count, kept. With <paramref name="matches"/> — the list's filter tested in memory on a row of
    /// <typeparamref name="T"/>, exact as the SQL is (only for filters on the row's own columns) — a write that
    /// touches the list patches the kept total instead of dropping it: +1 for each written row that matches after
    /// the write and did not before, −1 the other way round. The request after a member is registered, an
    /// enterprise moves out or a status changes then counts nothing again.
    /// </summary>
    /// <param name="readsPlacement">
    /// <paramref name="matches"/> reads <c>PlacedBuildingId</c>, which the database keeps: the total is
    /// patched only through writes whose placements were read back (<see cref="PlacementsKnown"/>).
    /// </param>
    public async Task<int> CountAsync<T>(
        IQueryable<T> query,
        CancellationToken ct,
        Func<T, bool>? matches = null,
        bool readsPlacement = false
    )
        where T : class
    {
        var cache =
            typeof(T) == typeof(Member) ? _members
            : typeof(T) == typeof(Enterprise) ? _enterprises
            : _other;
        CacheCatchUp<int>? catchUp = query is IQueryable<Member> members
            ? async (added, total) =>
                total + await members.Where(m => added.Contains(m.Id)).CountAsync(ct)
            : null;
        return cache.Enabled
            ? await cache.GetOrComputeAsync(
                query.ToQueryString(),
                () => query.CountAsync(ct),
                matches is null ? null
                    : readsPlacement
                        ? (rows, total) =>
                            PlacementsKnown(rows) ? Patch(rows, total, matches) : (false, total)
                    : (rows, total) => Patch(rows, total, matches),
                catchUp
            )
            : await query.CountAsync(ct);
    }

    /// <summary>
    /// The members a write registered, when that is all it did to the member lists (the members and their first
    /// spells): any member total — by building, organisation, a party worker's or a secretary's scope — then adds
    /// those of the new members its own query selects, on its next read (one statement over their ids), instead of
    /// counting again. Null for any other write.
    /// </summary>
    public static IReadOnlyCollection<Guid>? MembersAdded(IReadOnlyList<ChangedRow> touching)
    {
        var added = touching
            .Where(r => r.EntityType == typeof(Member) && r.State == EntityState.Added)
            .Select(r => ((Member)r.Entity).Id)
            .ToHashSet();
        if (added.Count == 0)
            return null;
        foreach (var row in touching)
        {
            var alone =
                row.EntityType == typeof(Member) && row.State == EntityState.Added
                || row.EntityType == typeof(MemberSpell)
                    && row.State == EntityState.Added
                    && added.Contains(((MemberSpell)row.Entity).MemberId);
            if (!alone)
                return null;
        }
        return added;
    }

    /// <summary>
    /// Whether the write says where it placed every member whose placement it may have changed: each such member
    /// (registered, workplace changed, a spell written) has a member row with <c>PlacedBuildingId</c> among its
    /// originals (<see cref="PlacementWatch"/> adds them), and no organisation or enterprise moved building or was
    /// deleted.
    /// </summary>
    public static bool PlacementsKnown(IReadOnlyList<ChangedRow> touching)
    {
        var placed = PlacementWatch.MembersPlacedBy(touching);
        if (placed is null)
            return false;
        foreach (var row in touching)
            if (row.Entity is Member m && row.Original.ContainsKey(nameof(Member.PlacedBuildingId)))
                placed.Remove(m.Id);
        return placed.Count == 0;
    }

    /// <summary>
    /// The total after the written rows (see <see cref="CountAsync{T}"/>); not kept when a write changed the list's
    /// rows without saying how (an enterprise deleted clears its members' workplace in the database).
    /// </summary>
    public static (bool Kept, int Value) Patch<T>(
        IReadOnlyList<ChangedRow> touching,
        int total,
        Func<T, bool> matches
    )
        where T : class
    {
        // One row may be written by several SaveChanges of the unit of work (added, then edited), as the tracked
        // entity or as a copy read back (a member's placement): it counts once, as it was before the first and as
        // it is after the last; each property's original is its earliest.
        var written =
            new Dictionary<
                object,
                (bool Added, bool Deleted, object Entity, Dictionary<string, object?> Original)
            >();
        foreach (var row in touching)
        {
            if (row.EntityType != typeof(T))
            {
                if (row.EntityType == typeof(Enterprise) && row.State == EntityState.Deleted)
                    return (false, total);
                continue;
            }
            var key = KeyOf(row.Entity);
            if (!written.TryGetValue(key, out var w))
                w = (row.State == EntityState.Added, false, row.Entity, []);
            foreach (var (name, value) in row.Original)
                w.Original.TryAdd(name, value);
            written[key] = w with
            {
                Deleted = row.State == EntityState.Deleted,
                Entity = row.Entity,
            };
        }
        foreach (var (_, (added, deleted, entity, original)) in written)
        {
            var after = deleted ? null : (T)entity;
            var before = added ? null : Before((T)entity, original);
            total +=
                (after is not null && matches(after) ? 1 : 0)
                - (before is not null && matches(before) ? 1 : 0);
        }
        return (true, total);
    }

    /// <summary>A written row's identity: its key for the list's own rows, else the entity itself.</summary>
    private static object KeyOf(object entity) =>
        entity switch
        {
            Member m => m.Id,
            Enterprise e => e.Id,
            _ => entity,
        };

    private static readonly System.Reflection.MethodInfo Clone = typeof(object).GetMethod(
        "MemberwiseClone",
        System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic
    )!;

    /// <summary>The row as it was before the write: a copy with the changed properties' original values.</summary>
    private static T Before<T>(T saved, IReadOnlyDictionary<string, object?> original)
        where T : class
    {
        if (original.Count == 0)
            return saved;
        var copy = (T)Clone.Invoke(saved, null)!;
        foreach (var (name, value) in original)
            typeof(T).GetProperty(name)?.SetValue(copy, value);
        return copy;
    }

    /// <summary>A row added or deleted, or one of <paramref name="columns"/> changed.</summary>
    private static bool Changes(ChangedRow row, HashSet<string> columns) =>
        row.State != EntityState.Modified || row.Original.Keys.Any(columns.Contains);

    /// <summary>
    /// Whether a written row can change a member list's total: the member's own filtered columns; any spell (the
    /// organisation filter and the placement in a building); an organisation's or an enterprise's building (the
    /// placement); an enterprise deleted (its members' workplace is cleared by the database).
    /// </summary>
    public static bool TouchesMemberList(ChangedRow row)
    {
        var type = row.EntityType;
        if (type == typeof(Member))
            return Changes(row, MemberFilterColumns);
        if (type == typeof(MemberSpell))
            return true;
        if (type == typeof(PartyOrganization))
            return Changes(row, BuildingColumn);
        if (type == typeof(Enterprise))
            return row.State == EntityState.Deleted
                || row.State == EntityState.Modified
                    && row.Original.ContainsKey(nameof(Enterprise.BuildingId));
        return false;
    }

    /// <summary>Whether a written row can change an enterprise list's total: only an enterprise's filtered columns.</summary>
    public static bool TouchesEnterpriseList(ChangedRow row) =>
        row.EntityType == typeof(Enterprise) && Changes(row, EnterpriseFilterColumns);
}
