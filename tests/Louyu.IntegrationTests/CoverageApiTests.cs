using System.Net;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET /api/v1/coverage and /api/v1/coverage/buildings: the two coverages agree with the overview, respect the
/// caller's scope, and follow the dated rows when an enterprise gains a joint and then an own organisation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CoverageApiTests(AppFixture fixture)
{
    private static readonly string[] States =
    [
        "ownOrganization",
        "jointOrganization",
        "instructorOnly",
        "membersNoOrganization",
        "nothing",
    ];

    private async Task<(LouyuAppFactory App, HttpClient Client)> SecretaryAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        return (
            app,
            Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, "secretary"))
        );
    }

    private static async Task<JsonElement> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return await ResponseJson.ReadAsync(response);
    }

    private static async Task<List<Building>> BuildingsAsync(LouyuAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var all = await db.Buildings.AsNoTracking().ToListAsync();
        return [.. all.OrderBy(b => b.CoveredFrom).ThenBy(b => b.Id)];
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private static void AssertSameRates(JsonElement coverage, JsonElement overview)
    {
        Assert.Equal(Int(overview, "enterprises"), Int(coverage, "enterprises"));
        Assert.Equal(
            overview.GetProperty("organizationCoverageRate").GetDouble(),
            coverage.GetProperty("organizationCoverageRate").GetDouble()
        );
        Assert.Equal(
            overview.GetProperty("workCoverageRate").GetDouble(),
            coverage.GetProperty("workCoverageRate").GetDouble()
        );
        Assert.Equal(Int(coverage, "enterprises"), States.Sum(s => Int(coverage, s)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_rates_equal_the_overview_on_the_report_day_and_today(string provider)
    {
        var (_, client) = await SecretaryAsync(provider);
        using var _c = client;

        var coverage2021 = await GetOkAsync(client, "/api/v1/coverage?asOf=2021-08-21");
        var overview2021 = await GetOkAsync(client, "/api/v1/stats/overview?asOf=2021-08-21");
        var coverageToday = await GetOkAsync(client, "/api/v1/coverage");
        var overviewToday = await GetOkAsync(client, "/api/v1/stats/overview");

        Assert.Equal("2021-08-21", coverage2021.GetProperty("asOf").GetString());
        Assert.Equal(1314, Int(coverage2021, "enterprises"));
        AssertSameRates(coverage2021, overview2021);
        AssertSameRates(coverageToday, overviewToday);
        var todo = coverage2021.GetProperty("todo");
        foreach (
            var list in new[]
            {
                "fullMembersNoOwnOrganization",
                "membersNoOrganization",
                "uncovered",
            }
        )
        {
            var page = todo.GetProperty(list);
            Assert.True(Int(page, "total") >= page.GetProperty("items").GetArrayLength());
        }
        // Uncovered = no organisation and no instructor = members-no-organisation + nothing.
        Assert.Equal(
            Int(coverage2021, "membersNoOrganization") + Int(coverage2021, "nothing"),
            Int(todo.GetProperty("uncovered"), "total")
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_building_has_the_overview_rates_of_that_building(string provider)
    {
        var (_, client) = await SecretaryAsync(provider);
        using var _c = client;

        var page = await GetOkAsync(
            client,
            "/api/v1/coverage/buildings?asOf=2021-08-21&page=1&pageSize=5"
        );

        Assert.Equal(14, Int(page, "total"));
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        foreach (var row in page.GetProperty("items").EnumerateArray())
        {
            var id = row.GetProperty("buildingId").GetString();
            var overview = await GetOkAsync(
                client,
                $"/api/v1/stats/overview?asOf=2021-08-21&buildingId={id}"
            );
            Assert.False(string.IsNullOrEmpty(row.GetProperty("name").GetString()));
            Assert.Equal(Int(overview, "enterprises"), Int(row, "enterprises"));
            Assert.Equal(
                overview.GetProperty("organizationCoverageRate").GetDouble(),
                row.GetProperty("organizationCoverageRate").GetDouble()
            );
            Assert.Equal(
                overview.GetProperty("workCoverageRate").GetDouble(),
                row.GetProperty("workCoverageRate").GetDouble()
            );
        }
        var last = await GetOkAsync(
            client,
            "/api/v1/coverage/buildings?asOf=2021-08-21&page=3&pageSize=5"
        );
        Assert.Equal(4, last.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_worker_granted_one_building_sees_only_it(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var buildings = await BuildingsAsync(app);
        var granted = buildings[0];
        var outside = buildings[1];
        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, granted.Id.ToString())
        );
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        using var client = Accounts.ClientWithToken(app, token);

        var mine = await GetOkAsync(client, "/api/v1/coverage?asOf=2021-08-21&pageSize=200");
        var overview = await GetOkAsync(client, "/api/v1/stats/overview?asOf=2021-08-21");
        var oneBuilding = await GetOkAsync(
            client,
            $"/api/v1/coverage?asOf=2021-08-21&buildingId={granted.Id}"
        );
        var perBuilding = await GetOkAsync(client, "/api/v1/coverage/buildings?asOf=2021-08-21");
        using var denied = await client.GetAsync($"/api/v1/coverage?buildingId={outside.Id}");

        AssertSameRates(mine, overview);
        Assert.Equal(Int(mine, "enterprises"), Int(oneBuilding, "enterprises"));
        Assert.InRange(Int(mine, "enterprises"), 1, 1313);
        foreach (var list in mine.GetProperty("todo").EnumerateObject())
        foreach (var item in list.Value.GetProperty("items").EnumerateArray())
            Assert.Equal(granted.Id.ToString(), item.GetProperty("buildingId").GetString());
        Assert.Equal(1, Int(perBuilding, "total"));
        Assert.Equal(
            granted.Id.ToString(),
            Assert
                .Single(perBuilding.GetProperty("items").EnumerateArray())
                .GetProperty("buildingId")
                .GetString()
        );
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Members_and_anonymous_callers_are_refused(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var member = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "member")
        );
        using var anonymous = app.CreateClient();

        using var asMember = await member.GetAsync("/api/v1/coverage");
        using var buildingsAsMember = await member.GetAsync("/api/v1/coverage/buildings");
        using var asAnonymous = await anonymous.GetAsync("/api/v1/coverage");

        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, buildingsAsMember.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_input_is_a_localised_400_and_an_unknown_building_a_404(string provider)
    {
        var (_, client) = await SecretaryAsync(provider);
        using var _c = client;

        using var badDate = await client.GetAsync("/api/v1/coverage?asOf=2021-13-40");
        using var badId = await client.GetAsync("/api/v1/coverage?buildingId=nope");
        using var badTodo = await client.GetAsync("/api/v1/coverage?todo=everything");
        using var badSize = await client.GetAsync("/api/v1/coverage/buildings?pageSize=0");
        using var future = await client.GetAsync("/api/v1/coverage?asOf=2999-01-01");
        using var unknown = await client.GetAsync($"/api/v1/coverage?buildingId={Guid.NewGuid()}");
        var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/coverage?asOf=yesterday");
        english.Headers.AcceptLanguage.ParseAdd("en-US");
        using var badDateEnglish = await client.SendAsync(english);

        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(
            "日期格式应为 YYYY-MM-DD。",
            Assert.Single(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(badDate), "asOf"))
        );
        Assert.Equal(
            "A date is expected as YYYY-MM-DD.",
            Assert.Single(
                ResponseJson.FieldErrors(await ResponseJson.ReadAsync(badDateEnglish), "asOf")
            )
        );
        Assert.NotEmpty(
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(badId), "buildingId")
        );
        Assert.NotEmpty(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(badTodo), "todo"));
        Assert.NotEmpty(
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(badSize), "pageSize")
        );
        Assert.NotEmpty(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(future), "asOf"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>All ids on one to-do list of one building (paged through, 200 at a time).</summary>
    private static async Task<(JsonElement Report, HashSet<string> Ids)> ListAsync(
        HttpClient client,
        Guid buildingId,
        string list
    )
    {
        var ids = new HashSet<string>();
        JsonElement first = default;
        for (var page = 1; page <= 50; page++)
        {
            var report = await GetOkAsync(
                client,
                $"/api/v1/coverage?buildingId={buildingId}&todo={list}&page={page}&pageSize=200"
            );
            if (page == 1)
                first = report;
            var items = report.GetProperty("todo").GetProperty(list).GetProperty("items");
            foreach (var item in items.EnumerateArray())
                ids.Add(item.GetProperty("id").GetString()!);
            if (items.GetArrayLength() < 200)
                break;
        }
        return (first, ids);
    }

    private static Enterprise NewEnterprise(Guid buildingId, DateOnly movedIn, string tag) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = $"覆盖测试企业{tag}-{Guid.NewGuid():N}"[..40],
            UnifiedSocialCreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
            BuildingId = buildingId,
            Industry = "I",
            EmployeeCount = 20,
            LegalRepresentative = "测试",
            Floor = 3,
            MovedInOn = movedIn,
        };

    private static Member NewFullMember(Guid enterpriseId)
    {
        var unique = Guid.NewGuid().ToString("N");
        return new Member
        {
            Id = Guid.NewGuid(),
            Name = "覆盖测试党员",
            ResidentIdCipher = "cipher-" + unique,
            ResidentIdHash = unique,
            ResidentIdMasked = unique[..18],
            Gender = Gender.Female,
            BirthDate = new DateOnly(1990, 5, 1),
            Status = MemberStatus.Full,
            EnterpriseId = enterpriseId,
            JoinedOn = new DateOnly(2023, 6, 1),
            FullMemberOn = new DateOnly(2024, 6, 1),
        };
    }

    private static async Task AddAsync(LouyuAppFactory app, params object[] rows)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_enterprise_with_three_full_members_moves_from_the_todo_list_into_coverage(
        string provider
    )
    {
        var (app, client) = await SecretaryAsync(provider);
        using var _c = client;
        var building = (await BuildingsAsync(app)).Last(b => b.CoveredUntil is null);
        // Recent dates only: the demo's figures at 2021-08-21 stay as they are.
        var since = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-60);
        var withMembers = NewEnterprise(building.Id, since, "甲");
        var partner = NewEnterprise(building.Id, since, "乙");
        var (before, _) = await ListAsync(client, building.Id, "fullMembersNoOwnOrganization");
        await AddAsync(
            app,
            withMembers,
            partner,
            NewFullMember(withMembers.Id),
            NewFullMember(withMembers.Id),
            NewFullMember(withMembers.Id)
        );

        // 1. Three full members and no organisation: on all three to-do lists.
        var (alone, fullNoOwn) = await ListAsync(
            client,
            building.Id,
            "fullMembersNoOwnOrganization"
        );
        var (_, noOrganization) = await ListAsync(client, building.Id, "membersNoOrganization");
        Assert.Contains(withMembers.Id.ToString(), fullNoOwn);
        Assert.Contains(withMembers.Id.ToString(), noOrganization);
        Assert.Equal(Int(before, "enterprises") + 2, Int(alone, "enterprises"));
        Assert.Equal(Int(before, "membersNoOrganization") + 1, Int(alone, "membersNoOrganization"));
        Assert.Equal(Int(before, "nothing") + 1, Int(alone, "nothing"));
        var item = (
            await GetOkAsync(
                client,
                $"/api/v1/coverage?buildingId={building.Id}&todo=fullMembersNoOwnOrganization&pageSize=200"
            )
        )
            .GetProperty("todo")
            .GetProperty("fullMembersNoOwnOrganization")
            .GetProperty("items")
            .EnumerateArray()
            .FirstOrDefault(i => i.GetProperty("id").GetString() == withMembers.Id.ToString());
        if (item.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(3, Int(item, "fullMembers"));
            Assert.Equal(3, Int(item, "members"));
            Assert.Equal(building.Name, item.GetProperty("buildingName").GetString());
        }

        // 2. A joint branch over both: organisation-covered, off the "no organisation" lists; still without an
        //    own branch, which three full members call for (支部工作条例第四条), so still on that list.
        var joint = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "覆盖测试联合党支部",
            Type = OrganizationType.JointBranch,
            BuildingId = building.Id,
            Grouping = JointGrouping.Area,
            FoundedOn = since.AddDays(10),
        };
        await AddAsync(
            app,
            joint,
            new OrganizationEnterprise
            {
                OrganizationId = joint.Id,
                EnterpriseId = withMembers.Id,
                FromDate = since.AddDays(10),
            },
            new OrganizationEnterprise
            {
                OrganizationId = joint.Id,
                EnterpriseId = partner.Id,
                FromDate = since.AddDays(10),
            }
        );
        var (inJoint, fullNoOwnJoint) = await ListAsync(
            client,
            building.Id,
            "fullMembersNoOwnOrganization"
        );
        var (_, noOrganizationJoint) = await ListAsync(
            client,
            building.Id,
            "membersNoOrganization"
        );
        var (_, uncoveredJoint) = await ListAsync(client, building.Id, "uncovered");
        Assert.Equal(Int(alone, "jointOrganization") + 2, Int(inJoint, "jointOrganization"));
        Assert.Equal(Int(before, "membersNoOrganization"), Int(inJoint, "membersNoOrganization"));
        Assert.Equal(Int(before, "nothing"), Int(inJoint, "nothing"));
        Assert.DoesNotContain(withMembers.Id.ToString(), noOrganizationJoint);
        Assert.DoesNotContain(withMembers.Id.ToString(), uncoveredJoint);
        Assert.DoesNotContain(partner.Id.ToString(), uncoveredJoint);
        Assert.Contains(withMembers.Id.ToString(), fullNoOwnJoint);

        // 3. Its own branch: own organisation, and off the last list.
        var own = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "覆盖测试党支部",
            Type = OrganizationType.Branch,
            BuildingId = building.Id,
            FoundedOn = since.AddDays(20),
        };
        await AddAsync(
            app,
            own,
            new OrganizationEnterprise
            {
                OrganizationId = own.Id,
                EnterpriseId = withMembers.Id,
                FromDate = since.AddDays(20),
            }
        );
        var (inOwn, fullNoOwnAfter) = await ListAsync(
            client,
            building.Id,
            "fullMembersNoOwnOrganization"
        );
        Assert.Equal(Int(inJoint, "ownOrganization") + 1, Int(inOwn, "ownOrganization"));
        Assert.Equal(Int(inJoint, "jointOrganization") - 1, Int(inOwn, "jointOrganization"));
        Assert.DoesNotContain(withMembers.Id.ToString(), fullNoOwnAfter);
        Assert.Equal(
            Int(before.GetProperty("todo").GetProperty("fullMembersNoOwnOrganization"), "total"),
            Int(inOwn.GetProperty("todo").GetProperty("fullMembersNoOwnOrganization"), "total")
        );
        // The organisation-covered share rose by exactly our two enterprises.
        Assert.Equal(
            Int(before, "ownOrganization") + Int(before, "jointOrganization") + 2,
            Int(inOwn, "ownOrganization") + Int(inOwn, "jointOrganization")
        );
    }

    /// <summary>The per-building row of one building (the table has few pages in the demo).</summary>
    private static async Task<JsonElement> BuildingRowAsync(HttpClient client, Guid buildingId)
    {
        var page = await GetOkAsync(client, "/api/v1/coverage/buildings?pageSize=200");
        return page.GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("buildingId").GetString() == buildingId.ToString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Coverage_follows_a_write_at_once_though_it_is_cached(string provider)
    {
        var (app, client) = await SecretaryAsync(provider);
        using var _c = client;
        var building = (await BuildingsAsync(app)).Last(b => b.CoveredUntil is null);
        // Read each answer twice so that the second comes from the cache (district, one building, per building).
        for (var i = 0; i < 2; i++)
        {
            await GetOkAsync(client, "/api/v1/coverage");
            await GetOkAsync(client, $"/api/v1/coverage?buildingId={building.Id}");
            await BuildingRowAsync(client, building.Id);
        }
        var district = await GetOkAsync(client, "/api/v1/coverage");
        var one = await GetOkAsync(client, $"/api/v1/coverage?buildingId={building.Id}");
        var row = await BuildingRowAsync(client, building.Id);

        var added = NewEnterprise(
            building.Id,
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-30),
            "缓存"
        );
        await AddAsync(app, added);

        var districtAfter = await GetOkAsync(client, "/api/v1/coverage");
        var oneAfter = await GetOkAsync(client, $"/api/v1/coverage?buildingId={building.Id}");
        var rowAfter = await BuildingRowAsync(client, building.Id);
        Assert.Equal(Int(district, "enterprises") + 1, Int(districtAfter, "enterprises"));
        Assert.Equal(Int(district, "nothing") + 1, Int(districtAfter, "nothing"));
        Assert.Equal(Int(one, "enterprises") + 1, Int(oneAfter, "enterprises"));
        Assert.Equal(
            Int(one.GetProperty("todo").GetProperty("uncovered"), "total") + 1,
            Int(oneAfter.GetProperty("todo").GetProperty("uncovered"), "total")
        );
        Assert.Equal(Int(row, "enterprises") + 1, Int(rowAfter, "enterprises"));
        // The one-building answer served from the district's cached rows equals the building's own count.
        Assert.Equal(
            Int(oneAfter, "enterprises"),
            Int(
                await GetOkAsync(client, $"/api/v1/coverage?buildingId={building.Id}"),
                "enterprises"
            )
        );
    }

    /// <summary>
    /// The maintained rows (patched from the write log) give exactly the answer of a full read, also when a write to
    /// one row changes another enterprise's state: a second enterprise linked to a branch makes the first one's
    /// "own" organisation a shared one; a branch dissolved uncovers both; a member moved changes two enterprises.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Maintained_coverage_equals_a_full_read_after_writes_that_touch_other_enterprises(
        string provider
    )
    {
        var (app, client) = await SecretaryAsync(provider);
        using var _c = client;
        var store =
            app.Services.GetRequiredService<Louyu.Web.Modules.Organization.Features.Coverage.CoverageStore>();
        var building = (await BuildingsAsync(app)).Last(b => b.CoveredUntil is null);
        var since = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var urls = new[]
        {
            "/api/v1/coverage?pageSize=200",
            $"/api/v1/coverage?buildingId={building.Id}&pageSize=200",
            "/api/v1/coverage/buildings?pageSize=200",
        };

        async Task AssertMaintainedEqualsFullAsync(string step)
        {
            var maintained = new List<string>();
            foreach (var url in urls)
                maintained.Add((await GetOkAsync(client, url)).GetRawText());
            store.Clear();
            for (var i = 0; i < urls.Length; i++)
                Assert.True(
                    maintained[i] == (await GetOkAsync(client, urls[i])).GetRawText(),
                    $"{step}: {urls[i]} maintained differs from a full read"
                );
        }

        foreach (var url in urls)
            await GetOkAsync(client, url); // the store holds every answer's rows
        var first = NewEnterprise(building.Id, since, "维护甲");
        var second = NewEnterprise(building.Id, since, "维护乙");
        var branch = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "维护测试党支部",
            Type = OrganizationType.Branch,
            BuildingId = building.Id,
            FoundedOn = since,
        };
        var member = NewFullMember(first.Id);
        await AddAsync(
            app,
            first,
            second,
            branch,
            member,
            new OrganizationEnterprise
            {
                OrganizationId = branch.Id,
                EnterpriseId = first.Id,
                FromDate = since,
            }
        );
        var own = await GetOkAsync(client, urls[1]);
        await AssertMaintainedEqualsFullAsync("own branch");

        // Only the second enterprise's link is written; the first's state changes too.
        await AddAsync(
            app,
            new OrganizationEnterprise
            {
                OrganizationId = branch.Id,
                EnterpriseId = second.Id,
                FromDate = since,
            }
        );
        var shared = await GetOkAsync(client, urls[1]);
        Assert.Equal(Int(own, "ownOrganization") - 1, Int(shared, "ownOrganization"));
        Assert.Equal(Int(own, "jointOrganization") + 2, Int(shared, "jointOrganization"));
        await AssertMaintainedEqualsFullAsync("shared branch");

        // The member moves to the second enterprise; then the branch is dissolved (only the organisation changes).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var m = await db.Members.SingleAsync(x => x.Id == member.Id);
            m.EnterpriseId = second.Id;
            await db.SaveChangesAsync();
        }
        await AssertMaintainedEqualsFullAsync("member moved");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var o = await db.PartyOrganizations.SingleAsync(x => x.Id == branch.Id);
            o.DissolvedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            await db.SaveChangesAsync();
        }
        var dissolved = await GetOkAsync(client, urls[1]);
        Assert.Equal(Int(shared, "jointOrganization") - 2, Int(dissolved, "jointOrganization"));
        await AssertMaintainedEqualsFullAsync("branch dissolved");

        // A write in a transaction that rolls back is not announced; one that commits is, at its commit.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Add(NewEnterprise(building.Id, since, "回滚"));
            await db.SaveChangesAsync();
            var seq = store.Seq;
            await tx.RollbackAsync();
            Assert.Equal(seq, store.Seq);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Add(NewEnterprise(building.Id, since, "提交"));
            await db.SaveChangesAsync();
            var seq = store.Seq;
            await tx.CommitAsync();
            Assert.Equal(seq + 1, store.Seq);
        }
        var committed = await GetOkAsync(client, urls[1]);
        Assert.Equal(Int(dissolved, "enterprises") + 1, Int(committed, "enterprises"));
        await AssertMaintainedEqualsFullAsync("committed");
    }
}
