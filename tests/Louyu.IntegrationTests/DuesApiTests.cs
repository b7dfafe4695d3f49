using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Party dues under /api/v1/dues (domain-rules §1): assessments with the encrypted, masked and audited base and the
/// mid-year re-assessment that needs a reason; hardship with both records; the idempotent ledger; payments one by
/// one, quarterly, by proxy and for the whole branch; the back-payment window (第十一条) and the refusal of payment
/// by the organisation (第十四条); arrears at 3 and 6 months (第十三条); voluntary payments ≥ 1,000 yuan; reports
/// and the .xlsx export; the member's own dues; the authorisation matrix; two concurrent payments of one month.
/// Every test builds its own building and branch, so counts are exact.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DuesApiTests(AppFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Current = DuesMonth.Of(Today);

    private static string M(int offset) => DuesMonth.Format(DuesMonth.Add(Current, offset));

    private sealed record Place(
        LouyuAppFactory App,
        HttpClient Secretary,
        Guid Building,
        Guid Branch,
        Guid Enterprise
    ) : IDisposable
    {
        public void Dispose() => Secretary.Dispose();
    }

    private async Task<Place> PlaceAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        return new Place(
            app,
            secretary,
            building,
            await MemberApi.CreateBranchAsync(app, building),
            enterprise
        );
    }

    private static async Task<Guid> MemberAsync(
        Place p,
        Guid? branch = null,
        string status = "Full",
        string? joinedOn = null
    )
    {
        var (id, birth) = MemberApi.FreshId();
        var json = await MemberApi.CreateAsync(
            p.Secretary,
            MemberApi.Body(
                id,
                birth,
                organizationId: branch ?? p.Branch,
                enterpriseId: p.Enterprise,
                status: status,
                joinedOn: joinedOn
            )
        );
        return json.GetProperty("id").GetGuid();
    }

    private static object Assessment(
        Guid memberId,
        long? baseFen = 650_000,
        string category = "Employed",
        int? year = null,
        string? reason = null,
        string? effectiveFrom = null
    ) =>
        new
        {
            memberId,
            year = year ?? Today.Year,
            category,
            monthlyBaseFen = baseFen,
            reason,
            effectiveFrom,
        };

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage r,
        HttpStatusCode expected = HttpStatusCode.OK
    )
    {
        var json = await ResponseJson.ReadAsync(r);
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {json}");
        return json;
    }

    private static Task<HttpResponseMessage> Pay(
        HttpClient c,
        Guid member,
        IEnumerable<string> months,
        string? payer = null,
        string? proxyName = null,
        string? consentOn = null
    ) =>
        c.PostAsJsonAsync(
            "/api/v1/dues/payments",
            new
            {
                memberId = member,
                months = months.ToArray(),
                payer,
                proxyName,
                consentOn,
            }
        );

    private static async Task<string> RuleAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        return (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()!;
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Assessments_are_masked_revealed_with_an_audit_and_reassessed_only_with_a_reason(
        string provider
    )
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var a = await MemberAsync(p);

        var created = await OkAsync(
            await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(a)),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(9750, created.GetProperty("monthlyFen").GetInt64());
        Assert.Equal("97.50", created.GetProperty("monthlyYuan").GetString());
        Assert.Equal("5000<base≤10000", created.GetProperty("bracket").GetString());
        Assert.Equal("中组发〔2008〕3号 第二条", created.GetProperty("rule").GetString());
        Assert.Equal("****", created.GetProperty("monthlyBase").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("monthlyBaseFen").ValueKind);
        Assert.Equal(
            DuesMonth.Format(DuesMonth.Of(Today.Year, 1)),
            created.GetProperty("firstMonth").GetString()
        );

        // Stored encrypted: the base in fen is nowhere in the row.
        await using (var scope = p.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var row = await db.DuesAssessments.AsNoTracking().SingleAsync(x => x.Id == id);
            Assert.NotNull(row.BaseCipher);
            Assert.DoesNotContain("650000", row.BaseCipher);
        }

        // The list of the branch shows it masked.
        var roster = await OkAsync(
            await c.GetAsync($"/api/v1/dues/assessments?organizationId={p.Branch}")
        );
        var item = Assert.Single(roster.GetProperty("items").EnumerateArray());
        Assert.Equal("****", item.GetProperty("assessment").GetProperty("monthlyBase").GetString());

        // The committee secretary sees the full base; the read is audited explicitly.
        var revealed = await OkAsync(
            await c.GetAsync($"/api/v1/dues/assessments/{id}?reveal=true")
        );
        Assert.Equal(650_000, revealed.GetProperty("monthlyBaseFen").GetInt64());
        Assert.Equal("6500.00", revealed.GetProperty("monthlyBase").GetString());
        await using (var scope = p.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            Assert.True(
                await db.AuditEntries.AnyAsync(e =>
                    e.Action == "Read"
                    && e.Entity == "DuesAssessmentRecord"
                    && e.EntityId == id.ToString()
                )
            );
        }
        // A branch secretary keeps the branch's dues but may not see the base.
        using var branchSecretary = await MemberApi.ClientAsync(
            p.App,
            (LouyuRoles.BranchSecretary, ScopeKind.Organization, p.Branch.ToString())
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await branchSecretary.GetAsync($"/api/v1/dues/assessments/{id}?reveal=true")
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await branchSecretary.GetAsync($"/api/v1/dues/assessments/{id}")).StatusCode
        );

        // A second assessment in the year without a reason: 400 on "reason".
        using var noReason = await c.PostAsJsonAsync(
            "/api/v1/dues/assessments",
            Assessment(a, 1_200_000)
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.NotEmpty(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(noReason), "reason"));

        // With a reason: 200, the new amount (2% of the whole base), and the old one kept as history.
        var re = await OkAsync(
            await c.PostAsJsonAsync(
                "/api/v1/dues/assessments",
                Assessment(a, 1_200_000, reason: "晋升后工资调整")
            )
        );
        Assert.Equal(24_000, re.GetProperty("monthlyFen").GetInt64());
        Assert.Equal("base>10000", re.GetProperty("bracket").GetString());
        Assert.Equal(M(0), re.GetProperty("firstMonth").GetString());
        var history = await OkAsync(await c.GetAsync($"/api/v1/dues/members/{a}/assessments"));
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Single(items, i => i.GetProperty("current").GetBoolean());
        var old = Assert.Single(items, i => !i.GetProperty("current").GetBoolean());
        Assert.Equal(M(-1), old.GetProperty("lastMonth").GetString());
        Assert.Equal("晋升后工资调整", items[0].GetProperty("reason").GetString());

        // Bad input: unknown category, negative base, a year far away — 400 by field, never 500.
        using var bad = await c.PostAsJsonAsync(
            "/api/v1/dues/assessments",
            new
            {
                memberId = a,
                year = 1999,
                category = "Astronaut",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badJson = await ResponseJson.ReadAsync(bad);
        Assert.NotEmpty(ResponseJson.FieldErrors(badJson, "year"));
        Assert.NotEmpty(ResponseJson.FieldErrors(badJson, "category"));
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(Guid.NewGuid()))
            ).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Hardship_needs_both_records_and_probationary_members_pay_from_admission(
        string provider
    )
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var m = await MemberAsync(p);
        object Waiver(string? approvalOn, string? approvalRef) =>
            new
            {
                memberId = m,
                category = "Employed",
                monthlyBaseFen = 400_000,
                hardship = "Waived",
                branchDecisionOn = Today.AddDays(-10).ToString("yyyy-MM-dd"),
                branchDecisionRef = "支委会纪要1号",
                approvalOn,
                approvalRef,
            };
        using var noApproval = await c.PostAsJsonAsync(
            "/api/v1/dues/assessments",
            Waiver(null, null)
        );
        Assert.Equal(HttpStatusCode.BadRequest, noApproval.StatusCode);
        var json = await ResponseJson.ReadAsync(noApproval);
        Assert.Contains("上级党委批准", ResponseJson.FieldErrors(json, "approvalOn")[0]);
        Assert.NotEmpty(ResponseJson.FieldErrors(json, "approvalRef"));

        var waived = await OkAsync(
            await c.PostAsJsonAsync(
                "/api/v1/dues/assessments",
                Waiver(Today.AddDays(-3).ToString("yyyy-MM-dd"), "党委批复2号")
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(0, waived.GetProperty("monthlyFen").GetInt64());
        Assert.Equal(4000, waived.GetProperty("assessedFen").GetInt64());
        Assert.Equal("Waived", waived.GetProperty("hardship").GetString());

        // A probationary member admitted this month pays from this month (Art. 8).
        var admitted = new DateOnly(Today.Year, Today.Month, 1);
        var probationary = await MemberAsync(
            p,
            status: "Probationary",
            joinedOn: admitted.ToString("yyyy-MM-dd")
        );
        var pa = await OkAsync(
            await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(probationary, 300_000)),
            HttpStatusCode.Created
        );
        Assert.Equal(M(0), pa.GetProperty("firstMonth").GetString());
        Assert.Equal(1500, pa.GetProperty("monthlyFen").GetInt64());
        // Nothing is due before admission: paying last month is refused as not assessed.
        using var early = await Pay(c, probationary, [M(-1)]);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        // The ledger shows the waived member as Waived; paying them is refused.
        var generated = await OkAsync(
            await c.PostAsync($"/api/v1/dues/organizations/{p.Branch}/ledger/{M(0)}/generate", null)
        );
        Assert.Equal(2, generated.GetProperty("created").GetInt32());
        var ledger = await OkAsync(
            await c.GetAsync($"/api/v1/dues/organizations/{p.Branch}/ledger/{M(0)}")
        );
        Assert.Equal(1, ledger.GetProperty("waivedCount").GetInt32());
        using var payWaived = await Pay(c, m, [M(0)]);
        Assert.Equal(HttpStatusCode.BadRequest, payWaived.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_ledger_is_idempotent_and_payments_follow_the_rules(string provider)
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var a = await MemberAsync(p);
        var b = await MemberAsync(p);
        var d = await MemberAsync(p);
        foreach (var (m, fen) in new[] { (a, 650_000L), (b, 300_000L), (d, 480_000L) })
            await OkAsync(
                await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(m, fen)),
                HttpStatusCode.Created
            );

        var url = $"/api/v1/dues/organizations/{p.Branch}/ledger/{M(0)}";
        var first = await OkAsync(await c.PostAsync(url + "/generate", null));
        Assert.Equal(3, first.GetProperty("created").GetInt32());
        var again = await OkAsync(await c.PostAsync(url + "/generate", null));
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(3, again.GetProperty("total").GetInt32());
        var ledger = await OkAsync(await c.GetAsync(url));
        Assert.Equal(3, ledger.GetProperty("items").GetArrayLength());
        Assert.Equal(9750 + 1500 + 4800, ledger.GetProperty("dueFen").GetInt64());
        Assert.Equal(3, ledger.GetProperty("unpaidCount").GetInt32());

        // One member, one month.
        var paid = await OkAsync(await Pay(c, a, [M(0)]), HttpStatusCode.Created);
        Assert.Equal(9750, paid.GetProperty("amountFen").GetInt64());
        // The same month again: 409.
        using var twice = await Pay(c, a, [M(0)]);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // Back-payment older than 6 months: 422 naming 第十一条; 6 months back is fine (quarterly: 3 at once).
        using var tooOld = await Pay(c, a, [M(-7)]);
        Assert.Equal("BackPaymentWindow", await RuleAsync(tooOld));
        var oldJson = await ResponseJson.ReadAsync(await Pay(c, a, [M(-7)]));
        Assert.Contains("第十一条", oldJson.GetProperty("source").GetString());
        Assert.Contains("第十一条", oldJson.GetProperty("detail").GetString());
        if (DuesMonth.Year(DuesMonth.Add(Current, -6)) == Today.Year)
        {
            var quarter = await OkAsync(
                await Pay(c, a, [M(-6), M(-5), M(-4)]),
                HttpStatusCode.Created
            );
            Assert.Equal(3 * 9750, quarter.GetProperty("amountFen").GetInt64());
            Assert.Equal(3, quarter.GetProperty("months").GetArrayLength());
        }

        // The organisation may not pay: 422 naming 第十四条.
        using var byOrg = await Pay(c, b, [M(0)], payer: "Organization");
        Assert.Equal("NoOrganizationPayment", await RuleAsync(byOrg));

        // By proxy: the name and the branch's consent are required.
        using var noConsent = await Pay(c, b, [M(0)], payer: "Proxy", proxyName: "李四");
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.NotEmpty(
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(noConsent), "consentOn")
        );
        var proxy = await OkAsync(
            await Pay(c, b, [M(0)], "Proxy", "李四", Today.ToString("yyyy-MM-dd")),
            HttpStatusCode.Created
        );
        Assert.Equal("Proxy", proxy.GetProperty("payer").GetString());

        // Bad months: 400.
        using var badMonth = await Pay(c, b, ["2026-13"]);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        using var none = await Pay(c, b, []);
        Assert.NotEmpty(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(none), "months"));
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await c.GetAsync($"/api/v1/dues/organizations/{p.Branch}/ledger/13-2026")).StatusCode
        );

        // The whole branch's month: the one left unpaid is paid; nothing is paid twice.
        var all = await OkAsync(
            await c.PostAsJsonAsync(url + "/pay-all", new { paidOn = Today.ToString("yyyy-MM-dd") })
        );
        Assert.Equal(1, all.GetProperty("paid").GetInt32());
        Assert.Equal(4800, all.GetProperty("amountFen").GetInt64());
        var after = await OkAsync(await c.GetAsync(url));
        Assert.Equal(3, after.GetProperty("paidCount").GetInt32());
        Assert.Equal(
            after.GetProperty("dueFen").GetInt64(),
            after.GetProperty("paidFen").GetInt64()
        );
        var none2 = await OkAsync(await c.PostAsJsonAsync(url + "/pay-all", new { }));
        Assert.Equal(0, none2.GetProperty("paid").GetInt32());

        // Voluntary extras: ≥ 1,000 yuan flagged to forward upward.
        var big = await OkAsync(
            await c.PostAsJsonAsync(
                "/api/v1/dues/voluntary",
                new { memberId = a, amountFen = 100_000 }
            ),
            HttpStatusCode.Created
        );
        Assert.True(big.GetProperty("forwardUpward").GetBoolean());
        Assert.Contains("第十条", big.GetProperty("rule").GetString());
        var small = await OkAsync(
            await c.PostAsJsonAsync(
                "/api/v1/dues/voluntary",
                new { memberId = a, amountFen = 99_999 }
            ),
            HttpStatusCode.Created
        );
        Assert.False(small.GetProperty("forwardUpward").GetBoolean());
        using var zero = await c.PostAsJsonAsync(
            "/api/v1/dues/voluntary",
            new { memberId = a, amountFen = 0 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);

        // The month's export: an .xlsx.
        using var export = await c.GetAsync(url + "/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            export.Content.Headers.ContentType?.MediaType
        );
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Arrears_warn_at_three_months_flag_at_six_and_clear_when_paid(string provider)
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var warned = await MemberAsync(p);
        var flagged = await MemberAsync(p);
        // Assessed last year and this year so that 8 months back always exist.
        foreach (var m in new[] { warned, flagged })
        foreach (var year in new[] { Today.Year - 1, Today.Year })
            await OkAsync(
                await c.PostAsJsonAsync(
                    "/api/v1/dues/assessments",
                    Assessment(m, 650_000, year: year)
                ),
                HttpStatusCode.Created
            );
        for (var i = -8; i <= 0; i++)
            await OkAsync(
                await c.PostAsync(
                    $"/api/v1/dues/organizations/{p.Branch}/ledger/{M(i)}/generate",
                    null
                )
            );
        // The warned member paid up to 4 months ago: 3 months (−3, −2, −1) unpaid.
        await OkAsync(await Pay(c, warned, [M(-6), M(-5), M(-4)]), HttpStatusCode.Created);

        var arrears = await OkAsync(
            await c.GetAsync($"/api/v1/dues/arrears?organizationId={p.Branch}")
        );
        var rows = arrears.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var flag = rows.Single(r => r.GetProperty("memberId").GetGuid() == flagged);
        Assert.Equal("Flag", flag.GetProperty("level").GetString());
        Assert.Equal(8, flag.GetProperty("months").GetInt32());
        Assert.Contains("第十三条", flag.GetProperty("rule").GetString());
        var warn = rows.Single(r => r.GetProperty("memberId").GetGuid() == warned);
        Assert.Equal("Warning", warn.GetProperty("level").GetString());
        Assert.Equal(3, warn.GetProperty("months").GetInt32());

        // The ledger of the current month shows the same.
        var ledger = await OkAsync(
            await c.GetAsync($"/api/v1/dues/organizations/{p.Branch}/ledger/{M(0)}")
        );
        var lr = ledger
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("memberId").GetGuid() == warned);
        Assert.Equal(3, lr.GetProperty("arrearsMonths").GetInt32());
        Assert.Equal("Warning", lr.GetProperty("arrears").GetString());

        // Reports before the back-payment: by organisation, building and month.
        var byOrg = await OkAsync(
            await c.GetAsync($"/api/v1/dues/reports?by=organization&month={M(-1)}")
        );
        var orgRow = byOrg
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("key").GetString() == p.Branch.ToString());
        Assert.Equal(2, orgRow.GetProperty("members").GetInt32());
        Assert.Equal(2 * 9750, orgRow.GetProperty("dueFen").GetInt64());
        Assert.Equal(0, orgRow.GetProperty("paidFen").GetInt64());
        Assert.Equal(2, orgRow.GetProperty("arrearsCount").GetInt32());
        var byBuilding = await OkAsync(
            await c.GetAsync($"/api/v1/dues/reports?by=building&month={M(-5)}")
        );
        var bRow = byBuilding
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("key").GetString() == p.Building.ToString());
        Assert.Equal(9750, bRow.GetProperty("paidFen").GetInt64());
        Assert.Equal(0.5, bRow.GetProperty("rate").GetDouble());
        var byMonth = await OkAsync(
            await c.GetAsync($"/api/v1/dues/reports?by=month&month={M(0)}")
        );
        Assert.True(byMonth.GetProperty("items").GetArrayLength() >= 1);
        using var badBy = await c.GetAsync("/api/v1/dues/reports?by=planet");
        Assert.Equal(HttpStatusCode.BadRequest, badBy.StatusCode);
        using var xlsx = await c.GetAsync($"/api/v1/dues/reports/export?by=building&month={M(-1)}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.True((await xlsx.Content.ReadAsByteArrayAsync()).Length > 100);

        // Paying the three months at once (quarterly) clears the warning.
        await OkAsync(await Pay(c, warned, [M(-3), M(-2), M(-1)]), HttpStatusCode.Created);
        var after = await OkAsync(
            await c.GetAsync($"/api/v1/dues/arrears?organizationId={p.Branch}")
        );
        Assert.DoesNotContain(
            after.GetProperty("items").EnumerateArray(),
            r => r.GetProperty("memberId").GetGuid() == warned
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_role_sees_only_its_own_dues(string provider)
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var other = await MemberApi.CreateBranchAsync(p.App, p.Building);
        var mine = await MemberAsync(p);
        var theirs = await MemberAsync(p, other);
        foreach (var m in new[] { mine, theirs })
            await OkAsync(
                await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(m)),
                HttpStatusCode.Created
            );
        await OkAsync(await c.PostAsync($"/api/v1/dues/ledger/{M(0)}/generate", null));
        string Ledger(Guid org) => $"/api/v1/dues/organizations/{org}/ledger/{M(0)}";

        // Committee secretary: every organisation.
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync(Ledger(p.Branch))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync(Ledger(other))).StatusCode);

        // Branch secretary: their branch only — read and write.
        using var branch = await MemberApi.ClientAsync(
            p.App,
            (LouyuRoles.BranchSecretary, ScopeKind.Organization, p.Branch.ToString())
        );
        Assert.Equal(HttpStatusCode.OK, (await branch.GetAsync(Ledger(p.Branch))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await branch.GetAsync(Ledger(other))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Pay(branch, theirs, [M(0)])).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await branch.PostAsJsonAsync(
                    "/api/v1/dues/assessments",
                    Assessment(theirs, reason: "x")
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.Created, (await Pay(branch, mine, [M(0)])).StatusCode);
        var arrears = await OkAsync(await branch.GetAsync("/api/v1/dues/arrears?minimumMonths=0"));
        Assert.DoesNotContain(
            arrears.GetProperty("items").EnumerateArray(),
            r => r.GetProperty("organizationId").GetGuid() == other
        );
        var report = await OkAsync(await branch.GetAsync($"/api/v1/dues/reports?month={M(0)}"));
        Assert.Equal(
            [p.Branch.ToString()],
            report
                .GetProperty("items")
                .EnumerateArray()
                .Select(r => r.GetProperty("key").GetString())
        );

        // Party worker of the building: both branches; of another building: neither.
        using var worker = await MemberApi.ClientAsync(
            p.App,
            (LouyuRoles.PartyWorker, ScopeKind.Building, p.Building.ToString())
        );
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(Ledger(other))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Pay(worker, theirs, [M(0)])).StatusCode);
        var elsewhere = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(c));
        using var stranger = await MemberApi.ClientAsync(
            p.App,
            (LouyuRoles.PartyWorker, ScopeKind.Building, elsewhere.ToString())
        );
        Assert.Contains(
            (await stranger.GetAsync(Ledger(p.Branch))).StatusCode,
            new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound }
        );
        var strangerReport = await OkAsync(
            await stranger.GetAsync($"/api/v1/dues/reports?month={M(0)}")
        );
        Assert.Equal(0, strangerReport.GetProperty("items").GetArrayLength());

        // A member: their own dues only, and nothing to record.
        var user = await Accounts.CreateUserAsync(
            p.App,
            (LouyuRoles.Member, ScopeKind.Organization, p.Branch.ToString())
        );
        await using (var scope = p.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await db
                .Members.Where(m => m.Id == mine)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.UserId, user.Id));
        }
        using var member = Accounts.ClientWithToken(
            p.App,
            await Accounts.TokenAsync(p.App, user.UserName!, Accounts.FreshPassword)
        );
        var me = await OkAsync(await member.GetAsync("/api/v1/dues/me"));
        Assert.Equal(mine, me.GetProperty("memberId").GetGuid());
        Assert.Equal(9750, me.GetProperty("monthlyFen").GetInt64());
        var month = Assert.Single(me.GetProperty("months").EnumerateArray());
        Assert.Equal("Paid", month.GetProperty("status").GetString());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync(Ledger(p.Branch))).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await Pay(member, mine, [M(0)])).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync("/api/v1/dues/arrears")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await member.GetAsync($"/api/v1/dues/members/{theirs}/assessments")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await member.GetAsync($"/api/v1/dues/members/{mine}/assessments")).StatusCode
        );

        // An enterprise contact: nothing; anonymous: 401.
        using var contact = await MemberApi.ClientAsync(
            p.App,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, p.Enterprise.ToString())
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await contact.GetAsync(Ledger(p.Branch))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await contact.GetAsync("/api/v1/dues/me")).StatusCode
        );
        using var anonymous = p.App.CreateClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync(Ledger(p.Branch))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync("/api/v1/dues/me")).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Concurrent_payments_of_one_month_store_exactly_one(string provider)
    {
        using var p = await PlaceAsync(provider);
        var c = p.Secretary;
        var m = await MemberAsync(p);
        await OkAsync(
            await c.PostAsJsonAsync("/api/v1/dues/assessments", Assessment(m)),
            HttpStatusCode.Created
        );
        await OkAsync(
            await c.PostAsync($"/api/v1/dues/organizations/{p.Branch}/ledger/{M(0)}/generate", null)
        );
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Pay(c, m, [M(0)])));
        var codes = responses.Select(r => r.StatusCode).ToList();
        foreach (var r in responses)
            r.Dispose();
        Assert.Equal(1, codes.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, codes.Count(s => s == HttpStatusCode.Conflict));
        await using var scope = p.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.Equal(1, await db.DuesPaymentMonths.CountAsync(x => x.MemberId == m));
        Assert.Equal(1, await db.DuesPayments.CountAsync(x => x.MemberId == m));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_demo_branch_has_members_in_arrears(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var branch = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "branch")
        );
        var rows = (await OkAsync(await branch.GetAsync("/api/v1/dues/arrears")))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        Assert.Contains(rows, r => r.GetProperty("level").GetString() == "Warning");
        Assert.Contains(rows, r => r.GetProperty("level").GetString() == "Flag");
        using var member = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "member")
        );
        var me = await OkAsync(await member.GetAsync("/api/v1/dues/me"));
        Assert.True(me.GetProperty("monthlyFen").GetInt64() > 0);
        Assert.True(me.GetProperty("months").GetArrayLength() > 0);
    }
}
