using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Louyu.Tests;

/// <summary>
/// A kept list total is patched by the rows a committed write announces (+1 / −1 per row that enters or leaves the
/// filter) when it was stored before that write began, and counted again otherwise.
/// </summary>
public sealed class ListTotalsPatchTests
{
    private static Member NewMember(string name, MemberStatus status) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            ResidentIdCipher = "x",
            ResidentIdHash = Guid.NewGuid().ToString("N"),
            ResidentIdMasked = "110105********002X",
            Status = status,
        };

    private static ChangedRow Added(object entity) =>
        new(entity.GetType(), EntityState.Added, entity, new Dictionary<string, object?>());

    private static ChangedRow Modified(
        object entity,
        params (string Name, object? Was)[] original
    ) =>
        new(
            entity.GetType(),
            EntityState.Modified,
            entity,
            original.ToDictionary(o => o.Name, o => o.Was)
        );

    private static ChangedRow Deleted(Member m) =>
        new(
            typeof(Member),
            EntityState.Deleted,
            m,
            new Dictionary<string, object?>
            {
                [nameof(Member.Name)] = m.Name,
                [nameof(Member.Status)] = m.Status,
            }
        );

    private static readonly Func<Member, bool> FullWang = m =>
        m.Status == MemberStatus.Full && m.Name.Contains('王', StringComparison.Ordinal);

    [Fact]
    public void Rows_entering_and_leaving_the_filter_move_the_total_by_one()
    {
        var added = NewMember("王一", MemberStatus.Full);
        var other = NewMember("李二", MemberStatus.Full);
        var promoted = NewMember("王三", MemberStatus.Full);
        var renamed = NewMember("赵四", MemberStatus.Full);
        var deleted = NewMember("王五", MemberStatus.Full);
        var rows = new[]
        {
            Added(added), // +1
            Added(other), // 0
            Modified(promoted, (nameof(Member.Status), MemberStatus.Probationary)), // +1
            Modified(renamed, (nameof(Member.Name), "王四")), // −1
            Deleted(deleted), // −1
        };
        Assert.Equal((true, 100), ListCounts.Patch(rows, 100, FullWang));
        // The copy with the original values is a copy: the saved entity keeps its values.
        Assert.Equal("赵四", renamed.Name);
        Assert.Equal(MemberStatus.Full, promoted.Status);
    }

    private static readonly Guid BuildingA = Guid.NewGuid();
    private static readonly Guid BuildingB = Guid.NewGuid();

    private static readonly Func<Member, bool> InA = m => m.PlacedBuildingId == BuildingA;

    private static Member Placed(Member m, Guid? building)
    {
        m.PlacedBuildingId = building;
        return m;
    }

    private static ChangedRow Spell(Guid member) =>
        Added(
            new MemberSpell
            {
                Id = Guid.NewGuid(),
                MemberId = member,
                OrganizationId = Guid.NewGuid(),
                Reason = "TransferIn",
            }
        );

    [Fact]
    public void A_move_between_buildings_is_patched_from_the_placements_read_back()
    {
        // A transfer: the spell, and the member as the database placed it, read back after the statements.
        var moved = Placed(NewMember("王一", MemberStatus.Full), BuildingB);
        var arrived = Placed(NewMember("王二", MemberStatus.Full), BuildingA);
        var stayed = Placed(NewMember("王三", MemberStatus.Full), BuildingA);
        ChangedRow[] rows =
        [
            Spell(moved.Id),
            Modified(moved, (nameof(Member.PlacedBuildingId), BuildingA)), // −1
            Spell(arrived.Id),
            Modified(arrived, (nameof(Member.PlacedBuildingId), null)), // +1
            Spell(stayed.Id),
            Modified(stayed, (nameof(Member.PlacedBuildingId), BuildingA)), // 0
        ];
        Assert.True(ListCounts.PlacementsKnown(rows));
        Assert.Equal((true, 10), ListCounts.Patch(rows, 10, InA));
        Assert.Equal((true, 9), ListCounts.Patch(rows[..2], 10, InA));
    }

    [Fact]
    public void A_placement_not_read_back_is_not_known()
    {
        var member = Placed(NewMember("王一", MemberStatus.Full), BuildingA);
        // A spell whose member was not read back (the watch saw more than it follows).
        Assert.False(ListCounts.PlacementsKnown([Spell(member.Id)]));
        // A member registered without its placement noted.
        Assert.False(ListCounts.PlacementsKnown([Added(member), Spell(member.Id)]));
        Assert.True(
            ListCounts.PlacementsKnown([
                new ChangedRow(
                    typeof(Member),
                    EntityState.Added,
                    member,
                    new Dictionary<string, object?> { [nameof(Member.PlacedBuildingId)] = null }
                ),
                Spell(member.Id),
            ])
        );
        // A workplace changed: its placement must be read back too.
        Assert.False(
            ListCounts.PlacementsKnown([Modified(member, (nameof(Member.EnterpriseId), null))])
        );
        // An organisation or an enterprise moved to another building moves all their members.
        var organization = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "支部",
            BuildingId = BuildingB,
        };
        Assert.False(
            ListCounts.PlacementsKnown([
                Modified(organization, (nameof(PartyOrganization.BuildingId), BuildingA)),
            ])
        );
        Assert.True(
            ListCounts.PlacementsKnown([
                Modified(organization, (nameof(PartyOrganization.Name), "旧名")),
            ])
        );
    }

    [Fact]
    public void A_member_read_back_twice_in_one_unit_of_work_counts_once()
    {
        // Two SaveChanges of one transaction each read the member back: two copies of one row.
        var first = Placed(NewMember("王一", MemberStatus.Full), BuildingB);
        var second = Placed(NewMember("王一", MemberStatus.Full), BuildingB);
        second.Id = first.Id;
        ChangedRow[] rows =
        [
            Spell(first.Id),
            Modified(first, (nameof(Member.PlacedBuildingId), BuildingA)),
            Spell(first.Id),
            Modified(second, (nameof(Member.PlacedBuildingId), BuildingB)),
        ];
        Assert.Equal((true, 4), ListCounts.Patch(rows, 5, InA));
        // Back to A by the second save: as it was before the first.
        second.PlacedBuildingId = BuildingA;
        Assert.Equal((true, 5), ListCounts.Patch(rows, 5, InA));
    }

    [Fact]
    public void An_entity_written_twice_in_one_unit_of_work_counts_once()
    {
        // Added by the first SaveChanges, then its status changed by a second one: one member more, not two.
        var m = NewMember("王六", MemberStatus.Full);
        var rows = new[]
        {
            Added(m),
            Modified(m, (nameof(Member.Status), MemberStatus.Probationary)),
        };
        Assert.Equal((true, 11), ListCounts.Patch(rows, 10, FullWang));

        // Status changed, then name changed by two SaveChanges: before is (Probationary, 李七), after (Full, 王七).
        var n = NewMember("王七", MemberStatus.Full);
        var twice = new[]
        {
            Modified(n, (nameof(Member.Status), MemberStatus.Probationary)),
            Modified(n, (nameof(Member.Name), "李七")),
        };
        Assert.Equal((true, 11), ListCounts.Patch(twice, 10, FullWang));

        // Added then deleted in the same unit of work: no change.
        var gone = NewMember("王八", MemberStatus.Full);
        Assert.Equal((true, 10), ListCounts.Patch([Added(gone), Deleted(gone)], 10, FullWang));
    }

    [Fact]
    public void An_enterprise_deleted_clears_workplaces_unseen_so_member_totals_are_counted_again()
    {
        var e = new Enterprise
        {
            Name = "某公司",
            UnifiedSocialCreditCode = "91110105MA01234567",
            Industry = "I",
            LegalRepresentative = "张三",
        };
        var row = new ChangedRow(
            typeof(Enterprise),
            EntityState.Deleted,
            e,
            new Dictionary<string, object?>()
        );
        Assert.False(ListCounts.Patch([row], 10, FullWang).Kept);
    }

    private static (WriteInvalidatedCache<int> Cache, DataChangeSignal Signal) NewCache()
    {
        var signal = new DataChangeSignal();
        var cache = new WriteInvalidatedCache<int>(
            signal,
            new FakeTimeProvider(DateTimeOffset.UtcNow),
            TimeSpan.FromMinutes(1),
            100,
            r => r.EntityType == typeof(Member)
        );
        return (cache, signal);
    }

    private static CachePatch<int> PatchFullWang =>
        (rows, total) => ListCounts.Patch(rows, total, FullWang);

    [Fact]
    public async Task A_total_stored_before_the_write_began_is_patched_not_counted_again()
    {
        var (cache, signal) = NewCache();
        var computed = 0;
        Task<int> Count()
        {
            computed++;
            return Task.FromResult(50);
        }
        Assert.Equal(50, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        var began = DataChangeSignal.Begin();
        signal.Raise([Added(NewMember("王九", MemberStatus.Full))], began);
        Assert.Equal(51, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        Assert.Equal(1, computed);

        // Without a patch the same write drops the total: counted again.
        Assert.Equal(50, await cache.GetOrComputeAsync("plain", Count));
        signal.Raise([Added(NewMember("王十", MemberStatus.Full))], DataChangeSignal.Begin());
        Assert.Equal(50, await cache.GetOrComputeAsync("plain", Count));
        Assert.Equal(3, computed);
    }

    [Fact]
    public async Task A_total_stored_after_the_write_began_may_hold_it_already_and_is_counted_again()
    {
        var (cache, signal) = NewCache();
        var computed = 0;
        Task<int> Count()
        {
            computed++;
            return Task.FromResult(50);
        }
        // The write begins, a reader counts (perhaps after the commit) and stores, then the commit is announced.
        var began = DataChangeSignal.Begin();
        Assert.Equal(50, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        signal.Raise([Added(NewMember("王甲", MemberStatus.Full))], began);
        Assert.Equal(50, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        Assert.Equal(2, computed);

        // A write whose beginning is unknown patches nothing; an unknown write drops everything.
        signal.Raise([Added(NewMember("王乙", MemberStatus.Full))]);
        Assert.Equal(50, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        Assert.Equal(3, computed);
        signal.Raise(null);
        Assert.Equal(50, await cache.GetOrComputeAsync("k", Count, PatchFullWang));
        Assert.Equal(4, computed);
    }

    [Fact]
    public void Only_a_write_that_registered_members_and_their_spells_can_be_caught_up_on()
    {
        var m = NewMember("王丙", MemberStatus.Full);
        var spell = new MemberSpell { MemberId = m.Id, Reason = "Developed" };
        Assert.Equal([m.Id], ListCounts.MembersAdded([Added(m), Added(spell)]));
        // A spell of an existing member (a transfer), an edit, or no member added: counted again.
        var transfer = new MemberSpell { MemberId = Guid.NewGuid(), Reason = "TransferIn" };
        Assert.Null(ListCounts.MembersAdded([Added(m), Added(transfer)]));
        Assert.Null(
            ListCounts.MembersAdded([
                Added(m),
                Modified(NewMember("李丁", MemberStatus.Full), (nameof(Member.Name), "李")),
            ])
        );
        Assert.Null(ListCounts.MembersAdded([Added(transfer)]));
    }

    /// <summary>A member-list cache that catches up on registrations, as <c>ListCounts</c> keeps its totals.</summary>
    private static (WriteInvalidatedCache<int>, DataChangeSignal) CatchingUpCache()
    {
        var signal = new DataChangeSignal();
        var cache = new WriteInvalidatedCache<int>(
            signal,
            new FakeTimeProvider(DateTimeOffset.UtcNow),
            TimeSpan.FromMinutes(1),
            100,
            r => r.EntityType == typeof(Member) || r.EntityType == typeof(MemberSpell),
            ListCounts.MembersAdded
        );
        return (cache, signal);
    }

    [Fact]
    public async Task A_total_behind_registrations_adds_the_new_rows_it_selects_on_its_next_read()
    {
        var (cache, signal) = CatchingUpCache();
        var computed = 0;
        Task<int> Count()
        {
            computed++;
            return Task.FromResult(40);
        }
        var seen = new List<Guid>();
        CacheCatchUp<int> among = (added, total) =>
        {
            seen.AddRange(added);
            return Task.FromResult(total + added.Count - 1); // all but one selected
        };
        Assert.Equal(40, await cache.GetOrComputeAsync("building", Count, null, among));
        Assert.Equal(40, await cache.GetOrComputeAsync("no catch-up", Count));
        var a = NewMember("甲", MemberStatus.Full);
        var b = NewMember("乙", MemberStatus.Full);
        signal.Raise([Added(a)], DataChangeSignal.Begin());
        signal.Raise(
            [Added(b), Added(new MemberSpell { MemberId = b.Id, Reason = "Developed" })],
            DataChangeSignal.Begin()
        );
        Assert.Equal(41, await cache.GetOrComputeAsync("building", Count, null, among));
        Assert.Equal(new[] { a.Id, b.Id }.Order(), seen.Order());
        Assert.Equal(2, computed);
        // Caught up once: the next read is the kept value.
        Assert.Equal(41, await cache.GetOrComputeAsync("building", Count, null, among));
        Assert.Equal(2, seen.Count);
        // A key without a catch-up is counted again; a transfer drops the caught-up one too.
        Assert.Equal(40, await cache.GetOrComputeAsync("no catch-up", Count));
        Assert.Equal(3, computed);
        signal.Raise(
            [Added(new MemberSpell { MemberId = a.Id, Reason = "TransferIn" })],
            DataChangeSignal.Begin()
        );
        Assert.Equal(40, await cache.GetOrComputeAsync("building", Count, null, among));
        Assert.Equal(4, computed);
    }

    [Fact]
    public async Task A_total_its_patch_refuses_is_caught_up_on_registrations_and_dropped_otherwise()
    {
        var (cache, signal) = CatchingUpCache();
        var computed = 0;
        Task<int> Count()
        {
            computed++;
            return Task.FromResult(40);
        }
        // A building's total: patched where the placements were read back, else refused.
        CachePatch<int> patch = (rows, total) =>
            ListCounts.PlacementsKnown(rows) ? ListCounts.Patch(rows, total, InA) : (false, total);
        CacheCatchUp<int> among = (added, total) => Task.FromResult(total + added.Count);
        Assert.Equal(40, await cache.GetOrComputeAsync("a", Count, patch, among));
        // Imported (bulk rows without placements read back): caught up on the next read.
        var imported = Placed(NewMember("甲", MemberStatus.Full), BuildingA);
        signal.Raise(
            [
                Added(imported),
                Added(new MemberSpell { MemberId = imported.Id, Reason = "Developed" }),
            ],
            DataChangeSignal.Begin()
        );
        Assert.Equal(41, await cache.GetOrComputeAsync("a", Count, patch, among));
        Assert.Equal(1, computed);
        // A transfer read back: patched at once.
        var moved = Placed(NewMember("乙", MemberStatus.Full), BuildingB);
        signal.Raise(
            [Spell(moved.Id), Modified(moved, (nameof(Member.PlacedBuildingId), BuildingA))],
            DataChangeSignal.Begin()
        );
        Assert.Equal(40, await cache.GetOrComputeAsync("a", Count, patch, among));
        Assert.Equal(1, computed);
        // A transfer not read back: counted again.
        signal.Raise([Spell(moved.Id)], DataChangeSignal.Begin());
        Assert.Equal(40, await cache.GetOrComputeAsync("a", Count, patch, among));
        Assert.Equal(2, computed);
    }
}
