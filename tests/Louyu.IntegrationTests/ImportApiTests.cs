using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Louyu.IntegrationTests;

/// <summary>Sheets for the import tests, written with MiniExcel: a header row, then one row per dictionary.</summary>
internal static class Sheets
{
    public static readonly string[] MemberHeader =
    [
        "姓名",
        "公民身份号码",
        "性别",
        "出生日期",
        "人员类别",
        "组织状态",
        "所在党组织",
        "工作单位统一社会信用代码",
        "是否流动党员",
        "入党日期",
        "转正日期",
        "手机号码",
    ];

    public static byte[] Xlsx(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        IEnumerable<Dictionary<string, object?>> All()
        {
            yield return header
                .Select((h, i) => (h, i))
                .ToDictionary(x => $"c{x.i}", x => (object?)x.h);
            foreach (var r in rows)
                yield return header
                    .Select((_, i) => i)
                    .ToDictionary(i => $"c{i}", i => i < r.Length ? r[i] : null);
        }
        using var ms = new MemoryStream();
        MiniExcel.SaveAs(ms, All(), printHeader: false, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    public static object?[] MemberRow(string id, DateOnly birth, string org, string? name = null) =>
        [
            name ?? OrganizationApi.Unique("导入"),
            id,
            "男",
            birth.ToString("yyyy-MM-dd"),
            "正式党员",
            "正常",
            org,
            null,
            "否",
            birth.AddYears(25).ToString("yyyy-MM-dd"),
            birth.AddYears(26).ToString("yyyy-MM-dd"),
            "13912345678",
        ];

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        HttpClient client,
        string path,
        byte[] file,
        string fileName = "import.xlsx"
    )
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        content.Add(part, "file", fileName);
        using var response = await client.PostAsync(path, content);
        return (response.StatusCode, await ResponseJson.ReadAsync(response));
    }

    public static List<IDictionary<string, object>> Read(byte[] xlsx, string? sheet = null)
    {
        using var ms = new MemoryStream(xlsx);
        return
        [
            .. MiniExcel
                .Query(ms, useHeaderRow: false, sheetName: sheet)
                .Cast<IDictionary<string, object>>(),
        ];
    }
}

/// <summary>
/// POST /api/v1/{members|enterprises}/import, GET …/import/template, GET …/export: broken files, a bad row among
/// 1,000 (nothing imported, then partial), re-import without duplicates, dry run, scope, the template and the
/// export round trip, masking and the audit of exports.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ImportApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> SecretaryAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        return (
            app,
            Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, "secretary"))
        );
    }

    private static async Task<(Guid Building, Guid Branch, string BranchName)> PlaceAsync(
        LouyuAppFactory app,
        HttpClient secretary
    )
    {
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var branch = await MemberApi.CreateBranchAsync(app, building);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var name = await db
            .PartyOrganizations.Where(o => o.Id == branch)
            .Select(o => o.Name)
            .FirstAsync();
        return (building, branch, name);
    }

    private static async Task<int> CountMembersAsync(LouyuAppFactory app, IEnumerable<string> ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
        var hashes = ids.Select(protector.Hash).ToArray();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        return await db.Members.CountAsync(m => hashes.Contains(m.ResidentIdHash));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_broken_file_is_a_400_and_writes_nothing(string provider)
    {
        var (_, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import",
            "this is not a spreadsheet"u8.ToArray()
        );
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(".xlsx", body.GetProperty("detail").GetString());

        (status, body) = await Sheets.PostAsync(secretary, "/api/v1/members/import", []);
        Assert.Equal(HttpStatusCode.BadRequest, status);

        var noIdColumn = Sheets.Xlsx(
            ["姓名", "性别"],
            [
                ["张三", "男"],
            ]
        );
        (status, body) = await Sheets.PostAsync(secretary, "/api/v1/members/import", noIdColumn);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("公民身份号码", body.GetProperty("detail").GetString());

        using var empty = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        using var response = await secretary.PostAsync("/api/v1/enterprises/import", empty);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task One_bad_row_among_1000_imports_nothing_unless_partial_and_a_reimport_updates(
        string provider
    )
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (_, branch, branchName) = await PlaceAsync(app, secretary);
        var people = Enumerable.Range(0, 1000).Select(_ => MemberApi.FreshId()).ToList();
        var rows = people.Select(p => Sheets.MemberRow(p.Id, p.Birth, branchName)).ToList();
        // Row 501 of the sheet (header = row 1): the ID's check character is wrong.
        var bad = people[499].Id;
        var wrong = bad[..17] + (bad[17] == '0' ? '1' : '0');
        rows[499][1] = wrong;
        var file = Sheets.Xlsx(Sheets.MemberHeader, rows);
        var good = people.Where((_, i) => i != 499).Select(p => p.Id).ToList();

        var (status, body) = await Sheets.PostAsync(secretary, "/api/v1/members/import", file);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(501, error.GetProperty("row").GetInt32());
        Assert.Equal("residentId", error.GetProperty("field").GetString());
        Assert.Contains("GB 11643", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountMembersAsync(app, good));

        (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import?partial=true",
            file
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(999, body.GetProperty("imported").GetInt32());
        Assert.Equal(999, body.GetProperty("created").GetInt32());
        Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(999, await CountMembersAsync(app, good));

        // The same file again: nobody is registered twice; the 999 are updated.
        (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import?partial=true",
            file
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(999, body.GetProperty("imported").GetInt32());
        Assert.Equal(0, body.GetProperty("created").GetInt32());
        Assert.Equal(999, body.GetProperty("updated").GetInt32());
        Assert.Equal(999, await CountMembersAsync(app, good));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.Equal(
            999,
            await db.MemberSpells.CountAsync(s => s.OrganizationId == branch && s.ToDate == null)
        );
        Assert.True(
            await db.AuditEntries.AnyAsync(a => a.Action == "Import" && a.Entity == "Member")
        );
    }

    /// <summary>
    /// Past one batch (2,000 rows), a batch is written while the next is read: a bad row in the last batch still
    /// keeps every batch out, a partial import keeps the rest, and two imports of the same new people at once
    /// register each person once, the loser told in its language (409), never a 500.
    /// </summary>
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Batches_written_beside_the_reading_keep_the_import_all_or_nothing(
        string provider
    )
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (building, _, branchName) = await PlaceAsync(app, secretary);
        var people = Enumerable.Range(0, 4_500).Select(_ => MemberApi.FreshId()).ToList();
        var rows = people.Select(p => Sheets.MemberRow(p.Id, p.Birth, branchName)).ToList();
        rows[4_400][3] = "1900-01-01"; // row 4,402: the birth date disagrees with the ID
        var file = Sheets.Xlsx(Sheets.MemberHeader, rows);
        var good = people.Where((_, i) => i != 4_400).Select(p => p.Id).ToList();

        var (status, body) = await Sheets.PostAsync(secretary, "/api/v1/members/import", file);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        Assert.Equal(4_499, body.GetProperty("valid").GetInt32());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(4_402, error.GetProperty("row").GetInt32());
        Assert.Equal(0, await CountMembersAsync(app, good));

        (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import?partial=true",
            file
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4_499, body.GetProperty("created").GetInt32());
        Assert.Equal(4_499, await CountMembersAsync(app, good));
        // Each placed in the branch's building (written with the row on PostgreSQL, after the spell on SQLite).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var protector = scope.ServiceProvider.GetRequiredService<PersonalDataProtector>();
            var hashes = good.Select(protector.Hash).ToArray();
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            Assert.Equal(
                4_499,
                await db.Members.CountAsync(m =>
                    hashes.Contains(m.ResidentIdHash) && m.PlacedBuildingId == building
                )
            );
        }

        var racing = Enumerable.Range(0, 2_500).Select(_ => MemberApi.FreshId()).ToList();
        var race = Sheets.Xlsx(
            Sheets.MemberHeader,
            racing.Select(p => Sheets.MemberRow(p.Id, p.Birth, branchName))
        );
        using var other = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var both = await Task.WhenAll(
            Sheets.PostAsync(secretary, "/api/v1/members/import", race),
            Sheets.PostAsync(other, "/api/v1/members/import", race)
        );
        Assert.All(
            both,
            r => Assert.True(r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r}")
        );
        Assert.Contains(both, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(2_500, await CountMembersAsync(app, racing.Select(p => p.Id)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_dry_run_writes_nothing_and_duplicates_in_the_file_are_row_errors(
        string provider
    )
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (_, _, branchName) = await PlaceAsync(app, secretary);
        var people = Enumerable.Range(0, 5).Select(_ => MemberApi.FreshId()).ToList();
        var rows = people.Select(p => Sheets.MemberRow(p.Id, p.Birth, branchName)).ToList();
        rows.Add(Sheets.MemberRow(people[0].Id, people[0].Birth, branchName));
        var file = Sheets.Xlsx(Sheets.MemberHeader, rows);

        var (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import?dryRun=true&partial=true",
            file
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5, body.GetProperty("imported").GetInt32());
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(7, error.GetProperty("row").GetInt32());
        Assert.Contains("第 2 行", error.GetProperty("message").GetString());
        Assert.Equal(0, await CountMembersAsync(app, people.Select(p => p.Id)));

        (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/members/import?dryRun=true",
            file
        );
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        Assert.Equal(5, body.GetProperty("valid").GetInt32());
        Assert.Equal(0, await CountMembersAsync(app, people.Select(p => p.Id)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_worker_imports_into_their_buildings_only(string provider)
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (mine, _, myBranch) = await PlaceAsync(app, secretary);
        var (_, _, otherBranch) = await PlaceAsync(app, secretary);
        var worker = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, mine.ToString())
        );
        using var _w = worker;
        var a = MemberApi.FreshId();
        var b = MemberApi.FreshId();
        var file = Sheets.Xlsx(
            Sheets.MemberHeader,
            [
                Sheets.MemberRow(a.Id, a.Birth, myBranch),
                Sheets.MemberRow(b.Id, b.Birth, otherBranch),
            ]
        );
        var (status, body) = await Sheets.PostAsync(
            worker,
            "/api/v1/members/import?partial=true",
            file
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("organizationId", error.GetProperty("field").GetString());
        Assert.Equal(1, await CountMembersAsync(app, [a.Id, b.Id]));

        // An enterprise in another building is out of the worker's scope too.
        var otherBuilding = OrganizationApi.Id(
            await OrganizationApi.CreateBuildingAsync(secretary)
        );
        var code = OrganizationApi.FreshCode();
        var enterprises = Sheets.Xlsx(
            [
                "统一社会信用代码",
                "企业名称",
                "所在楼宇",
                "行业门类",
                "从业人员数",
                "法定代表人",
                "楼层",
                "入驻日期",
            ],
            [
                [code, "越权企业", otherBuilding.ToString(), "I", 10, "李四", 3, "2024-01-01"],
            ]
        );
        (status, body) = await Sheets.PostAsync(worker, "/api/v1/enterprises/import", enterprises);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        Assert.Equal("buildingId", body.GetProperty("errors")[0].GetProperty("field").GetString());

        // A member (no writing role) may not import at all.
        var member = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.Member, ScopeKind.Organization, null)
        );
        using var _m = member;
        (status, _) = await Sheets.PostAsync(member, "/api/v1/members/import", file);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_template_fills_and_imports_and_an_enterprise_export_imports_again(
        string provider
    )
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var buildingName = OrganizationApi.Unique("导入大厦");
        var building = OrganizationApi.Id(
            await OrganizationApi.CreateBuildingAsync(secretary, buildingName)
        );

        using var template = new HttpRequestMessage(
            HttpMethod.Get,
            "/api/v1/enterprises/import/template"
        );
        template.Headers.AcceptLanguage.ParseAdd("en-US");
        using var tResponse = await secretary.SendAsync(template);
        Assert.Equal(HttpStatusCode.OK, tResponse.StatusCode);
        var templateBytes = await tResponse.Content.ReadAsByteArrayAsync();
        var header = Sheets.Read(templateBytes)[0].Values.Select(v => v?.ToString() ?? "").ToList();
        Assert.Equal("Unified social credit code *", header[0]);
        using (var ms = new MemoryStream(templateBytes))
            Assert.Equal(2, MiniExcel.GetSheetNames(ms).Count);

        var codes = Enumerable.Range(0, 3).Select(_ => OrganizationApi.FreshCode()).ToList();
        var filled = Sheets.Xlsx(
            header,
            codes.Select(c =>
                new object?[]
                {
                    c,
                    OrganizationApi.Unique("模板企业"),
                    buildingName,
                    "I",
                    25,
                    "王五",
                    "Yes",
                    5,
                    "501",
                    "2024-03-01",
                    null,
                }
            )
        );
        var (status, body) = await Sheets.PostAsync(
            secretary,
            "/api/v1/enterprises/import",
            filled
        );
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("created").GetInt32());

        using var export = await secretary.GetAsync(
            $"/api/v1/enterprises/export?buildingId={building}"
        );
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var exported = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal(4, Sheets.Read(exported).Count); // header + 3
        (status, body) = await Sheets.PostAsync(secretary, "/api/v1/enterprises/import", exported);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("created").GetInt32());
        Assert.Equal(3, body.GetProperty("updated").GetInt32());
        Assert.Equal(0, body.GetProperty("errorCount").GetInt32());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.Equal(3, await db.Enterprises.CountAsync(e => e.BuildingId == building));
        Assert.True(
            await db.Enterprises.AllAsync(e =>
                !codes.Contains(e.UnifiedSocialCreditCode) || e.Version == 2
            )
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_member_export_is_masked_and_audited(string provider)
    {
        var (app, secretary) = await SecretaryAsync(provider);
        using var _s = secretary;
        var (_, branch, branchName) = await PlaceAsync(app, secretary);
        var person = MemberApi.FreshId();
        var file = Sheets.Xlsx(
            Sheets.MemberHeader,
            [Sheets.MemberRow(person.Id, person.Birth, branchName)]
        );
        var (status, _) = await Sheets.PostAsync(secretary, "/api/v1/members/import", file);
        Assert.Equal(HttpStatusCode.OK, status);

        using var export = await secretary.GetAsync(
            $"/api/v1/members/export?organizationId={branch}"
        );
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = Sheets.Read(bytes);
        Assert.Equal(2, rows.Count);
        var cells = rows[1].Values.Select(v => v?.ToString()).ToList();
        Assert.DoesNotContain(person.Id, cells);
        Assert.Contains(
            cells,
            c =>
                c is not null
                && c.StartsWith(person.Id[..6], StringComparison.Ordinal)
                && c.Contains('*', StringComparison.Ordinal)
        );
        Assert.Contains("139****5678", cells);
        Assert.Contains(branchName, cells);

        // Re-importing the masked export names the problem on the row instead of registering anybody.
        var (again, body) = await Sheets.PostAsync(secretary, "/api/v1/members/import", bytes);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("residentId", body.GetProperty("errors")[0].GetProperty("field").GetString());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var audit = await db
            .AuditEntries.Where(a => a.Action == "Export" && a.Entity == "Member")
            .OrderByDescending(a => a.Id)
            .FirstAsync();
        Assert.Contains(branch.ToString(), audit.After);
        Assert.Contains("\"rows\":1", audit.After);
    }
}
