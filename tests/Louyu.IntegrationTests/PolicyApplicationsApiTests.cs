using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Deciding policy applications (受理/兑现): only editors decide, a party worker only for the enterprises in their
/// buildings (another building's application: 404, and not listed); a refusal needs a reason, a grant an amount;
/// a stale version is 409; the enterprise's contacts with an account and the contact who applied are notified; the
/// list filters by status and policy, newest first, paged as api.md pages — and the old unpaged list still answers.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PolicyApplicationsApiTests(AppFixture fixture)
{
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

    private static async Task<HttpClient> ClientAsync(
        LouyuAppFactory app,
        params (string Role, ScopeKind Kind, string? ScopeId)[] grants
    )
    {
        var user = await Accounts.CreateUserAsync(app, grants);
        return Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword)
        );
    }

    private static async Task<JsonElement> ApplyAsync(
        HttpClient client,
        Guid policy,
        Guid enterprise,
        string? note = null
    )
    {
        using var r = await client.PostAsJsonAsync(
            "/api/v1/policy-applications",
            new
            {
                policyId = policy,
                enterpriseId = enterprise,
                note,
            }
        );
        return await OkAsync(r, HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> DecideAsync(
        HttpClient client,
        JsonElement application,
        object body
    ) =>
        client.PutAsJsonAsync(
            $"/api/v1/policy-applications/{application.GetProperty("id").GetGuid()}/decision",
            body
        );

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_party_worker_decides_only_in_their_buildings_and_officers_not_at_all(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        using var officer = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "tax")
        );
        var (b1, here) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        var (b2, there) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        var p1 = (await PoliciesApiTests.PublishedAsync(secretary, PoliciesApiTests.PolicyBody(b1)))
            .GetProperty("id")
            .GetGuid();
        var p2 = (await PoliciesApiTests.PublishedAsync(secretary, PoliciesApiTests.PolicyBody(b2)))
            .GetProperty("id")
            .GetGuid();
        var mine = await ApplyAsync(secretary, p1, here[0].Id, "代企业登记");
        var theirs = await ApplyAsync(secretary, p2, there[0].Id);
        Assert.True(mine.GetProperty("recordedByStaff").GetBoolean());

        using var worker = await ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, b1.ToString())
        );

        // Listed: only the application of the worker's building.
        using (var list = await worker.GetAsync("/api/v1/policy-applications?pageSize=500"))
        {
            var page = await OkAsync(list, HttpStatusCode.OK);
            var ids = page.GetProperty("items")
                .EnumerateArray()
                .Select(a => a.GetProperty("id").GetGuid())
                .ToList();
            Assert.Contains(mine.GetProperty("id").GetGuid(), ids);
            Assert.DoesNotContain(theirs.GetProperty("id").GetGuid(), ids);
        }

        // Deciding another building's application: as if it did not exist.
        using (var other = await DecideAsync(worker, theirs, new { status = "Accepted" }))
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        // A department officer serves enterprises but does not decide applications.
        using (var desk = await DecideAsync(officer, mine, new { status = "Accepted" }))
            Assert.Equal(HttpStatusCode.Forbidden, desk.StatusCode);
        using (var own = await DecideAsync(worker, mine, new { status = "Accepted", version = 1 }))
        {
            var accepted = await OkAsync(own, HttpStatusCode.OK);
            Assert.Equal("Accepted", accepted.GetProperty("status").GetString());
            Assert.Equal(here[0].Name, accepted.GetProperty("enterpriseName").GetString());
        }
        // The secretary (whole district) decides the other one.
        using (var all = await DecideAsync(secretary, theirs, new { status = "Accepted" }))
            await OkAsync(all, HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Decisions_are_checked_versioned_and_told_to_the_contacts(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var (b, firms) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        var firm = firms[0].Id;
        var policy = await PoliciesApiTests.PublishedAsync(
            secretary,
            PoliciesApiTests.PolicyBody(b)
        );
        var policyId = policy.GetProperty("id").GetGuid();
        var title = policy.GetProperty("title").GetString()!;

        // The contact who applies (an enterprise grant) and another contact linked to an account.
        var applicant = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, firm.ToString())
        );
        var colleague = await Accounts.CreateUserAsync(app);
        using (
            var c = await secretary.PostAsJsonAsync(
                $"/api/v1/enterprises/{firm}/contacts",
                new
                {
                    name = "王出纳",
                    phone = "13900000001",
                    isPrimary = false,
                }
            )
        )
        {
            var contactId = (await OkAsync(c, HttpStatusCode.Created)).GetProperty("id").GetGuid();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var row = await db.EnterpriseContacts.SingleAsync(x => x.Id == contactId);
            row.UserId = colleague.Id;
            await db.SaveChangesAsync();
        }
        using var me = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, applicant.UserName!, Accounts.FreshPassword)
        );
        var a = await ApplyAsync(me, policyId, firm, "申请享受");

        // A refusal without a reason, a grant before acceptance: field errors in the caller's language.
        using (var noReason = await DecideAsync(secretary, a, new { status = "Rejected" }))
        {
            var problem = await OkAsync(noReason, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));
        }
        using (
            var request = new HttpRequestMessage(
                HttpMethod.Put,
                $"/api/v1/policy-applications/{a.GetProperty("id").GetGuid()}/decision"
            )
            {
                Content = JsonContent.Create(new { status = "Rejected", note = "   " }),
            }
        )
        {
            request.Headers.AcceptLanguage.ParseAdd("en-US");
            using var r = await secretary.SendAsync(request);
            var problem = await OkAsync(r, HttpStatusCode.BadRequest);
            Assert.Contains(
                "reason",
                problem.GetProperty("errors").GetProperty("note")[0].GetString()
            );
        }

        using (
            var accepted = await DecideAsync(secretary, a, new { status = "Accepted", version = 1 })
        )
            await OkAsync(accepted, HttpStatusCode.OK);
        using (
            var stale = await DecideAsync(
                secretary,
                a,
                new
                {
                    status = "Rejected",
                    note = "材料不全",
                    version = 1,
                }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        using (
            var negative = await DecideAsync(
                secretary,
                a,
                new
                {
                    status = "Granted",
                    grantedAmountFen = -1,
                    version = 2,
                }
            )
        )
        {
            var problem = await OkAsync(negative, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("grantedAmountFen", out _));
        }
        using (
            var noAmount = await DecideAsync(secretary, a, new { status = "Granted", version = 2 })
        )
            Assert.Equal(HttpStatusCode.BadRequest, noAmount.StatusCode);
        using (
            var granted = await DecideAsync(
                secretary,
                a,
                new
                {
                    status = "Granted",
                    grantedAmountFen = 8_800_000L,
                    version = 2,
                }
            )
        )
        {
            var g = await OkAsync(granted, HttpStatusCode.OK);
            Assert.Equal(8_800_000, g.GetProperty("grantedAmountFen").GetInt64());
            Assert.Equal(3, g.GetProperty("version").GetInt32());
        }
        using (var again = await DecideAsync(secretary, a, new { status = "Rejected", note = "x" }))
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // granted is final

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            foreach (var user in new[] { applicant.Id, colleague.Id })
            {
                var titles = await db.Set<Notification>()
                    .Where(n => n.UserId == user)
                    .Select(n => n.Title)
                    .ToListAsync();
                Assert.Contains(titles, x => x.Contains(title) && x.Contains("受理"));
                Assert.Contains(titles, x => x.Contains(title) && x.Contains("兑现"));
            }
        }
        // The contact's own list shows the amount; the package counts it in the money saved (with any 免申即享).
        using var mine = await me.GetAsync($"/api/v1/policy-applications?policyId={policyId}");
        Assert.Equal(
            8_800_000,
            Assert
                .Single((await OkAsync(mine, HttpStatusCode.OK)).EnumerateArray())
                .GetProperty("grantedAmountFen")
                .GetInt64()
        );
        using var package = await me.GetAsync($"/api/v1/enterprises/{firm}/policy-package");
        Assert.True(
            (await OkAsync(package, HttpStatusCode.OK)).GetProperty("savedFen").GetInt64()
                >= 8_800_000
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_filters_by_status_and_policy_newest_first_in_pages(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var (b, firms) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null),
            ("I", new DateOnly(2016, 1, 1), EnterpriseSize.Small, null),
            ("I", new DateOnly(2017, 1, 1), EnterpriseSize.Small, null)
        );
        var policyId = (
            await PoliciesApiTests.PublishedAsync(secretary, PoliciesApiTests.PolicyBody(b))
        )
            .GetProperty("id")
            .GetGuid();
        var apps = new List<JsonElement>();
        foreach (var f in firms)
            apps.Add(await ApplyAsync(secretary, policyId, f.Id));
        using (var r = await DecideAsync(secretary, apps[0], new { status = "Accepted" }))
            await OkAsync(r, HttpStatusCode.OK);

        using (
            var waiting = await secretary.GetAsync(
                $"/api/v1/policy-applications?policyId={policyId}&status=Applied&page=1&pageSize=1"
            )
        )
        {
            var page = await OkAsync(waiting, HttpStatusCode.OK);
            Assert.Equal(2, page.GetProperty("total").GetInt32());
            Assert.Equal(1, page.GetProperty("page").GetInt32());
            Assert.Equal(1, page.GetProperty("pageSize").GetInt32());
            var only = Assert.Single(page.GetProperty("items").EnumerateArray());
            Assert.Equal(apps[2].GetProperty("id").GetGuid(), only.GetProperty("id").GetGuid()); // newest first
        }
        using (
            var second = await secretary.GetAsync(
                $"/api/v1/policy-applications?policyId={policyId}&status=Applied&page=2&pageSize=1"
            )
        )
        {
            var page = await OkAsync(second, HttpStatusCode.OK);
            Assert.Equal(
                apps[1].GetProperty("id").GetGuid(),
                Assert
                    .Single(page.GetProperty("items").EnumerateArray())
                    .GetProperty("id")
                    .GetGuid()
            );
        }
        // Without paging parameters the endpoint still answers the plain list it always did.
        using (
            var plain = await secretary.GetAsync($"/api/v1/policy-applications?policyId={policyId}")
        )
        {
            var list = await OkAsync(plain, HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Array, list.ValueKind);
            Assert.Equal(3, list.GetArrayLength());
        }
        using (
            var accepted = await secretary.GetAsync(
                $"/api/v1/policy-applications?policyId={policyId}&status=Accepted"
            )
        )
        {
            var list = await OkAsync(accepted, HttpStatusCode.OK);
            Assert.Equal(
                apps[0].GetProperty("id").GetGuid(),
                Assert.Single(list.EnumerateArray()).GetProperty("id").GetGuid()
            );
        }
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Staff_find_an_enterprise_in_their_scope_see_why_it_qualifies_and_record_once(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        using var officer = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "tax")
        );
        var (b1, here) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null),
            ("C", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        var (_, there) = await PoliciesApiTests.DistrictAsync(
            app,
            secretary,
            ("I", new DateOnly(2015, 1, 1), EnterpriseSize.Small, null)
        );
        // One search word shared by the three enterprises of two buildings.
        var word = OrganizationApi.Unique("代录");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var ids = new[] { here[0].Id, here[1].Id, there[0].Id };
            var rows = await db.Enterprises.Where(e => ids.Contains(e.Id)).ToListAsync();
            foreach (var e in rows)
                e.Name = $"{word}{Array.IndexOf(ids, e.Id)}有限公司";
            await db.SaveChangesAsync();
        }
        var policy = (
            await PoliciesApiTests.PublishedAsync(
                secretary,
                PoliciesApiTests.PolicyBody(b1, industries: ["I"])
            )
        )
            .GetProperty("id")
            .GetGuid();
        using var worker = await ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, b1.ToString())
        );
        async Task<List<JsonElement>> CandidatesAsync(HttpClient c)
        {
            using var r = await c.GetAsync(
                $"/api/v1/policies/{policy}/candidates?q={Uri.EscapeDataString(word)}"
            );
            return [.. (await OkAsync(r, HttpStatusCode.OK)).EnumerateArray()];
        }

        // A party worker finds only the enterprises of their building, each with the package's explanation.
        var found = await CandidatesAsync(worker);
        Assert.Equal(
            new[] { here[0].Id, here[1].Id }.Order(),
            found.Select(f => f.GetProperty("enterpriseId").GetGuid()).Order()
        );
        var eligible = found.Single(f => f.GetProperty("enterpriseId").GetGuid() == here[0].Id);
        Assert.Equal("Eligible", eligible.GetProperty("result").GetString());
        Assert.NotEmpty(eligible.GetProperty("reasons").EnumerateArray());
        Assert.All(
            eligible.GetProperty("reasons").EnumerateArray(),
            r => Assert.False(string.IsNullOrEmpty(r.GetProperty("text").GetString()))
        );
        Assert.Equal(
            "NotEligible",
            found
                .Single(f => f.GetProperty("enterpriseId").GetGuid() == here[1].Id)
                .GetProperty("result")
                .GetString()
        );
        Assert.Equal(JsonValueKind.Null, eligible.GetProperty("application").ValueKind);

        // The committee secretary and a department officer find all three.
        Assert.Equal(3, (await CandidatesAsync(secretary)).Count);
        Assert.Equal(3, (await CandidatesAsync(officer)).Count);

        // Recorded once by the worker (on the enterprise's behalf); a second time: 409; another building's: 404.
        var recorded = await ApplyAsync(worker, policy, here[0].Id, "现场申请");
        Assert.True(recorded.GetProperty("recordedByStaff").GetBoolean());
        using (
            var again = await worker.PostAsJsonAsync(
                "/api/v1/policy-applications",
                new { policyId = policy, enterpriseId = here[0].Id }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (
            var outside = await worker.PostAsJsonAsync(
                "/api/v1/policy-applications",
                new { policyId = policy, enterpriseId = there[0].Id }
            )
        )
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var after = (await CandidatesAsync(worker)).Single(f =>
            f.GetProperty("enterpriseId").GetGuid() == here[0].Id
        );
        Assert.Equal("Applied", after.GetProperty("application").GetProperty("status").GetString());

        // An enterprise contact cannot search on anyone's behalf.
        using var contact = await ClientAsync(
            app,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, here[0].Id.ToString())
        );
        using (
            var denied = await contact.GetAsync($"/api/v1/policies/{policy}/candidates?q={word}")
        )
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
