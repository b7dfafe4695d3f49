using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Member.PlacedBuildingId — the building of the member's current organisation or, without one, of their workplace —
/// is kept by database triggers (migration MemberPlacement) on every write path: a member written, a spell opened,
/// closed, moved or deleted, an organisation or an enterprise moved to another building, an enterprise deleted (its
/// members' workplace cleared by the foreign key), rows inserted in bulk past the change tracker.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MemberPlacementTests(AppFixture fixture)
{
    private static Building NewBuilding() =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("落位楼"),
            Address = "测试路 1 号",
            Floors = 10,
            CoveredFrom = new DateOnly(2024, 1, 1),
        };

    private static Enterprise NewEnterprise(Guid building) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("落位企业"),
            UnifiedSocialCreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
            BuildingId = building,
            Industry = "I",
            EmployeeCount = 10,
            LegalRepresentative = "张三",
            Floor = 1,
            MovedInOn = new DateOnly(2024, 1, 1),
        };

    private static PartyOrganization NewBranch(Guid building) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("落位支部"),
            Type = OrganizationType.Branch,
            BuildingId = building,
            FoundedOn = new DateOnly(2024, 1, 1),
        };

    private static Member NewMember(Guid? enterprise)
    {
        var hash = Guid.NewGuid().ToString("N");
        return new Member
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("落位党员"),
            ResidentIdCipher = "x",
            ResidentIdHash = hash,
            ResidentIdMasked = "110105********002X",
            BirthDate = new DateOnly(1990, 1, 1),
            Status = MemberStatus.Full,
            EnterpriseId = enterprise,
        };
    }

    private static MemberSpell NewSpell(Guid member, Guid organization, DateOnly from) =>
        new()
        {
            Id = Guid.NewGuid(),
            MemberId = member,
            OrganizationId = organization,
            FromDate = from,
            Reason = "Founding",
        };

    private static Task<Guid?> PlacedAsync(LouyuDbContext db, Guid member) =>
        db
            .Members.AsNoTracking()
            .Where(m => m.Id == member)
            .Select(m => m.PlacedBuildingId)
            .SingleAsync();

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Every_write_path_keeps_the_placement(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var a = NewBuilding();
        var b = NewBuilding();
        var c = NewBuilding();
        var inA = NewEnterprise(a.Id);
        var inB = NewEnterprise(b.Id);
        var branchA = NewBranch(a.Id);
        var branchB = NewBranch(b.Id);
        db.AddRange(a, b, c, inA, inB, branchA, branchB);
        await db.SaveChangesAsync();

        // A member working in A, without an organisation: placed by the workplace.
        var m = NewMember(inA.Id);
        db.Members.Add(m);
        await db.SaveChangesAsync();
        Assert.Equal(a.Id, await PlacedAsync(db, m.Id));

        // Joins B's branch: the organisation wins over the workplace.
        var spell = NewSpell(m.Id, branchB.Id, new DateOnly(2025, 1, 1));
        db.MemberSpells.Add(spell);
        await db.SaveChangesAsync();
        Assert.Equal(b.Id, await PlacedAsync(db, m.Id));

        // The spell closes (transferred out of Louyu): back to the workplace.
        spell.ToDate = new DateOnly(2025, 6, 1);
        await db.SaveChangesAsync();
        Assert.Equal(a.Id, await PlacedAsync(db, m.Id));

        // A new spell in A's branch; then that branch moves to building C: the member follows.
        var second = NewSpell(m.Id, branchA.Id, new DateOnly(2025, 6, 1));
        db.MemberSpells.Add(second);
        await db.SaveChangesAsync();
        Assert.Equal(a.Id, await PlacedAsync(db, m.Id));
        branchA.BuildingId = c.Id;
        await db.SaveChangesAsync();
        Assert.Equal(c.Id, await PlacedAsync(db, m.Id));

        // The spell moved to another organisation (a correction), then deleted: B's branch, then the workplace.
        second.OrganizationId = branchB.Id;
        await db.SaveChangesAsync();
        Assert.Equal(b.Id, await PlacedAsync(db, m.Id));
        db.MemberSpells.Remove(second);
        await db.SaveChangesAsync();
        Assert.Equal(a.Id, await PlacedAsync(db, m.Id));

        // The workplace moves to building C: its members without an organisation follow.
        inA.BuildingId = c.Id;
        await db.SaveChangesAsync();
        Assert.Equal(c.Id, await PlacedAsync(db, m.Id));

        // The member changes workplace, then leaves it: placed in B, then nowhere.
        await db
            .Members.Where(x => x.Id == m.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EnterpriseId, inB.Id));
        Assert.Equal(b.Id, await PlacedAsync(db, m.Id));
        var tracked = await db.Members.SingleAsync(x => x.Id == m.Id);
        tracked.EnterpriseId = null;
        await db.SaveChangesAsync();
        Assert.Null(await PlacedAsync(db, m.Id));

        // An enterprise deleted: the foreign key clears its members' workplace, and their placement with it.
        var worker = NewMember(inB.Id);
        db.Members.Add(worker);
        await db.SaveChangesAsync();
        Assert.Equal(b.Id, await PlacedAsync(db, worker.Id));
        db.ChangeTracker.Clear();
        await db.Enterprises.Where(e => e.Id == inB.Id).ExecuteDeleteAsync();
        Assert.Null(await PlacedAsync(db, worker.Id));

        // Rows inserted in bulk (the member import's path): placed by their spell.
        db.ChangeTracker.Clear();
        var bulk = NewMember(inA.Id);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(db, [bulk], default);
            await BulkInsert.InsertAsync(
                db,
                [NewSpell(bulk.Id, branchB.Id, new DateOnly(2025, 1, 1))],
                default
            );
            await tx.CommitAsync();
        }
        Assert.Equal(b.Id, await PlacedAsync(db, bulk.Id));
    }

    /// <summary>
    /// The import writes each member's placement with the row, and the database keeps a placement it finds right
    /// without writing the row again. A wrong one is corrected by the next open spell or, without one, at the commit;
    /// a closed spell or an open spell in the member's building changes nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Placements_written_with_bulk_rows_are_confirmed_or_corrected(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var a = NewBuilding();
        var b = NewBuilding();
        var c = NewBuilding();
        var inA = NewEnterprise(a.Id);
        var branchA = NewBranch(a.Id);
        var branchB = NewBranch(b.Id);
        var branchC = NewBranch(c.Id);
        db.AddRange(a, b, c, inA, branchA, branchB, branchC);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        Member Placed(Guid? building)
        {
            var m = NewMember(inA.Id);
            m.PlacedBuildingId = building;
            return m;
        }
        var noSpell = Placed(c.Id); // wrong: no organisation, works in A
        var wrongThenSpell = Placed(c.Id); // wrong: joins B's branch
        var right = Placed(b.Id); // right: joins B's branch
        var closedOnly = Placed(c.Id); // wrong: only a closed spell in C, works in A
        var missing = Placed(null); // none given: works in A
        MemberSpell[] spells =
        [
            NewSpell(wrongThenSpell.Id, branchB.Id, new DateOnly(2025, 1, 1)),
            NewSpell(right.Id, branchB.Id, new DateOnly(2025, 1, 1)),
            NewSpell(closedOnly.Id, branchC.Id, new DateOnly(2024, 1, 1)),
        ];
        spells[2].ToDate = new DateOnly(2024, 12, 31);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkInsert.InsertAsync(
                db,
                [noSpell, wrongThenSpell, right, closedOnly, missing],
                default
            );
            await BulkInsert.InsertAsync(db, spells, default);
            await tx.CommitAsync();
        }
        Assert.Equal(a.Id, await PlacedAsync(db, noSpell.Id));
        Assert.Equal(b.Id, await PlacedAsync(db, wrongThenSpell.Id));
        Assert.Equal(b.Id, await PlacedAsync(db, right.Id));
        Assert.Equal(a.Id, await PlacedAsync(db, closedOnly.Id));
        Assert.Equal(a.Id, await PlacedAsync(db, missing.Id));

        // A second open spell, earlier than B's: the latest open spell still places the member in B, whether the
        // earlier one is in B's building or in A's.
        db.MemberSpells.Add(NewSpell(right.Id, branchB.Id, new DateOnly(2024, 6, 1)));
        db.MemberSpells.Add(NewSpell(wrongThenSpell.Id, branchA.Id, new DateOnly(2024, 6, 1)));
        await db.SaveChangesAsync();
        Assert.Equal(b.Id, await PlacedAsync(db, right.Id));
        Assert.Equal(b.Id, await PlacedAsync(db, wrongThenSpell.Id));
        // A later open spell in C wins; a closed spell in A added afterwards changes nothing.
        var later = NewSpell(right.Id, branchC.Id, new DateOnly(2025, 6, 1));
        var closed = NewSpell(right.Id, branchA.Id, new DateOnly(2025, 7, 1));
        closed.ToDate = new DateOnly(2025, 8, 1);
        db.MemberSpells.AddRange(later, closed);
        await db.SaveChangesAsync();
        Assert.Equal(c.Id, await PlacedAsync(db, right.Id));
    }

    /// <summary>Across every member the tests have written so far, the kept placement equals its definition.</summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_kept_placement_equals_its_definition_for_every_member(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var rows = await db
            .Members.AsNoTracking()
            .Select(m => new
            {
                m.Id,
                m.PlacedBuildingId,
                ByOrganization = db
                    .MemberSpells.Where(s => s.MemberId == m.Id && s.ToDate == null)
                    .Join(
                        db.PartyOrganizations,
                        s => s.OrganizationId,
                        o => o.Id,
                        (s, o) => new { s.FromDate, o.BuildingId }
                    )
                    .OrderByDescending(x => x.FromDate)
                    .Select(x => (Guid?)x.BuildingId)
                    .FirstOrDefault(),
                ByWorkplace = db
                    .Enterprises.Where(e => e.Id == m.EnterpriseId)
                    .Select(e => (Guid?)e.BuildingId)
                    .FirstOrDefault(),
            })
            .ToListAsync();
        Assert.NotEmpty(rows);
        var wrong = rows.Where(r => r.PlacedBuildingId != (r.ByOrganization ?? r.ByWorkplace))
            .ToList();
        Assert.Empty(wrong);
    }
}
