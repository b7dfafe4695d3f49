using System.Net;
using System.Net.Http.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The member and enterprise list totals stay exact across writes to the lists' own rows: a member registered, a
/// probationary member made full, an enterprise moved out. The kept total is patched by the write (+1 / −1), not
/// counted again: a row changed behind the application's back (raw SQL, no announcement) stays unseen by it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ListTotalsAfterWritesTests(AppFixture fixture)
{
    private static async Task<int> TotalAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await ResponseJson.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("total").GetInt32();
    }

    private static async Task<(Guid Id, string ResidentId, DateOnly Birth)> MemberAsync(
        HttpClient client,
        string name,
        string status
    )
    {
        var (residentId, birth) = MemberApi.FreshId();
        var created = await MemberApi.CreateAsync(
            client,
            MemberApi.Body(residentId, birth, name: name, status: status)
        );
        return (OrganizationApi.Id(created), residentId, birth);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Member_totals_follow_registrations_and_status_changes(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var marker = OrganizationApi.Unique("补丁");
        var q = Uri.EscapeDataString(marker);
        string Named(string status = "") =>
            $"/api/v1/members?q={q}" + (status == "" ? "" : $"&status={status}");
        var bystander = await MemberAsync(secretary, OrganizationApi.Unique("旁人"), "Full");

        var all = await TotalAsync(secretary, "/api/v1/members");
        Assert.Equal(0, await TotalAsync(secretary, Named()));
        Assert.Equal(0, await TotalAsync(secretary, Named("Full")));
        Assert.Equal(0, await TotalAsync(secretary, Named("Probationary")));

        // Registered as probationary: in the name search and the probationary list.
        var a = await MemberAsync(secretary, marker + "甲", "Probationary");
        Assert.Equal(all + 1, await TotalAsync(secretary, "/api/v1/members"));
        Assert.Equal(1, await TotalAsync(secretary, Named()));
        Assert.Equal(0, await TotalAsync(secretary, Named("Full")));
        Assert.Equal(1, await TotalAsync(secretary, Named("Probationary")));

        // Made a full member (转正): leaves one list, enters the other.
        using (
            var put = await secretary.PutAsJsonAsync(
                $"/api/v1/members/{a.Id}",
                MemberApi.Body(
                    Louyu.Web.Modules.Organization.Domain.ResidentIdNumber.Mask(a.ResidentId),
                    a.Birth,
                    name: marker + "甲",
                    status: "Full",
                    version: 1
                )
            )
        )
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(all + 1, await TotalAsync(secretary, "/api/v1/members"));
        Assert.Equal(1, await TotalAsync(secretary, Named()));
        Assert.Equal(1, await TotalAsync(secretary, Named("Full")));
        Assert.Equal(0, await TotalAsync(secretary, Named("Probationary")));

        // The totals agree with the database.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            Assert.Equal(all + 1, await db.Members.CountAsync());
            Assert.Equal(
                1,
                await db.Members.CountAsync(m =>
                    m.Name.Contains(marker) && m.Status == MemberStatus.Full
                )
            );

            // Patched, not counted again: a name changed behind the application's back stays unseen …
            await db
                .Members.Where(m => m.Id == bystander.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Name, marker + "乙"));
        }
        Assert.Equal(1, await TotalAsync(secretary, Named("Full")));
        // … and a registration moves the kept total by one (a count would find three).
        await MemberAsync(secretary, marker + "丙", "Full");
        Assert.Equal(2, await TotalAsync(secretary, Named("Full")));
        Assert.Equal(2, await TotalAsync(secretary, Named()));
    }

    /// <summary>
    /// A building's total reads the placement, which the database keeps: a registration patches it from the
    /// placement read back after the write (PlacementWatch), not by counting the building again.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_building_total_catches_up_on_registrations(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var other = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        var elsewhere = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(other)
            )
        );
        var branch = await MemberApi.CreateBranchAsync(app, building);
        var list = $"/api/v1/members?buildingId={building}";
        var full = $"/api/v1/members?buildingId={building}&status=Full";
        async Task<Guid> Register(Guid? organization, Guid? workplace, string status = "Full")
        {
            var (residentId, birth) = MemberApi.FreshId();
            return OrganizationApi.Id(
                await MemberApi.CreateAsync(
                    secretary,
                    MemberApi.Body(residentId, birth, organization, workplace, status: status)
                )
            );
        }

        var moved = await Register(null, elsewhere);
        Assert.Equal(0, await TotalAsync(secretary, list));
        Assert.Equal(0, await TotalAsync(secretary, full));
        // Placed by the workplace, by the branch, and one elsewhere: the building's totals take the first two.
        await Register(null, enterprise);
        await Register(branch, elsewhere, "Probationary");
        await Register(null, elsewhere);
        Assert.Equal(2, await TotalAsync(secretary, list));
        Assert.Equal(1, await TotalAsync(secretary, full));

        // Patched, not counted again: a member moved into the building behind the application's back (the
        // database places them, but no write is announced) stays unseen, and the next registration adds one.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await db
                .Members.Where(m => m.Id == moved)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.EnterpriseId, enterprise));
            Assert.Equal(3, await db.Members.CountAsync(m => m.PlacedBuildingId == building));
        }
        Assert.Equal(2, await TotalAsync(secretary, list));
        await Register(null, enterprise);
        Assert.Equal(3, await TotalAsync(secretary, list));
        Assert.Equal(2, await TotalAsync(secretary, full));
    }

    /// <summary>
    /// A member moved to another building's branch — by editing the record (an internal move) or by a transfer's
    /// receipt (the party directory) — leaves one building's totals and enters the other's, for the committee and
    /// for each building's party worker; the totals are patched from the placement the write read back
    /// (PlacementWatch), not counted again.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Building_totals_follow_moves_between_buildings(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var a = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var b = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var inA = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(a)
            )
        );
        var branchA = await MemberApi.CreateBranchAsync(app, a);
        var branchB = await MemberApi.CreateBranchAsync(app, b);
        using var workerA = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, a.ToString())
        );
        using var workerB = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, b.ToString())
        );
        var marker = OrganizationApi.Unique("迁移");
        var (residentId, birth) = MemberApi.FreshId();
        var moving = await MemberApi.CreateAsync(
            secretary,
            MemberApi.Body(residentId, birth, branchA, name: marker + "甲")
        );
        var movingId = OrganizationApi.Id(moving);
        var (otherId, otherBirth) = MemberApi.FreshId();
        var stayingId = OrganizationApi.Id(
            await MemberApi.CreateAsync(
                secretary,
                MemberApi.Body(otherId, otherBirth, branchA, name: marker + "乙")
            )
        );
        var q = Uri.EscapeDataString(marker);
        string[] listsOfA =
        [
            $"/api/v1/members?buildingId={a}",
            $"/api/v1/members?buildingId={a}&q={q}",
        ];
        string[] listsOfB =
        [
            $"/api/v1/members?buildingId={b}",
            $"/api/v1/members?buildingId={b}&q={q}",
        ];
        async Task ExpectAsync(int inA, int inB)
        {
            foreach (var list in listsOfA)
                Assert.Equal(inA, await TotalAsync(secretary, list));
            foreach (var list in listsOfB)
                Assert.Equal(inB, await TotalAsync(secretary, list));
            Assert.Equal(inA, await TotalAsync(workerA, $"/api/v1/members?q={q}"));
            Assert.Equal(inB, await TotalAsync(workerB, $"/api/v1/members?q={q}"));
            Assert.Equal(inA, await TotalAsync(workerA, "/api/v1/members"));
            Assert.Equal(inB, await TotalAsync(workerB, "/api/v1/members"));
        }
        await ExpectAsync(2, 0);

        // Patched, not counted again: a member placed in A behind the application's back stays unseen by A's
        // totals through the moves below (a count would find them).
        var c = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var inC = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(c)
            )
        );
        var (hiddenId, hiddenBirth) = MemberApi.FreshId();
        var hidden = OrganizationApi.Id(
            await MemberApi.CreateAsync(
                secretary,
                MemberApi.Body(hiddenId, hiddenBirth, enterpriseId: inC, name: marker + "丙")
            )
        );
        await ExpectAsync(2, 0);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await db
                .Members.Where(m => m.Id == hidden)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.EnterpriseId, inA));
            Assert.Equal(3, await db.Members.CountAsync(m => m.PlacedBuildingId == a));
        }

        // An internal move: the record's organisation changes to B's branch.
        using (
            var put = await secretary.PutAsJsonAsync(
                $"/api/v1/members/{movingId}",
                MemberApi.Body(
                    ResidentIdNumber.Mask(residentId),
                    birth,
                    branchB,
                    name: marker + "甲",
                    version: moving.GetProperty("version").GetInt32()
                )
            )
        )
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await ExpectAsync(1, 1);

        // A transfer's receipt: the party directory moves the other member to B's branch.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<IPartyDirectory>();
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            Assert.True(
                await directory.MoveMemberAsync(stayingId, branchB, today, "TransferIn", default)
            );
            await db.SaveChangesAsync();
            Assert.Equal(2, await db.Members.CountAsync(m => m.PlacedBuildingId == b));
            // The database holds the hidden member in A too; the patched totals do not.
            Assert.Equal(1, await db.Members.CountAsync(m => m.PlacedBuildingId == a));
        }
        await ExpectAsync(0, 2);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Enterprise_totals_follow_registrations_and_move_outs(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var marker = OrganizationApi.Unique("补丁企业");
        var q = Uri.EscapeDataString(marker);
        var named = $"/api/v1/enterprises?q={q}";
        var present = $"/api/v1/enterprises?q={q}&present=true";
        var inBuilding = $"/api/v1/enterprises?buildingId={building}&present=true";
        Assert.Equal(0, await TotalAsync(secretary, named));
        Assert.Equal(0, await TotalAsync(secretary, present));
        Assert.Equal(0, await TotalAsync(secretary, inBuilding));

        var body = OrganizationApi.EnterpriseBody(building, name: marker + "甲");
        var created = await OrganizationApi.CreateEnterpriseAsync(secretary, body);
        var id = OrganizationApi.Id(created);
        Assert.Equal(1, await TotalAsync(secretary, named));
        Assert.Equal(1, await TotalAsync(secretary, present));
        Assert.Equal(1, await TotalAsync(secretary, inBuilding));

        // Moved out yesterday: still found by name, no longer present.
        var code = created.GetProperty("unifiedSocialCreditCode").GetString();
        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        using (
            var put = await secretary.PutAsJsonAsync(
                $"/api/v1/enterprises/{id}",
                OrganizationApi.EnterpriseBody(
                    building,
                    code: code,
                    name: marker + "甲",
                    movedOutOn: yesterday,
                    version: created.GetProperty("version").GetInt32()
                )
            )
        )
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, await TotalAsync(secretary, named));
        Assert.Equal(0, await TotalAsync(secretary, present));
        Assert.Equal(0, await TotalAsync(secretary, inBuilding));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.Equal(1, await db.Enterprises.CountAsync(e => e.Name.Contains(marker)));
    }
}
