using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>
/// Member development cases (api.md "Party affairs"): the application opens a case (422 under 18), steps are judged by
/// the rule book (422 naming the rule: out of order, a development target less than a year after the activist),
/// 400 for a date in the future, 409 for a step recorded twice, the next step's window, scope and languages.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DevelopmentApiTests(AppFixture fixture)
{
    private async Task<(HttpClient Client, Guid OrganizationId)> SecretaryAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var client = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var list = await ResponseJson.ReadAsync(
            await client.GetAsync("/api/v1/organizations?type=Branch&pageSize=1")
        );
        return (client, list.GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    private static object NewCase(Guid organizationId, string residentId, string appliedOn) =>
        new
        {
            name = "测试申请人",
            residentId,
            organizationId,
            appliedOn,
        };

    private static Task<HttpResponseMessage> Step(HttpClient c, Guid id, int no, object body) =>
        c.PostAsJsonAsync($"/api/v1/development/cases/{id}/steps/{no}", body);

    private static async Task<string> RuleAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        return (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()!;
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_case_moves_step_by_step_and_the_rules_refuse_what_is_early_or_out_of_order(
        string provider
    )
    {
        var (client, org) = await SecretaryAsync(provider);
        using var _c = client;

        // Under 18 on the day of application: refused, naming 细则 第五条.
        var (young, _) = MemberApi.FreshId(birth: new DateOnly(2008, 1, 1));
        using var tooYoung = await client.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, young, "2025-12-31")
        );
        Assert.Equal("MinimumAge", await RuleAsync(tooYoung));
        var body = await ResponseJson.ReadAsync(tooYoung);
        Assert.Contains("第五条", body.GetProperty("source").GetString());
        Assert.Contains("第五条", body.GetProperty("detail").GetString());

        var (id18, _) = MemberApi.FreshId(birth: new DateOnly(1995, 6, 1));
        using var created = await client.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, id18, "2024-01-31")
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var c = await ResponseJson.ReadAsync(created);
        var id = c.GetProperty("id").GetGuid();
        Assert.Equal(1, c.GetProperty("stage").GetInt32());
        Assert.Equal(25, c.GetProperty("steps").GetArrayLength());
        Assert.Equal(
            "2024-01-31",
            c.GetProperty("steps")[0].GetProperty("completedOn").GetString()
        );
        Assert.EndsWith(id18[14..], c.GetProperty("residentId").GetString());
        Assert.Contains("********", c.GetProperty("residentId").GetString());
        var next = c.GetProperty("next");
        Assert.Equal(2, next.GetProperty("no").GetInt32());
        Assert.Equal("2024-02-29", next.GetProperty("latest").GetString()); // one month, clamped

        // The same person again: 409.
        using var again = await client.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, id18, "2024-01-31")
        );
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Out of order: step 4 before step 3.
        using (var r = await Step(client, id, 2, new { completedOn = "2024-02-20" }))
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await Step(client, id, 4, new { completedOn = "2024-03-01" }))
            Assert.Equal("StepOrder", await RuleAsync(r));
        foreach (
            var (no, on) in new[]
            {
                (3, "2024-03-15"),
                (4, "2024-03-20"),
                (5, "2024-03-20"),
                (6, "2024-09-15"),
            }
        )
            using (var r = await Step(client, id, no, new { completedOn = on }))
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        // A development target only after one year as activist (earliest 2025-03-15).
        using (var r = await Step(client, id, 7, new { completedOn = "2025-03-14" }))
        {
            Assert.Equal("ActivistOneYear", await RuleAsync(r));
        }
        using (var get = await client.GetAsync($"/api/v1/development/cases/{id}"))
        {
            var g = await ResponseJson.ReadAsync(get);
            Assert.Equal(7, g.GetProperty("next").GetProperty("no").GetInt32());
            Assert.Equal("2025-03-15", g.GetProperty("next").GetProperty("earliest").GetString());
            Assert.Equal(2, g.GetProperty("stage").GetInt32());
        }

        // A date in the future: 400 on the field.
        using (var r = await Step(client, id, 7, new { completedOn = "2099-01-01" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var p = await ResponseJson.ReadAsync(r);
            Assert.True(p.GetProperty("errors").TryGetProperty("completedOn", out _));
        }
        using (var r = await Step(client, id, 7, new { completedOn = "2025-03-15" }))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(3, (await ResponseJson.ReadAsync(r)).GetProperty("stage").GetInt32());
        }
        using (var r = await Step(client, id, 7, new { completedOn = "2025-03-15" }))
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Refusals_speak_the_callers_language_and_other_roles_are_kept_out(
        string provider
    )
    {
        var (client, org) = await SecretaryAsync(provider);
        using var _c = client;
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        var (young, _) = MemberApi.FreshId(birth: new DateOnly(2010, 5, 5));
        using var r = await client.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, young, "2024-05-05")
        );
        var body = await ResponseJson.ReadAsync(r);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.Contains("at least 18", body.GetProperty("detail").GetString());

        var app = await fixture.AppAsync(provider);
        using var member = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "member")
        );
        var (adult, _) = MemberApi.FreshId();
        using var byMember = await member.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, adult, "2024-05-05")
        );
        Assert.Equal(HttpStatusCode.NotFound, byMember.StatusCode);

        using var anonymous = app.CreateClient();
        using var anon = await anonymous.PostAsJsonAsync(
            "/api/v1/development/cases",
            NewCase(org, adult, "2024-05-05")
        );
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }
}
