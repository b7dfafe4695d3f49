using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET /api/v1/members by building reads the members' placement, which the database keeps (Member.PlacedBuildingId:
/// the current organisation's building, or without one the workplace's); a name search reads the name range when
/// every match starts with the text. Pages and totals agree, and a member moved to another enterprise or branch
/// shows in the right building's list at once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MemberListPlansTests(AppFixture fixture)
{
    private sealed record Place(Guid Building, Guid Branch, Guid Enterprise);

    private static async Task<Place> PlaceAsync(LouyuAppFactory app, HttpClient secretary)
    {
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        return new Place(building, await MemberApi.CreateBranchAsync(app, building), enterprise);
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/members?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ResponseJson.ReadAsync(response);
    }

    /// <summary>Every page of the list (page size 2), as (total, names in order) — read with each plan.</summary>
    private static async Task<(int Total, List<string> Names)> AllPagesAsync(
        HttpClient client,
        string query
    )
    {
        var names = new List<string>();
        var first = await ListAsync(client, $"{query}&pageSize=2&page=1");
        var total = first.GetProperty("total").GetInt32();
        for (var page = 1; page <= (total + 1) / 2 + 1; page++)
        {
            var body =
                page == 1 ? first : await ListAsync(client, $"{query}&pageSize=2&page={page}");
            Assert.Equal(total, body.GetProperty("total").GetInt32());
            names.AddRange(
                body.GetProperty("items")
                    .EnumerateArray()
                    .Select(i => i.GetProperty("name").GetString()!)
            );
        }
        return (total, names);
    }

    private static async Task<Guid> CreateMemberAsync(
        HttpClient secretary,
        string name,
        Guid? organization,
        Guid? enterprise,
        string status = "Full"
    )
    {
        var (id, birth) = MemberApi.FreshId();
        var created = await MemberApi.CreateAsync(
            secretary,
            MemberApi.Body(
                id,
                birth,
                organization,
                enterprise,
                name: name,
                status: status,
                joinedOn: status == "Activist" ? "" : null
            )
        );
        return OrganizationApi.Id(created);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Pages_and_totals_by_building_and_name_agree(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var a = await PlaceAsync(app, secretary);
        var b = await PlaceAsync(app, secretary);
        var marker = OrganizationApi.Unique("");
        // Placed in A: by A's branch; without a branch by A's enterprise; by A's branch while working in B.
        // Placed in B: by B's branch while working in A (the organisation wins); without a branch by B's enterprise.
        var inA = new[]
        {
            (marker + "甲", (Guid?)a.Branch, (Guid?)a.Enterprise, "Full"),
            (marker + "乙", null, a.Enterprise, "Activist"),
            ("李" + marker, a.Branch, b.Enterprise, "Full"),
            ("王" + marker + "丁", null, a.Enterprise, "Full"),
            (marker + "戊", a.Branch, null, "Probationary"),
        };
        var inB = new[]
        {
            (marker + "己", (Guid?)b.Branch, (Guid?)a.Enterprise, "Full"),
            ("赵" + marker, null, b.Enterprise, "Full"),
        };
        foreach (var (name, org, enterprise, status) in inA.Concat(inB))
            await CreateMemberAsync(secretary, name, org, enterprise, status);

        var queries = new[]
        {
            $"buildingId={a.Building}",
            $"buildingId={b.Building}",
            $"buildingId={a.Building}&status=Full",
            $"buildingId={a.Building}&q={Uri.EscapeDataString(marker)}",
            $"q={Uri.EscapeDataString(marker)}",
            $"q={Uri.EscapeDataString(marker + "甲")}",
            $"q={Uri.EscapeDataString(marker)}&status=Full",
        };
        foreach (var query in queries)
        {
            var (total, names) = await AllPagesAsync(secretary, query);
            Assert.Equal(total, names.Count);
            Assert.Equal(names.Count, names.Distinct().Count());
        }

        var (totalA, namesA) = await AllPagesAsync(secretary, $"buildingId={a.Building}");
        Assert.Equal(inA.Length, totalA);
        Assert.Equal(
            inA.Select(x => x.Item1).Order(StringComparer.Ordinal),
            namesA.Order(StringComparer.Ordinal)
        );
        var (totalB, namesB) = await AllPagesAsync(secretary, $"buildingId={b.Building}");
        Assert.Equal(inB.Length, totalB);
        Assert.Equal(
            inB.Select(x => x.Item1).Order(StringComparer.Ordinal),
            namesB.Order(StringComparer.Ordinal)
        );
        // Substring search finds the text anywhere in the name; the prefix alone reads the name range.
        var (all, _) = await AllPagesAsync(secretary, $"q={Uri.EscapeDataString(marker)}");
        Assert.Equal(inA.Length + inB.Length, all);
        var (prefixed, prefixedNames) = await AllPagesAsync(
            secretary,
            $"q={Uri.EscapeDataString(marker + "甲")}"
        );
        Assert.Equal(1, prefixed);
        Assert.Equal([marker + "甲"], prefixedNames);

        // A page past the last answers no items and the exact total.
        var past = await ListAsync(secretary, $"buildingId={a.Building}&page=99");
        Assert.Equal(inA.Length, past.GetProperty("total").GetInt32());
        Assert.Equal(0, past.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_moved_member_shows_in_the_right_building_at_once(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var a = await PlaceAsync(app, secretary);
        var b = await PlaceAsync(app, secretary);
        var name = OrganizationApi.Unique("迁移");
        var (residentId, birth) = MemberApi.FreshId();
        var member = OrganizationApi.Id(
            await MemberApi.CreateAsync(
                secretary,
                MemberApi.Body(residentId, birth, null, a.Enterprise, name: name)
            )
        );

        async Task<(int A, int B)> TotalsAsync()
        {
            var inA = await ListAsync(secretary, $"buildingId={a.Building}");
            var inB = await ListAsync(secretary, $"buildingId={b.Building}");
            return (inA.GetProperty("total").GetInt32(), inB.GetProperty("total").GetInt32());
        }

        Assert.Equal((1, 0), await TotalsAsync());
        // Moved to an enterprise of building B (no organisation): the workplace places the member.
        async Task MoveAsync(Guid? organization, Guid? enterprise, int version)
        {
            using var response = await secretary.PutAsJsonAsync(
                $"/api/v1/members/{member}",
                MemberApi.Body(
                    ResidentIdNumberMask(residentId),
                    birth,
                    organization,
                    enterprise,
                    name: name,
                    version: version
                )
            );
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        await MoveAsync(null, b.Enterprise, 1);
        Assert.Equal((0, 1), await TotalsAsync());
        // Joins A's branch while still working in B: the organisation places the member in A.
        await MoveAsync(a.Branch, b.Enterprise, 2);
        Assert.Equal((1, 0), await TotalsAsync());
        var listed = await ListAsync(secretary, $"buildingId={a.Building}");
        Assert.Equal(name, listed.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(
            a.Branch,
            listed.GetProperty("items")[0].GetProperty("organizationId").GetGuid()
        );
    }

    /// <summary>
    /// A page is read from the nearest page start served before (ListPages): in any order of reading — forwards,
    /// the same page again, backwards — and after a write, every page equals the database's own order, names that
    /// tie included (the id breaks the tie as the database orders ids).
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Pages_read_from_anchors_follow_the_database_order(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var marker = OrganizationApi.Unique("锚");
        foreach (var name in new[] { "同", "同", "同", "同", "甲", "乙", "同", "丙" })
            await CreateMemberAsync(secretary, marker + name, null, null);
        var query = $"q={Uri.EscapeDataString(marker)}&pageSize=3";

        async Task<List<Guid>> ExpectedAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db =
                scope.ServiceProvider.GetRequiredService<Louyu.Web.Platform.Data.LouyuDbContext>();
            return await db
                .Members.Where(m => m.Name.StartsWith(marker))
                .OrderBy(m => m.Name)
                .ThenBy(m => m.Id)
                .Select(m => m.Id)
                .ToListAsync();
        }
        async Task<List<Guid>> PageAsync(int page)
        {
            var body = await ListAsync(secretary, $"{query}&page={page}");
            return
            [
                .. body.GetProperty("items")
                    .EnumerateArray()
                    .Select(i => i.GetProperty("id").GetGuid()),
            ];
        }
        async Task CheckAsync(params int[] order)
        {
            var expected = await ExpectedAsync();
            foreach (var page in order)
                Assert.Equal(expected.Skip((page - 1) * 3).Take(3), await PageAsync(page));
        }

        await CheckAsync(1, 2, 3, 3, 2, 1, 3);
        // A member whose name sorts first shifts every page by one: the anchor read first moves past its page and
        // the page is read backwards from it.
        await CreateMemberAsync(secretary, marker + "一", null, null);
        await CheckAsync(3, 2, 3, 1, 2, 3, 4);
        // Two more before the next read, one tying with names in the middle (its id decides its place) and one
        // sorting last: the anchors wait behind both.
        await CreateMemberAsync(secretary, marker + "同", null, null);
        await CreateMemberAsync(secretary, marker + "龥", null, null);
        await CheckAsync(4, 3, 2, 4, 1, 4);
        // A registration outside the list leaves its anchors as they are.
        await CreateMemberAsync(secretary, OrganizationApi.Unique("旁"), null, null);
        await CheckAsync(4, 2, 4, 1);
    }

    /// <summary>The enterprise list's pages follow registrations the same way.</summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Enterprise_pages_read_from_anchors_follow_registrations(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var marker = OrganizationApi.Unique("锚企");
        async Task Register(string name) =>
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building, name: marker + name)
            );
        foreach (var name in new[] { "丁", "甲", "乙", "丙", "戊", "己", "庚" })
            await Register(name);
        var query = $"/api/v1/enterprises?q={Uri.EscapeDataString(marker)}&pageSize=2";
        async Task CheckAsync(params int[] order)
        {
            List<Guid> expected;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db =
                    scope.ServiceProvider.GetRequiredService<Louyu.Web.Platform.Data.LouyuDbContext>();
                expected = await db
                    .Enterprises.Where(e => e.Name.StartsWith(marker))
                    .OrderBy(e => e.Name)
                    .ThenBy(e => e.Id)
                    .Select(e => e.Id)
                    .ToListAsync();
            }
            foreach (var page in order)
            {
                using var response = await secretary.GetAsync($"{query}&page={page}");
                var body = await ResponseJson.ReadAsync(response);
                Assert.Equal(expected.Count, body.GetProperty("total").GetInt32());
                Assert.Equal(
                    expected.Skip((page - 1) * 2).Take(2),
                    body.GetProperty("items")
                        .EnumerateArray()
                        .Select(i => i.GetProperty("id").GetGuid())
                );
            }
        }

        await CheckAsync(1, 2, 3, 4, 3);
        await Register("一");
        await CheckAsync(4, 3, 4, 1, 2, 4);
        await Register("丁");
        await Register("子");
        await CheckAsync(3, 4, 5, 2, 5);
    }

    private static string ResidentIdNumberMask(string id) =>
        Louyu.Web.Modules.Organization.Domain.ResidentIdNumber.Mask(id);
}
