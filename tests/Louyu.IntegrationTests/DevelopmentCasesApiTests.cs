using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>
/// Finishing member development cases: documents per step (type and size checked, stored under the data directory,
/// downloaded again), the half-yearly assessment overdue and cleared by an assessment on file, the branch overview of
/// what is due and late, probation extended once or cancelled, the approval period extended to six months, the
/// conversion vote, the rules table read and changed with its history — each with its authorisation matrix.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DevelopmentCasesApiTests(AppFixture fixture)
{
    private static readonly byte[] Pdf =
        "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private async Task<(HttpClient Client, Guid Org)> SecretaryAsync(string provider)
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

    private async Task<HttpClient> DemoAsync(string provider, string user) =>
        Accounts.ClientWithToken(
            await fixture.AppAsync(provider),
            await fixture.DemoTokenAsync(provider, user)
        );

    private static async Task<Guid> NewCaseAsync(HttpClient c, Guid org, string appliedOn)
    {
        var (id, _) = MemberApi.FreshId(birth: new DateOnly(1996, 3, 3));
        using var r = await c.PostAsJsonAsync(
            "/api/v1/development/cases",
            new
            {
                name = OrganizationApi.Unique("申请人"),
                residentId = id,
                organizationId = org,
                appliedOn,
            }
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await ResponseJson.ReadAsync(r)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> StepAsync(HttpClient c, Guid id, int no, object body)
    {
        using var r = await c.PostAsJsonAsync($"/api/v1/development/cases/{id}/steps/{no}", body);
        var json = await ResponseJson.ReadAsync(r);
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"step {no}: {(int)r.StatusCode} {json}");
        return json;
    }

    /// <summary>Two full members of the organisation (full since long before the case), as introducers.</summary>
    private static async Task<Guid[]> IntroducersAsync(HttpClient c, Guid org)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var (rid, birth) = MemberApi.FreshId(birth: new DateOnly(1970, 1, 1).AddDays(i * 40));
            using var r = await c.PostAsJsonAsync(
                "/api/v1/members",
                MemberApi.Body(rid, birth, org)
            );
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            ids.Add((await ResponseJson.ReadAsync(r)).GetProperty("id").GetGuid());
        }
        return [.. ids];
    }

    private static readonly (int No, string On)[] Path =
    [
        (1, "2022-01-10"),
        (2, "2022-01-20"),
        (3, "2022-03-01"),
        (4, "2022-03-05"),
        (5, "2022-03-10"),
        (6, "2022-09-01"),
        (7, "2023-03-01"),
        (8, "2023-03-05"),
        (9, "2023-03-10"),
        (10, "2023-03-20"),
        (11, "2023-04-01"),
        (12, "2023-04-10"),
        (13, "2023-04-25"),
        (14, "2023-04-26"),
        (15, "2023-05-10"),
        (16, "2023-05-20"),
        (17, "2023-06-01"),
        (18, "2023-06-10"),
        (19, "2023-06-15"),
        (20, "2023-07-01"),
        (21, "2024-01-10"),
        (22, "2024-04-20"),
        (23, "2024-05-20"),
        (24, "2024-06-01"),
        (25, "2024-06-10"),
    ];

    private static object BodyOf(int no, string on, Guid[] introducers) =>
        no switch
        {
            9 => new { completedOn = on, introducerIds = introducers },
            11 => new { completedOn = on, trainingDays = 3 },
            13 => new { completedOn = on, publicityFrom = "2023-04-14" },
            15 => new
            {
                completedOn = on,
                vote = new
                {
                    entitled = 10,
                    present = 8,
                    yes = 7,
                    no = 1,
                    abstain = 0,
                },
            },
            23 => new
            {
                completedOn = on,
                publicityFrom = "2024-05-06",
                vote = new
                {
                    entitled = 9,
                    present = 7,
                    yes = 6,
                    no = 1,
                    abstain = 0,
                },
            },
            _ => new { completedOn = on },
        };

    /// <summary>A case with steps 1..<paramref name="upto"/> done along <see cref="Path"/>.</summary>
    private static async Task<Guid> CaseUptoAsync(HttpClient c, Guid org, int upto)
    {
        var id = await NewCaseAsync(c, org, Path[0].On);
        var introducers = upto >= 9 ? await IntroducersAsync(c, org) : [];
        foreach (var (no, on) in Path.Where(p => p.No >= 2 && p.No <= upto))
            await StepAsync(c, id, no, BodyOf(no, on, introducers));
        return id;
    }

    private static MultipartFormDataContent Upload(
        int stepNo,
        string kind,
        string datedOn,
        byte[] file,
        string name
    )
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(stepNo.ToString()), "stepNo" },
            { new StringContent(kind), "kind" },
            { new StringContent(datedOn), "datedOn" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        return form;
    }

    private static string Today =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-1).ToString("yyyy-MM-dd");

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Documents_are_checked_stored_and_clear_an_overdue_half_yearly_assessment(
        string provider
    )
    {
        var (c, org) = await SecretaryAsync(provider);
        using var _c = c;
        var id = await CaseUptoAsync(c, org, 4); // an activist since 2022-03-01, no assessment on file

        var before = await ResponseJson.ReadAsync(
            await c.GetAsync($"/api/v1/development/cases/{id}")
        );
        var alert = before
            .GetProperty("alerts")
            .EnumerateArray()
            .Single(a => a.GetProperty("rule").GetString() == "HalfYearlyAssessment");
        Assert.True(alert.GetProperty("late").GetBoolean());
        Assert.Equal("2022-09-01", alert.GetProperty("due").GetString());

        // Wrong content under a .pdf name, a step not reached, an unknown kind, a future date: 400, nothing kept.
        using (
            var r = await c.PostAsync(
                $"/api/v1/development/cases/{id}/documents",
                Upload(4, "HalfYearAssessment", Today, [0x4D, 0x5A, 0x90, 0x00], "考察.pdf")
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True(
                (await ResponseJson.ReadAsync(r))
                    .GetProperty("errors")
                    .TryGetProperty("file", out _)
            );
        }
        using (
            var r = await c.PostAsync(
                $"/api/v1/development/cases/{id}/documents",
                Upload(9, "Other", Today, Pdf, "a.pdf")
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True(
                (await ResponseJson.ReadAsync(r))
                    .GetProperty("errors")
                    .TryGetProperty("stepNo", out _)
            );
        }
        using (
            var r = await c.PostAsync(
                $"/api/v1/development/cases/{id}/documents",
                Upload(4, "Selfie", "2099-01-01", Pdf, "a.pdf")
            )
        )
        {
            var errors = (await ResponseJson.ReadAsync(r)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("kind", out _));
            Assert.True(errors.TryGetProperty("datedOn", out _));
        }

        // Other callers: a member sees nothing (404), an anonymous caller is not signed in (401).
        using (var member = await DemoAsync(provider, "member"))
        using (
            var r = await member.PostAsync(
                $"/api/v1/development/cases/{id}/documents",
                Upload(4, "Other", Today, Pdf, "a.pdf")
            )
        )
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var app = await fixture.AppAsync(provider);
        using (var anonymous = app.CreateClient())
        using (
            var r = await anonymous.PostAsync(
                $"/api/v1/development/cases/{id}/documents",
                Upload(4, "Other", Today, Pdf, "a.pdf")
            )
        )
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        // The half-yearly assessment, dated yesterday: stored, listed, downloaded byte for byte; the alert clears.
        using var ok = await c.PostAsync(
            $"/api/v1/development/cases/{id}/documents",
            Upload(4, "HalfYearAssessment", Today, Pdf, "半年考察.pdf")
        );
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var after = await ResponseJson.ReadAsync(ok);
        var doc = Assert.Single(after.GetProperty("documents").EnumerateArray().ToList());
        Assert.Equal("半年考察.pdf", doc.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", doc.GetProperty("contentType").GetString());
        Assert.Equal(Pdf.Length, doc.GetProperty("sizeBytes").GetInt64());
        var a2 = after
            .GetProperty("alerts")
            .EnumerateArray()
            .Single(a => a.GetProperty("rule").GetString() == "HalfYearlyAssessment");
        Assert.False(a2.GetProperty("late").GetBoolean());
        var docId = doc.GetProperty("id").GetGuid();
        using (var r = await c.GetAsync($"/api/v1/development/cases/{id}/documents/{docId}"))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("application/pdf", r.Content.Headers.ContentType!.MediaType);
            Assert.Equal(Pdf, await r.Content.ReadAsByteArrayAsync());
        }
        Assert.Single(
            Directory.GetFiles(app.DataDirectory, "*", SearchOption.AllDirectories),
            f => f.Contains(id.ToString("N"))
        );
        using (var member = await DemoAsync(provider, "member"))
        using (var r = await member.GetAsync($"/api/v1/development/cases/{id}/documents/{docId}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (
            var r = await c.GetAsync($"/api/v1/development/cases/{id}/documents/{Guid.NewGuid()}")
        )
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_branch_overview_shows_what_is_late_per_case_and_per_branch(
        string provider
    )
    {
        var (c, org) = await SecretaryAsync(provider);
        using var _c = c;
        var late = await NewCaseAsync(c, org, "2024-02-01"); // talk due by 2024-03-01: late

        var branches = await ResponseJson.ReadAsync(
            await c.GetAsync("/api/v1/development/branches")
        );
        var mine = branches
            .EnumerateArray()
            .Single(b => b.GetProperty("organizationId").GetGuid() == org);
        Assert.True(mine.GetProperty("late").GetInt32() >= 1);
        Assert.True(mine.GetProperty("cases").GetInt32() >= mine.GetProperty("late").GetInt32());

        var branch = await ResponseJson.ReadAsync(
            await c.GetAsync($"/api/v1/development/branches/{org}")
        );
        var row = branch
            .GetProperty("items")
            .EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == late);
        var alert = Assert.Single(row.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal("TalkWithinOneMonth", alert.GetProperty("rule").GetString());
        Assert.Equal("2024-03-01", alert.GetProperty("due").GetString());
        Assert.True(alert.GetProperty("late").GetBoolean());
        Assert.Equal(2, row.GetProperty("next").GetProperty("no").GetInt32());
        // Late cases come first.
        Assert.Contains(
            branch.GetProperty("items")[0].GetProperty("alerts").EnumerateArray(),
            a => a.GetProperty("late").GetBoolean()
        );

        using (var r = await c.GetAsync($"/api/v1/development/branches/{Guid.NewGuid()}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var member = await DemoAsync(provider, "member"))
        {
            using var r = await member.GetAsync($"/api/v1/development/branches/{org}");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            var none = await ResponseJson.ReadAsync(
                await member.GetAsync("/api/v1/development/branches")
            );
            Assert.DoesNotContain(
                none.EnumerateArray(),
                b => b.GetProperty("organizationId").GetGuid() == org
            );
        }
        var app = await fixture.AppAsync(provider);
        using var anonymous = app.CreateClient();
        using var anon = await anonymous.GetAsync("/api/v1/development/branches");
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Probation_is_extended_once_and_can_be_cancelled_and_the_approval_period_extended(
        string provider
    )
    {
        var (c, org) = await SecretaryAsync(provider);
        using var _c = c;
        var early = await CaseUptoAsync(c, org, 14);
        using (
            var r = await c.PostAsJsonAsync(
                $"/api/v1/development/cases/{early}/probation/extension",
                new
                {
                    months = 6,
                    decidedOn = "2023-05-01",
                    reason = "考察",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Equal(
                "ProbationExtension",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );
        }
        using (
            var r = await c.PostAsJsonAsync(
                $"/api/v1/development/cases/{early}/approval/extension",
                new { decidedOn = "2023-05-01", reason = "特殊情况" }
            )
        )
            Assert.Equal(
                "ApprovalWithinThreeMonths",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );

        var id = await CaseUptoAsync(c, org, 16);
        var url = $"/api/v1/development/cases/{id}";
        // 400: no reason, a future date, no months.
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/extension",
                new { decidedOn = "2099-01-01" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var errors = (await ResponseJson.ReadAsync(r)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("reason", out _));
            Assert.True(errors.TryGetProperty("decidedOn", out _));
            Assert.True(errors.TryGetProperty("months", out _));
        }
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/extension",
                new
                {
                    months = 13,
                    decidedOn = "2023-06-01",
                    reason = "需继续考察",
                }
            )
        )
            Assert.Equal(
                "ProbationExtension",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );

        // Member and anonymous: 404 and 401.
        using (var member = await DemoAsync(provider, "member"))
        using (
            var r = await member.PostAsJsonAsync(
                $"{url}/probation/extension",
                new
                {
                    months = 6,
                    decidedOn = "2023-06-01",
                    reason = "x",
                }
            )
        )
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var app = await fixture.AppAsync(provider);
        using (var anonymous = app.CreateClient())
        using (
            var r = await anonymous.PostAsJsonAsync(
                $"{url}/probation/cancellation",
                new { decidedOn = "2023-06-01", reason = "x" }
            )
        )
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        // The approval period: 3 months after 2023-05-10, extended to 6 once.
        var got = await ResponseJson.ReadAsync(await c.GetAsync(url));
        Assert.Equal("2023-08-10", got.GetProperty("next").GetProperty("latest").GetString());
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/approval/extension",
                new { decidedOn = "2023-07-01", reason = "政审材料待补充" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var j = await ResponseJson.ReadAsync(r);
            Assert.Equal("2023-11-10", j.GetProperty("next").GetProperty("latest").GetString());
            Assert.Equal("2023-07-01", j.GetProperty("approvalExtendedOn").GetString());
        }
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/approval/extension",
                new { decidedOn = "2023-07-02", reason = "again" }
            )
        )
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);

        // Probation extended by 6 months, once: it now ends 2024-11-10.
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/extension",
                new
                {
                    months = 6,
                    decidedOn = "2023-06-01",
                    reason = "需继续考察",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var p = (await ResponseJson.ReadAsync(r)).GetProperty("probation");
            Assert.Equal(6, p.GetProperty("extensionMonths").GetInt32());
            Assert.Equal("2023-05-10", p.GetProperty("since").GetString());
            Assert.Equal("2024-11-10", p.GetProperty("ends").GetString());
        }
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/extension",
                new
                {
                    months = 6,
                    decidedOn = "2023-06-02",
                    reason = "再次",
                }
            )
        )
            Assert.Equal(
                "ProbationExtension",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );

        // Cancelled: the case is closed; no step, no second cancellation.
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/cancellation",
                new { decidedOn = "2023-07-10", reason = "不具备党员条件" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var j = await ResponseJson.ReadAsync(r);
            Assert.Equal("Cancelled", j.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, j.GetProperty("next").ValueKind);
            Assert.Equal(
                "2023-07-10",
                j.GetProperty("probation").GetProperty("cancelledOn").GetString()
            );
        }
        using (
            var r = await c.PostAsJsonAsync($"{url}/steps/17", new { completedOn = "2023-07-20" })
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (
            var r = await c.PostAsJsonAsync(
                $"{url}/probation/cancellation",
                new { decidedOn = "2023-07-11", reason = "again" }
            )
        )
            Assert.Equal(
                "ProbationCancellation",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_conversion_vote_counts_against_all_entitled_members(string provider)
    {
        var (c, org) = await SecretaryAsync(provider);
        using var _c = c;
        var id = await CaseUptoAsync(c, org, 22);
        object Vote(int present, int yes) =>
            new
            {
                completedOn = "2024-05-20",
                publicityFrom = "2024-05-06",
                vote = new
                {
                    entitled = 9,
                    present,
                    yes,
                    no = present - yes,
                    abstain = 0,
                },
            };
        using (
            var r = await c.PostAsJsonAsync($"/api/v1/development/cases/{id}/steps/23", Vote(4, 4))
        )
            Assert.Equal(
                "ConversionVote",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );
        using (
            var r = await c.PostAsJsonAsync($"/api/v1/development/cases/{id}/steps/23", Vote(5, 4))
        )
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
            Assert.Equal(
                "ConversionVote",
                (await ResponseJson.ReadAsync(r)).GetProperty("rule").GetString()
            );
        }
        var ok = await StepAsync(c, id, 23, Vote(5, 5));
        Assert.Equal(24, ok.GetProperty("next").GetProperty("no").GetInt32());
        await StepAsync(c, id, 24, new { completedOn = "2024-06-01" });
        var done = await StepAsync(c, id, 25, new { completedOn = "2024-06-10" });
        Assert.Equal("Completed", done.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_rules_table_is_read_by_staff_changed_by_editors_and_drives_the_cases(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var worker = await DemoAsync(provider, "worker");
        var book = await ResponseJson.ReadAsync(await worker.GetAsync("/api/v1/development/rules"));
        Assert.Equal(5, book.GetProperty("stages").GetArrayLength());
        Assert.Equal(25, book.GetProperty("steps").GetArrayLength());
        var talk = book.GetProperty("rules")
            .EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "TalkWithinOneMonth");
        Assert.Equal(1, talk.GetProperty("limits").GetProperty("months").GetInt32());
        Assert.Contains("第七条", talk.GetProperty("source").GetString());
        var publicity = book.GetProperty("rules")
            .EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "AdmissionPublicity");
        Assert.Equal(5, publicity.GetProperty("limits").GetProperty("workingDays").GetInt32());
        var version = talk.GetProperty("version").GetInt32();

        object Change(int months, int? v, string? reason = "细则修订") =>
            new
            {
                version = v,
                reason,
                limits = new Dictionary<string, int> { ["months"] = months },
            };
        foreach (var user in new[] { "worker", "branch", "member" })
        {
            using var c = await DemoAsync(provider, user);
            using var r = await c.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(2, version)
            );
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        }
        using (var anonymous = app.CreateClient())
        {
            using var r = await anonymous.GetAsync("/api/v1/development/rules");
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        }

        var (secretary, org) = await SecretaryAsync(provider);
        using var _s = secretary;
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(2, version, null)
            )
        )
            Assert.True(
                (await ResponseJson.ReadAsync(r))
                    .GetProperty("errors")
                    .TryGetProperty("reason", out _)
            );
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                new
                {
                    version,
                    reason = "x",
                    limits = new { workingDays = 3 },
                }
            )
        )
            Assert.True(
                (await ResponseJson.ReadAsync(r))
                    .GetProperty("errors")
                    .TryGetProperty("limits.workingDays", out _)
            );
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(0, version)
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/NoSuchRule",
                Change(2, 1)
            )
        )
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(2, version + 5)
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);

        // Two months to talk: a new case's next step says so at once (the cached rule book is dropped).
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(2, version)
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(
                version + 1,
                (await ResponseJson.ReadAsync(r)).GetProperty("version").GetInt32()
            );
        }
        try
        {
            var id = await NewCaseAsync(secretary, org, "2024-01-31");
            var c = await ResponseJson.ReadAsync(
                await secretary.GetAsync($"/api/v1/development/cases/{id}")
            );
            Assert.Equal("2024-03-31", c.GetProperty("next").GetProperty("latest").GetString());
            var history = await ResponseJson.ReadAsync(
                await worker.GetAsync("/api/v1/development/rules/history?ruleId=TalkWithinOneMonth")
            );
            var last = history[0];
            Assert.Equal("细则修订", last.GetProperty("reason").GetString());
            Assert.Equal(1, last.GetProperty("before").GetProperty("months").GetInt32());
            Assert.Equal(2, last.GetProperty("after").GetProperty("months").GetInt32());
            Assert.Equal("secretary", last.GetProperty("userName").GetString());
        }
        finally
        {
            using var a = await Accounts.AdministratorClientAsync(app);
            using var r = await a.PutAsJsonAsync(
                "/api/v1/development/rules/TalkWithinOneMonth",
                Change(1, version + 1, "恢复")
            );
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
    }
}
