using System.Runtime.CompilerServices;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// Says where the database moved members when a write changed their placement (<c>PlacedBuildingId</c>,
/// kept by triggers: the current organisation's building, else the workplace's). For a write that registers members,
/// opens, closes or moves spells (a transfer) or changes a member's workplace, it reads those members' placement
/// before the statements and again after them; each such member is then announced as a member row whose original
/// <c>PlacedBuildingId</c> is where it was, and members the unit of work tracks get the database's value. A total of a
/// list filtered by building or by a party worker's buildings is then patched through the write (see
/// <c>ListCounts.PlacementsKnown</c>) instead of counted again. A write that moves many members at
/// once (an organisation or an enterprise moving to another building; more than <see cref="MaxMembers"/> members) is
/// not followed: those totals are counted again.
/// </summary>
public sealed class PlacementWatch : ISaveWatch
{
    public const int MaxMembers = 500;

    private sealed class Pending
    {
        public required Dictionary<Guid, Guid?> Before { get; init; }
        public required HashSet<Guid> Members { get; init; }
    }

    private static readonly ConditionalWeakTable<LouyuDbContext, Pending> Watched = [];

    public async Task BeforeAsync(
        LouyuDbContext db,
        IReadOnlyList<ChangedRow> rows,
        CancellationToken ct
    )
    {
        Watched.Remove(db);
        var members = MembersPlacedBy(rows);
        if (members is null || members.Count == 0 || members.Count > MaxMembers)
            return;
        var ids = members.ToArray();
        var before = await db.Set<Member>()
            .AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.PlacedBuildingId })
            .ToDictionaryAsync(m => m.Id, m => m.PlacedBuildingId, ct);
        Watched.AddOrUpdate(db, new Pending { Before = before, Members = members });
    }

    public async Task AfterAsync(LouyuDbContext db, CancellationToken ct)
    {
        if (!Watched.TryGetValue(db, out var pending))
            return;
        Watched.Remove(db);
        var ids = pending.Members.ToArray();
        var after = await db.Set<Member>()
            .AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .ToListAsync(ct);
        var tracked = db
            .ChangeTracker.Entries<Member>()
            .GroupBy(e => e.Entity.Id)
            .ToDictionary(g => g.Key, g => g.First());
        // The rows of this SaveChanges that are these members (a member edited or registered by the unit of work).
        var rowAt = new Dictionary<Guid, int>();
        for (var i = 0; i < db.PendingChanges.Count; i++)
            if (db.PendingChanges[i].Entity is Member m && pending.Members.Contains(m.Id))
                rowAt[m.Id] = i;
        foreach (var member in after)
        {
            var placed = member.PlacedBuildingId;
            var entity = member;
            if (tracked.TryGetValue(member.Id, out var entry))
            {
                // The database's value, not a change: a later save of the entity must not write it back.
                var property = entry.Property(m => m.PlacedBuildingId);
                property.CurrentValue = placed;
                property.OriginalValue = placed;
                property.IsModified = false;
                entity = entry.Entity;
            }
            var was = pending.Before.TryGetValue(member.Id, out var b) ? b : null;
            if (rowAt.TryGetValue(member.Id, out var at))
            {
                // A registered member's row gets the key too (its value unused): the entity holds its placement.
                var row = db.PendingChanges[at];
                var original = new Dictionary<string, object?>(row.Original);
                original.TryAdd(nameof(Member.PlacedBuildingId), was);
                db.PendingChanges[at] = row with { Original = original };
            }
            else
                db.PendingChanges.Add(
                    new ChangedRow(
                        typeof(Member),
                        EntityState.Modified,
                        entity,
                        new Dictionary<string, object?> { [nameof(Member.PlacedBuildingId)] = was }
                    )
                );
        }
    }

    /// <summary>
    /// The members whose placement the rows may change: registered, workplace changed, a spell written. Null when
    /// the rows move members this watch does not follow (an organisation or an enterprise moving to another building,
    /// an enterprise deleted).
    /// </summary>
    public static HashSet<Guid>? MembersPlacedBy(IReadOnlyList<ChangedRow> rows)
    {
        var members = new HashSet<Guid>();
        foreach (var row in rows)
            switch (row.Entity)
            {
                case Member m
                    when row.State == EntityState.Added
                        || row.State == EntityState.Modified
                            && row.Original.ContainsKey(nameof(Member.EnterpriseId)):
                    members.Add(m.Id);
                    break;
                case MemberSpell s:
                    members.Add(s.MemberId);
                    if (row.Original.GetValueOrDefault(nameof(MemberSpell.MemberId)) is Guid was)
                        members.Add(was);
                    break;
                case PartyOrganization when row.State != EntityState.Added:
                case Enterprise when row.State != EntityState.Added:
                    if (
                        row.State == EntityState.Deleted
                        || row.Original.ContainsKey(nameof(PartyOrganization.BuildingId))
                    )
                        return null;
                    break;
            }
        return members;
    }
}
