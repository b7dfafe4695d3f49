using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET|POST /api/v1/organizations, GET|PUT /api/v1/organizations/{id}, GET /api/v1/organizations/checks: links to
/// enterprises feed the coverage, the rule checks of the branch-work regulation, conflicts and the scope of each
/// role. Everything happens in fresh buildings with dates in 2024, so the demo figures stay as they are.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OrganizationsApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<HttpClient> FreshAsync(
        LouyuAppFactory app,
        string role,
        ScopeKind kind,
        Guid scope
    )
    {
        var user = await Accounts.CreateUserAsync(app, (role, kind, scope.ToString()));
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        return Accounts.ClientWithToken(app, token);
    }

    private static object Body(
        string type,
        Guid building,
        IEnumerable<Guid> enterprises,
        Guid? parentId = null,
        string? grouping = null,
        int? version = null,
        string? name = null
    ) =>
        new
        {
            name = name ?? OrganizationApi.Unique("测试党支部"),
            type,
            parentId,
            buildingId = building,
            grouping,
            foundedOn = "2024-06-01",
            enterpriseIds = enterprises.ToArray(),
            version,
        };

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/organizations", body);
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return await ResponseJson.ReadAsync(response);
    }

    private static async Task<(Guid Building, List<Guid> Enterprises)> FreshBuildingAsync(
        HttpClient secretary,
        int enterprises
    )
    {
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var ids = new List<Guid>();
        for (var i = 0; i < enterprises; i++)
            ids.Add(
                OrganizationApi.Id(
                    await OrganizationApi.CreateEnterpriseAsync(
                        secretary,
                        OrganizationApi.EnterpriseBody(building)
                    )
                )
            );
        return (building, ids);
    }

    private static string[] Codes(JsonElement org) =>
        [
            .. org.GetProperty("checks")
                .EnumerateArray()
                .Select(c => c.GetProperty("code").GetString()!),
        ];

    private static async Task AddFullMembersAsync(
        LouyuAppFactory app,
        Guid organization,
        Guid enterprise,
        int count
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            db.Members.Add(
                new Member
                {
                    Id = id,
                    Name = "测试党员",
                    ResidentIdCipher = "test",
                    ResidentIdHash = $"it-{id:N}",
                    ResidentIdMasked = "110105********0000",
                    Gender = Gender.Female,
                    BirthDate = new DateOnly(1990, 1, 1),
                    Status = MemberStatus.Full,
                    EnterpriseId = enterprise,
                    JoinedOn = new DateOnly(2024, 1, 1),
                    FullMemberOn = new DateOnly(2025, 1, 1),
                }
            );
            db.MemberSpells.Add(
                new MemberSpell
                {
                    Id = Guid.NewGuid(),
                    MemberId = id,
                    OrganizationId = organization,
                    FromDate = new DateOnly(2024, 6, 1),
                    Reason = "Founding",
                }
            );
        }
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_joint_branch_is_created_read_and_counts_as_joint_coverage(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await FreshBuildingAsync(secretary, 2);

        var org = await CreateAsync(
            secretary,
            Body("JointBranch", building, enterprises, grouping: "Area")
        );
        var id = OrganizationApi.Id(org);
        Assert.Equal("JointBranch", org.GetProperty("type").GetString());
        Assert.Equal("Area", org.GetProperty("grouping").GetString());
        Assert.Equal(1, org.GetProperty("version").GetInt32());
        Assert.Equal("2024-06-01", org.GetProperty("foundedOn").GetString());
        Assert.Equal(
            enterprises.Order(),
            org.GetProperty("enterpriseIds").EnumerateArray().Select(e => e.GetGuid()).Order()
        );
        Assert.Empty(Codes(org));

        using var read = await secretary.GetAsync($"/api/v1/organizations/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var r = await ResponseJson.ReadAsync(read);
        Assert.Equal(0, r.GetProperty("members").GetProperty("count").GetInt32());

        using var coverage = await secretary.GetAsync($"/api/v1/coverage?buildingId={building}");
        Assert.Equal(HttpStatusCode.OK, coverage.StatusCode);
        var c = await ResponseJson.ReadAsync(coverage);
        Assert.Equal(2, c.GetProperty("jointOrganization").GetInt32());
        Assert.Equal(0, c.GetProperty("ownOrganization").GetInt32());

        using var list = await secretary.GetAsync(
            $"/api/v1/organizations?buildingId={building}&type=JointBranch&page=1&pageSize=10"
        );
        var l = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, l.GetProperty("total").GetInt32());
        Assert.Equal(id, OrganizationApi.Id(l.GetProperty("items")[0]));

        // Dropping an enterprise ends its link (history kept) and bumps the version.
        using var put = await secretary.PutAsJsonAsync(
            $"/api/v1/organizations/{id}",
            Body("JointBranch", building, enterprises.Take(2), version: 1)
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await ResponseJson.ReadAsync(put)).GetProperty("version").GetInt32());

        using var stale = await secretary.PutAsJsonAsync(
            $"/api/v1/organizations/{id}",
            Body("JointBranch", building, enterprises, version: 1)
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(
            "记录已被他人修改",
            (await ResponseJson.ReadAsync(stale)).GetProperty("title").GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_joint_branch_of_six_enterprises_is_allowed_and_flagged(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await FreshBuildingAsync(secretary, 6);

        var org = await CreateAsync(secretary, Body("JointBranch", building, enterprises));

        var check = Assert.Single(org.GetProperty("checks").EnumerateArray());
        Assert.Equal("JointBranchTooLarge", check.GetProperty("code").GetString());
        Assert.Equal("Warning", check.GetProperty("severity").GetString());
        Assert.Equal("联合 6 家单位，一般不超过 5 家", check.GetProperty("message").GetString());
        Assert.Equal(
            "依据《中国共产党支部工作条例（试行）》第五条",
            check.GetProperty("source").GetString()
        );

        using var en = await secretary.SendAsync(
            OrganizationApi.English(
                HttpMethod.Get,
                $"/api/v1/organizations/{OrganizationApi.Id(org)}"
            )
        );
        var e = await ResponseJson.ReadAsync(en);
        Assert.Equal(
            "Covers 6 units; generally no more than 5",
            e.GetProperty("checks")[0].GetProperty("message").GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_branch_of_two_full_members_is_flagged_and_listed(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await FreshBuildingAsync(secretary, 1);
        var org = await CreateAsync(secretary, Body("Branch", building, enterprises));
        var id = OrganizationApi.Id(org);
        Assert.Contains("TooFewFullMembers", Codes(org));
        await AddFullMembersAsync(app, id, enterprises[0], 2);

        using var read = await secretary.GetAsync($"/api/v1/organizations/{id}");
        var r = await ResponseJson.ReadAsync(read);
        var members = r.GetProperty("members");
        Assert.Equal(2, members.GetProperty("count").GetInt32());
        Assert.Equal(2, members.GetProperty("full").GetInt32());
        Assert.Equal(0, members.GetProperty("probationary").GetInt32());
        var check = Assert.Single(r.GetProperty("checks").EnumerateArray());
        Assert.Equal("TooFewFullMembers", check.GetProperty("code").GetString());
        Assert.Equal("Violation", check.GetProperty("severity").GetString());
        Assert.Equal(
            "正式党员 2 名，不足 3 名：应与邻近单位成立联合党支部",
            check.GetProperty("message").GetString()
        );

        // The to-do list of a worker of that building holds it.
        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);
        using var _w = worker;
        using var todo = await worker.GetAsync("/api/v1/organizations/checks?pageSize=200");
        Assert.Equal(HttpStatusCode.OK, todo.StatusCode);
        var t = await ResponseJson.ReadAsync(todo);
        Assert.Equal(1, t.GetProperty("total").GetInt32());
        Assert.Equal(id, OrganizationApi.Id(t.GetProperty("items")[0]));

        // A third full member clears it.
        await AddFullMembersAsync(app, id, enterprises[0], 1);
        using var again = await worker.GetAsync($"/api/v1/organizations/{id}");
        Assert.Empty(Codes(await ResponseJson.ReadAsync(again)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Cycles_duplicates_and_bad_fields_are_refused(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await FreshBuildingAsync(secretary, 2);
        var general = await CreateAsync(
            secretary,
            Body("GeneralBranch", building, [], name: OrganizationApi.Unique("测试党总支"))
        );
        var generalId = OrganizationApi.Id(general);
        var branch = await CreateAsync(
            secretary,
            Body("Branch", building, enterprises.Take(1), parentId: generalId)
        );
        var branchId = OrganizationApi.Id(branch);

        // The general branch under its own child: a cycle.
        using var cycle = await secretary.PutAsJsonAsync(
            $"/api/v1/organizations/{generalId}",
            Body("GeneralBranch", building, [], parentId: branchId, version: 1)
        );
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Equal(
            ["上级党组织不能是本组织或其下级组织。"],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(cycle), "parentId")
        );
        using var self = await secretary.SendAsync(
            OrganizationApi.English(
                HttpMethod.Put,
                $"/api/v1/organizations/{generalId}",
                Body("GeneralBranch", building, [], parentId: generalId, version: 1)
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(
            ["The parent cannot be the organisation itself or one below it."],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(self), "parentId")
        );

        // A second live branch for the same enterprise.
        using var duplicate = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            Body("JointBranch", building, enterprises)
        );
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(
            "企业已属于另一个党支部",
            (await ResponseJson.ReadAsync(duplicate)).GetProperty("title").GetString()
        );

        using var bad = await secretary.SendAsync(
            OrganizationApi.English(
                HttpMethod.Post,
                "/api/v1/organizations",
                new
                {
                    name = "x",
                    type = "Cell",
                    buildingId = building,
                    foundedOn = DateOnly
                        .FromDateTime(DateTime.UtcNow.AddDays(3))
                        .ToString("yyyy-MM-dd"),
                    parentId = Guid.NewGuid(),
                }
            )
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var p = await ResponseJson.ReadAsync(bad);
        Assert.Equal(
            ["Type must be Committee, GeneralBranch, Branch, JointBranch or Group."],
            ResponseJson.FieldErrors(p, "type")
        );
        Assert.NotEmpty(ResponseJson.FieldErrors(p, "foundedOn"));

        using var oneEnterprise = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            Body("JointBranch", building, enterprises.Skip(1))
        );
        Assert.Equal(HttpStatusCode.BadRequest, oneEnterprise.StatusCode);
        Assert.Equal(
            ["联合党支部须包含至少 2 家企业。"],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(oneEnterprise), "enterpriseIds")
        );
        using var twoForBranch = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            Body("Branch", building, enterprises)
        );
        Assert.Equal(HttpStatusCode.BadRequest, twoForBranch.StatusCode);
        using var unknown = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            Body("Branch", building, [Guid.NewGuid()])
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_role_sees_and_writes_what_its_scope_allows(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await FreshBuildingAsync(secretary, 2);
        var (other, otherEnterprises) = await FreshBuildingAsync(secretary, 1);
        var org = OrganizationApi.Id(
            await CreateAsync(secretary, Body("Branch", building, enterprises.Take(1)))
        );
        var otherOrg = OrganizationApi.Id(
            await CreateAsync(secretary, Body("Branch", other, otherEnterprises))
        );

        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);
        using var _w = worker;
        using (var own = await worker.GetAsync($"/api/v1/organizations/{org}"))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var notMine = await worker.GetAsync($"/api/v1/organizations/{otherOrg}"))
            Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        using (var list = await worker.GetAsync("/api/v1/organizations?pageSize=200"))
        {
            var l = await ResponseJson.ReadAsync(list);
            Assert.Equal(1, l.GetProperty("total").GetInt32());
        }
        await CreateAsync(worker, Body("Branch", building, enterprises.Skip(1)));
        using (
            var elsewhere = await worker.PostAsJsonAsync(
                "/api/v1/organizations",
                Body("GeneralBranch", other, [])
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);

        var branchSecretary = await FreshAsync(
            app,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            org
        );
        using var _b = branchSecretary;
        using (var reads = await branchSecretary.GetAsync($"/api/v1/organizations/{org}"))
            Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        using (
            var writes = await branchSecretary.PutAsJsonAsync(
                $"/api/v1/organizations/{org}",
                Body("Branch", building, enterprises.Take(1), version: 1)
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, writes.StatusCode);

        var (_, member) = await AsAsync(provider, "member");
        using var _m = member;
        using (var forbidden = await member.GetAsync("/api/v1/organizations"))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = app.CreateClient();
        using (var none = await anonymous.GetAsync("/api/v1/organizations"))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }
}
