using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET|POST /api/v1/buildings, GET|PUT|DELETE /api/v1/buildings/{id} (api.md "Organisation system"): the round
/// trip, validation in both languages, stale versions, deleting only an empty building, and the scope of each role.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BuildingsApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_building_is_created_read_updated_listed_and_deleted(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var name = OrganizationApi.Unique("测试大厦");

        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/buildings",
            OrganizationApi.BuildingBody(name)
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var b = await ResponseJson.ReadAsync(created);
        var id = OrganizationApi.Id(b);
        Assert.Equal($"/api/v1/buildings/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(name, b.GetProperty("name").GetString());
        Assert.Equal("北京市东城区测试路 1 号", b.GetProperty("address").GetString());
        Assert.Equal(20, b.GetProperty("floors").GetInt32());
        Assert.Equal("测试物业", b.GetProperty("propertyManager").GetString());
        Assert.Equal("2024-01-01", b.GetProperty("coveredFrom").GetString());
        Assert.Equal(JsonValueKind.Null, b.GetProperty("coveredUntil").ValueKind);
        Assert.Equal(1, b.GetProperty("version").GetInt32());

        using var updated = await secretary.PutAsJsonAsync(
            $"/api/v1/buildings/{id}",
            new
            {
                name,
                address = "新地址 2 号",
                floors = 30,
                coveredFrom = "2024-01-01",
                coveredUntil = "2025-12-31",
                version = 1,
            }
        );
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var u = await ResponseJson.ReadAsync(updated);
        Assert.Equal(2, u.GetProperty("version").GetInt32());
        Assert.Equal(30, u.GetProperty("floors").GetInt32());
        Assert.Equal("2025-12-31", u.GetProperty("coveredUntil").GetString());
        Assert.Equal(JsonValueKind.Null, u.GetProperty("propertyManager").ValueKind);

        using var stale = await secretary.PutAsJsonAsync(
            $"/api/v1/buildings/{id}",
            OrganizationApi.BuildingBody(name, version: 1)
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(
            "记录已被他人修改",
            (await ResponseJson.ReadAsync(stale)).GetProperty("title").GetString()
        );

        using var list = await secretary.GetAsync(
            $"/api/v1/buildings?q={Uri.EscapeDataString(name)}&pageSize=1"
        );
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(id, OrganizationApi.Id(page.GetProperty("items")[0]));

        using var all = await secretary.GetAsync("/api/v1/buildings?pageSize=2&page=2");
        var allPage = await ResponseJson.ReadAsync(all);
        Assert.Equal(2, allPage.GetProperty("page").GetInt32());
        Assert.Equal(2, allPage.GetProperty("items").GetArrayLength());
        Assert.True(allPage.GetProperty("total").GetInt32() >= 14);

        using var deleted = await secretary.DeleteAsync($"/api/v1/buildings/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await secretary.GetAsync($"/api/v1/buildings/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Invalid_fields_are_a_400_in_chinese_and_in_english(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        var body = new
        {
            name = "",
            address = "某路",
            floors = 0,
            coveredFrom = future,
        };
        var reversed = new
        {
            name = "倒序大厦",
            address = "某路",
            floors = 201,
            coveredFrom = "2024-02-01",
            coveredUntil = "2024-01-31",
        };

        using var zh = await secretary.PostAsJsonAsync("/api/v1/buildings", body);
        using var zh2 = await secretary.PostAsJsonAsync("/api/v1/buildings", reversed);
        using var en = await secretary.SendAsync(
            OrganizationApi.English(HttpMethod.Post, "/api/v1/buildings", body)
        );

        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var p = await ResponseJson.ReadAsync(zh);
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(p, "name"));
        Assert.Equal(["应在 1 到 200 之间。"], ResponseJson.FieldErrors(p, "floors"));
        Assert.Equal(["日期不能晚于今天。"], ResponseJson.FieldErrors(p, "coveredFrom"));
        Assert.False(p.GetProperty("errors").TryGetProperty("address", out _));
        var p2 = await ResponseJson.ReadAsync(zh2);
        Assert.Equal(
            ["覆盖结束日期不能早于开始日期。"],
            ResponseJson.FieldErrors(p2, "coveredUntil")
        );
        Assert.Equal(["应在 1 到 200 之间。"], ResponseJson.FieldErrors(p2, "floors"));
        Assert.Equal(HttpStatusCode.BadRequest, en.StatusCode);
        var pe = await ResponseJson.ReadAsync(en);
        Assert.Equal(["Required."], ResponseJson.FieldErrors(pe, "name"));
        Assert.Equal(["Must be between 1 and 200."], ResponseJson.FieldErrors(pe, "floors"));
        Assert.Equal(
            ["The date cannot be after today."],
            ResponseJson.FieldErrors(pe, "coveredFrom")
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_building_with_enterprises_is_not_deleted(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building)
        );

        using var refused = await secretary.DeleteAsync($"/api/v1/buildings/{building}");
        using var stillThere = await secretary.GetAsync($"/api/v1/buildings/{building}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(
            "楼宇内仍有企业",
            (await ResponseJson.ReadAsync(refused)).GetProperty("title").GetString()
        );
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_party_worker_sees_and_edits_their_building_only(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var mineJson = await OrganizationApi.CreateBuildingAsync(secretary);
        var mine = OrganizationApi.Id(mineJson);
        var other = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, mine.ToString())
        );
        using var worker = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword)
        );

        using var list = await worker.GetAsync("/api/v1/buildings");
        using var getOther = await worker.GetAsync($"/api/v1/buildings/{other}");
        using var putOther = await worker.PutAsJsonAsync(
            $"/api/v1/buildings/{other}",
            OrganizationApi.BuildingBody("别人的楼", version: 1)
        );
        using var putMine = await worker.PutAsJsonAsync(
            $"/api/v1/buildings/{mine}",
            OrganizationApi.BuildingBody(mineJson.GetProperty("name").GetString()!, version: 1)
        );
        using var post = await worker.PostAsJsonAsync(
            "/api/v1/buildings",
            OrganizationApi.BuildingBody(OrganizationApi.Unique("新楼"))
        );
        using var delete = await worker.DeleteAsync($"/api/v1/buildings/{mine}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(mine, OrganizationApi.Id(page.GetProperty("items")[0]));
        Assert.Equal(HttpStatusCode.NotFound, getOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, putOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, putMine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Branch_secretaries_read_others_are_refused_and_anonymous_callers_are_401(
        string provider
    )
    {
        var (app, branch) = await AsAsync(provider, "branch");
        using var _b = branch;

        using var list = await branch.GetAsync("/api/v1/buildings");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var own = (await ResponseJson.ReadAsync(list)).GetProperty("items")[0];
        using var put = await branch.PutAsJsonAsync(
            $"/api/v1/buildings/{OrganizationApi.Id(own)}",
            new
            {
                name = own.GetProperty("name").GetString(),
                address = own.GetProperty("address").GetString(),
                floors = own.GetProperty("floors").GetInt32(),
                coveredFrom = own.GetProperty("coveredFrom").GetString(),
                version = own.GetProperty("version").GetInt32(),
            }
        );
        using var post = await branch.PostAsJsonAsync(
            "/api/v1/buildings",
            OrganizationApi.BuildingBody(OrganizationApi.Unique("支部楼"))
        );
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        foreach (var user in new[] { "member", "enterprise", "tax" })
        {
            using var client = Accounts.ClientWithToken(
                app,
                await fixture.DemoTokenAsync(provider, user)
            );
            using var denied = await client.GetAsync("/api/v1/buildings");
            using var deniedOne = await client.GetAsync(
                $"/api/v1/buildings/{OrganizationApi.Id(own)}"
            );
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, deniedOne.StatusCode);
        }
        using var anonymous = app.CreateClient();
        using var anon = await anonymous.GetAsync("/api/v1/buildings");
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }
}
