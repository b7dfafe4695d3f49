using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// /api/v1/policies, …/matches, /api/v1/enterprises/{id}/policy-package (+ push), /api/v1/policy-applications:
/// CRUD with criteria validation and stale versions, matching results with their reasons in both languages,
/// re-matching when an enterprise changes, 免申即享 granted once only, and who may see what. Each test matches its
/// policies within a building of its own, so the demo data does not disturb the counts.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PoliciesApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage response,
        HttpStatusCode code
    )
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == code, $"{(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body);
        return doc.RootElement.Clone();
    }

    internal sealed record Firm(Guid Id, string Name);

    /// <summary>A building of its own with enterprises whose policy facts are set directly (industry, founding, size, tags).</summary>
    internal static async Task<(Guid Building, List<Firm> Firms)> DistrictAsync(
        LouyuAppFactory app,
        HttpClient secretary,
        params (string Industry, DateOnly? Founded, EnterpriseSize? Size, string? Tags)[] firms
    )
    {
        var b = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var list = new List<Firm>();
        foreach (var f in firms)
        {
            var e = await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(b, industry: f.Industry)
            );
            list.Add(new Firm(OrganizationApi.Id(e), e.GetProperty("name").GetString()!));
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        for (var i = 0; i < firms.Length; i++)
        {
            var e = await db.Enterprises.SingleAsync(x => x.Id == list[i].Id);
            e.FoundedOn = firms[i].Founded;
            e.Size = firms[i].Size;
            e.Tags = firms[i].Tags;
        }
        await db.SaveChangesAsync();
        return (b, list);
    }

    internal static object PolicyBody(
        Guid building,
        string[]? industries = null,
        int? minYears = null,
        string[]? tagsAny = null,
        bool automatic = false,
        int? version = null,
        string? title = null
    ) =>
        new
        {
            title = title ?? OrganizationApi.Unique("测试政策"),
            issuer = "北京市朝阳区人民政府",
            documentNumber = "朝政发〔2026〕1号",
            validFrom = "2026-01-01",
            validUntil = (string?)null,
            summary = "测试用的惠企政策",
            howToApply = "携营业执照到楼宇党群服务中心申请",
            benefit = "一次性奖励",
            estimatedAmountFen = 5_000_000L,
            grantedWithoutApplication = automatic,
            criteria = new
            {
                industries = industries ?? Array.Empty<string>(),
                minYears,
                buildings = new[] { building },
                tagsAny = tagsAny ?? Array.Empty<string>(),
            },
            version,
        };

    internal static async Task<JsonElement> PublishedAsync(HttpClient editor, object body)
    {
        using var created = await editor.PostAsJsonAsync("/api/v1/policies", body);
        var p = await OkAsync(created, HttpStatusCode.Created);
        using var published = await editor.PostAsJsonAsync(
            $"/api/v1/policies/{p.GetProperty("id").GetGuid()}/publish",
            new { version = p.GetProperty("version").GetInt32() }
        );
        return await OkAsync(published, HttpStatusCode.OK);
    }

    private static async Task<List<JsonElement>> MatchesAsync(
        HttpClient client,
        Guid policy,
        string? language = null
    )
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            $"/api/v1/policies/{policy}/matches?pageSize=200"
        );
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        using var r = await client.SendAsync(request);
        return [.. (await OkAsync(r, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Policies_are_validated_versioned_and_drafts_stay_with_editors(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        var (_, contact) = await AsAsync(provider, "enterprise");
        using var _s = secretary;
        using var _c = contact;

        using var bad = await secretary.PostAsJsonAsync(
            "/api/v1/policies",
            new
            {
                title = "",
                issuer = "区政府",
                summary = "x",
                validFrom = "2026-01-01",
                validUntil = "2025-01-01",
                criteria = new
                {
                    industries = new[] { "Z" },
                    minEmployees = 10,
                    maxEmployees = 5,
                },
            }
        );
        var problem = await OkAsync(bad, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("validUntil", out _));
        Assert.True(errors.TryGetProperty("criteria.industries", out _));
        Assert.True(errors.TryGetProperty("criteria.maxEmployees", out _));

        var building = Guid.NewGuid();
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/policies",
            PolicyBody(building, ["m", "I"])
        );
        var p = await OkAsync(created, HttpStatusCode.Created);
        var id = p.GetProperty("id").GetGuid();
        Assert.Equal("Draft", p.GetProperty("status").GetString());
        Assert.Equal(
            ["I", "M"],
            p.GetProperty("criteria")
                .GetProperty("industries")
                .EnumerateArray()
                .Select(x => x.GetString())
        );

        // A contact neither sees the draft nor writes.
        using (var hidden = await contact.GetAsync($"/api/v1/policies/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using (var denied = await contact.PostAsJsonAsync("/api/v1/policies", PolicyBody(building)))
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        var version = p.GetProperty("version").GetInt32();
        using var edited = await secretary.PutAsJsonAsync(
            $"/api/v1/policies/{id}",
            PolicyBody(building, ["I"], version: version, title: "改后的标题")
        );
        var e = await OkAsync(edited, HttpStatusCode.OK);
        Assert.Equal("改后的标题", e.GetProperty("title").GetString());
        using var stale = await secretary.PutAsJsonAsync(
            $"/api/v1/policies/{id}",
            PolicyBody(building, version: version)
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var pub = await secretary.PostAsJsonAsync(
            $"/api/v1/policies/{id}/publish",
            new { version = e.GetProperty("version").GetInt32() }
        );
        await OkAsync(pub, HttpStatusCode.OK);
        using var seen = await contact.GetAsync("/api/v1/policies");
        var list = await OkAsync(seen, HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
        Assert.All(
            list.EnumerateArray(),
            x => Assert.Equal("Published", x.GetProperty("status").GetString())
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Matches_carry_each_criterions_reason_in_the_callers_language(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (b, firms) = await DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2019, 3, 1), EnterpriseSize.Small, "新能源"),
            ("C", new DateOnly(2019, 3, 1), EnterpriseSize.Small, null),
            ("I", null, null, null),
            ("M", new DateOnly(2025, 3, 1), EnterpriseSize.Micro, null)
        );
        var policy = await PublishedAsync(secretary, PolicyBody(b, ["I", "M"], minYears: 3));
        var id = policy.GetProperty("id").GetGuid();
        Assert.Equal(1, policy.GetProperty("eligible").GetInt32());
        Assert.Equal(1, policy.GetProperty("possible").GetInt32());

        var matches = await MatchesAsync(secretary, id);
        Assert.Equal(2, matches.Count);
        var eligible = Assert.Single(
            matches,
            m => m.GetProperty("result").GetString() == "Eligible"
        );
        Assert.Equal(firms[0].Id, eligible.GetProperty("enterpriseId").GetGuid());
        var texts = eligible
            .GetProperty("reasons")
            .EnumerateArray()
            .Select(r => r.GetProperty("text").GetString())
            .ToList();
        Assert.Contains("行业 I 信息传输、软件和信息技术服务业：符合（要求 I、M）", texts);
        Assert.Contains(
            texts,
            t =>
                t!.StartsWith("成立 ", StringComparison.Ordinal)
                && t.EndsWith("：符合（要求不少于 3 年）", StringComparison.Ordinal)
        );
        var possible = Assert.Single(
            matches,
            m => m.GetProperty("result").GetString() == "Possible"
        );
        Assert.Equal(firms[2].Id, possible.GetProperty("enterpriseId").GetGuid());
        Assert.Contains(
            possible.GetProperty("reasons").EnumerateArray(),
            r =>
                r.GetProperty("outcome").GetString() == "Unknown"
                && r.GetProperty("text").GetString() == "成立日期未登记：待核实"
        );

        var english = await MatchesAsync(secretary, id, "en-US");
        Assert.Contains(
            english.SelectMany(m => m.GetProperty("reasons").EnumerateArray()),
            r => r.GetProperty("text").GetString() == "Founding date not registered: to be verified"
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_enterprise_that_changes_is_matched_again(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (b, firms) = await DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2018, 1, 1), EnterpriseSize.Small, "高新技术企业"),
            ("I", new DateOnly(2018, 1, 1), EnterpriseSize.Small, null)
        );
        var policy = await PublishedAsync(secretary, PolicyBody(b, tagsAny: ["高新技术企业"]));
        var id = policy.GetProperty("id").GetGuid();
        Assert.Equal(
            [firms[0].Id],
            (await MatchesAsync(secretary, id)).Select(m => m.GetProperty("enterpriseId").GetGuid())
        );

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            (await db.Enterprises.SingleAsync(e => e.Id == firms[1].Id)).Tags =
                "高新技术企业;专精特新";
            (await db.Enterprises.SingleAsync(e => e.Id == firms[0].Id)).Tags = null;
            await db.SaveChangesAsync();
        }
        // Re-matched in the background after the commit.
        List<Guid> now = [];
        for (var i = 0; i < 100; i++)
        {
            now = (await MatchesAsync(secretary, id))
                .Select(m => m.GetProperty("enterpriseId").GetGuid())
                .ToList();
            if (now.SequenceEqual([firms[1].Id]))
                break;
            await Task.Delay(100);
        }
        Assert.Equal([firms[1].Id], now);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Granted_without_application_is_granted_once_to_proven_eligible_enterprises_only(
        string provider
    )
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (b, firms) = await DistrictAsync(
            app,
            secretary,
            // Large: the demo's 免申即享 稳岗返还 (small and medium firms) does not add to the saved total.
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Large, null),
            ("I", null, EnterpriseSize.Large, null)
        );
        var policy = await PublishedAsync(
            secretary,
            PolicyBody(b, ["I"], minYears: 5, automatic: true)
        );
        var id = policy.GetProperty("id").GetGuid();
        using (var again = await secretary.PostAsync("/api/v1/policies/rematch", null))
            await OkAsync(again, HttpStatusCode.OK);
        using (var again = await secretary.PostAsync("/api/v1/policies/rematch", null))
            await OkAsync(again, HttpStatusCode.OK);

        using var r = await secretary.GetAsync($"/api/v1/policy-applications?policyId={id}");
        var apps = (await OkAsync(r, HttpStatusCode.OK)).EnumerateArray().ToList();
        var a = Assert.Single(apps);
        Assert.Equal(firms[0].Id, a.GetProperty("enterpriseId").GetGuid());
        Assert.Equal("Granted", a.GetProperty("status").GetString());
        Assert.True(a.GetProperty("automatic").GetBoolean());
        Assert.Equal(5_000_000, a.GetProperty("grantedAmountFen").GetInt64());
        Assert.Contains("免申即享", a.GetProperty("decisionNote").GetString());
        // Written in bulk, but audited all the same: one entry for the grant (who: the matcher).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var appId = a.GetProperty("id").GetGuid().ToString();
            var entry = await db.AuditEntries.SingleAsync(e =>
                e.Entity == "PolicyApplication" && e.EntityId == appId
            );
            Assert.Equal("Added", entry.Action);
            Assert.Equal("免申即享", entry.UserName);
            Assert.Contains(firms[0].Id.ToString(), entry.After);
        }

        using var pkg = await secretary.GetAsync(
            $"/api/v1/enterprises/{firms[0].Id}/policy-package"
        );
        Assert.Equal(
            5_000_000,
            (await OkAsync(pkg, HttpStatusCode.OK)).GetProperty("savedFen").GetInt64()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Package_is_pushed_applied_for_and_granted(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (b, firms) = await DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Large, "新能源")
        );
        var firm = firms[0].Id;
        using (
            var contact = await secretary.PostAsJsonAsync(
                $"/api/v1/enterprises/{firm}/contacts",
                new
                {
                    name = "李会计",
                    title = "财务",
                    phone = "13900000000",
                    isPrimary = true,
                }
            )
        )
            Assert.Equal(HttpStatusCode.Created, contact.StatusCode);
        var policy = await PublishedAsync(secretary, PolicyBody(b, tagsAny: ["新能源"]));
        var policyId = policy.GetProperty("id").GetGuid();

        using var push = await secretary.PostAsync(
            $"/api/v1/enterprises/{firm}/policy-package/push",
            null
        );
        var pushed = await OkAsync(push, HttpStatusCode.OK);
        Assert.True(pushed.GetProperty("policyCount").GetInt32() >= 1);
        var recipient = Assert.Single(pushed.GetProperty("recipients").EnumerateArray());
        Assert.Equal("李会计", recipient.GetProperty("name").GetString());
        Assert.False(recipient.GetProperty("notified").GetBoolean()); // no account: to call

        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, firm.ToString())
        );
        using var me = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword)
        );
        using var mine = await me.GetAsync($"/api/v1/enterprises/{firm}/policy-package");
        var package = await OkAsync(mine, HttpStatusCode.OK);
        Assert.Contains(
            package.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("policy").GetProperty("id").GetGuid() == policyId
        );
        Assert.Single(package.GetProperty("pushes").EnumerateArray());

        using var applied = await me.PostAsJsonAsync(
            "/api/v1/policy-applications",
            new
            {
                policyId,
                enterpriseId = firm,
                note = "申请享受",
            }
        );
        var a = await OkAsync(applied, HttpStatusCode.Created);
        using (
            var twice = await me.PostAsJsonAsync(
                "/api/v1/policy-applications",
                new { policyId, enterpriseId = firm }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var appId = a.GetProperty("id").GetGuid();
        using (
            var self = await me.PutAsJsonAsync(
                $"/api/v1/policy-applications/{appId}/decision",
                new { status = "Accepted" }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        using (
            var skip = await secretary.PutAsJsonAsync(
                $"/api/v1/policy-applications/{appId}/decision",
                new { status = "Granted", grantedAmountFen = 100 }
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        using var accepted = await secretary.PutAsJsonAsync(
            $"/api/v1/policy-applications/{appId}/decision",
            new { status = "Accepted", version = 1 }
        );
        var acc = await OkAsync(accepted, HttpStatusCode.OK);
        using var granted = await secretary.PutAsJsonAsync(
            $"/api/v1/policy-applications/{appId}/decision",
            new
            {
                status = "Granted",
                grantedAmountFen = 1_234_500L,
                version = acc.GetProperty("version").GetInt32(),
            }
        );
        await OkAsync(granted, HttpStatusCode.OK);
        using var after = await me.GetAsync($"/api/v1/enterprises/{firm}/policy-package");
        Assert.Equal(
            1_234_500,
            (await OkAsync(after, HttpStatusCode.OK)).GetProperty("savedFen").GetInt64()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Who_may_see_and_do_what(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        var (_, contact) = await AsAsync(provider, "enterprise");
        var (_, officer) = await AsAsync(provider, "tax");
        using var _s = secretary;
        using var _c = contact;
        using var _o = officer;
        var member = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.Member, ScopeKind.District, null)
        );
        using var plain = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, member.UserName!, Accounts.FreshPassword)
        );
        using var anonymous = app.CreateClient();

        var (b, firms) = await DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        var other = firms[0].Id;
        var policy = await PublishedAsync(secretary, PolicyBody(b));
        var id = policy.GetProperty("id").GetGuid();
        Guid own;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var userId = await db
                .Users.Where(u => u.UserName == "enterprise")
                .Select(u => u.Id)
                .SingleAsync();
            var dir =
                scope.ServiceProvider.GetRequiredService<Louyu.Web.Modules.Organization.Contracts.IEnterpriseDirectory>();
            own = (await dir.EnterprisesOfUserAsync(userId, CancellationToken.None))[0];
        }

        async Task Expect(
            HttpClient c,
            HttpMethod m,
            string uri,
            HttpStatusCode code,
            object? body = null
        )
        {
            using var request = new HttpRequestMessage(m, uri);
            if (body is not null)
                request.Content = JsonContent.Create(body);
            using var r = await c.SendAsync(request);
            Assert.True(
                r.StatusCode == code,
                $"{m} {uri}: {(int)r.StatusCode}, expected {(int)code}"
            );
        }

        await Expect(anonymous, HttpMethod.Get, "/api/v1/policies", HttpStatusCode.Unauthorized);
        await Expect(plain, HttpMethod.Get, "/api/v1/policies", HttpStatusCode.OK);
        await Expect(
            plain,
            HttpMethod.Get,
            $"/api/v1/policies/{id}/matches",
            HttpStatusCode.Forbidden
        );
        await Expect(
            plain,
            HttpMethod.Get,
            $"/api/v1/enterprises/{other}/policy-package",
            HttpStatusCode.NotFound
        );
        await Expect(
            contact,
            HttpMethod.Get,
            $"/api/v1/enterprises/{own}/policy-package",
            HttpStatusCode.OK
        );
        await Expect(
            contact,
            HttpMethod.Get,
            $"/api/v1/enterprises/{other}/policy-package",
            HttpStatusCode.NotFound
        );
        await Expect(
            contact,
            HttpMethod.Post,
            $"/api/v1/enterprises/{own}/policy-package/push",
            HttpStatusCode.Forbidden
        );
        await Expect(
            contact,
            HttpMethod.Get,
            $"/api/v1/policies/{id}/matches",
            HttpStatusCode.Forbidden
        );
        await Expect(
            contact,
            HttpMethod.Post,
            "/api/v1/policies/rematch",
            HttpStatusCode.Forbidden
        );
        await Expect(
            contact,
            HttpMethod.Post,
            "/api/v1/policy-applications",
            HttpStatusCode.NotFound,
            new { policyId = id, enterpriseId = other }
        );
        await Expect(
            officer,
            HttpMethod.Get,
            $"/api/v1/enterprises/{other}/policy-package",
            HttpStatusCode.OK
        );
        await Expect(officer, HttpMethod.Get, $"/api/v1/policies/{id}/matches", HttpStatusCode.OK);
        await Expect(
            officer,
            HttpMethod.Post,
            "/api/v1/policies",
            HttpStatusCode.Forbidden,
            PolicyBody(b)
        );
        await Expect(
            officer,
            HttpMethod.Post,
            $"/api/v1/policies/{id}/withdraw",
            HttpStatusCode.Forbidden,
            new { }
        );
        await Expect(
            secretary,
            HttpMethod.Get,
            $"/api/v1/enterprises/{Guid.NewGuid()}/policy-package",
            HttpStatusCode.NotFound
        );

        using var apps = await contact.GetAsync("/api/v1/policy-applications");
        var list = await OkAsync(apps, HttpStatusCode.OK);
        Assert.All(
            list.EnumerateArray(),
            a => Assert.Equal(own, a.GetProperty("enterpriseId").GetGuid())
        );
    }
}
