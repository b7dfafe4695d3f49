using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>Helpers for the organisation API tests: fresh credit codes, buildings and enterprises.</summary>
internal static class OrganizationApi
{
    private const string Body = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A valid credit code with a random 8-character organisation code body (unique per test).</summary>
    public static string FreshCode()
    {
        var body = new string([
            .. Enumerable
                .Range(0, 8)
                .Select(_ => Body[RandomNumberGenerator.GetInt32(Body.Length)]),
        ]);
        return UnifiedSocialCreditCode.Compose('9', '1', "110105", body);
    }

    /// <summary>Valid but for the last (GB 32100) check character.</summary>
    public static string WrongCheckCharacter()
    {
        var code = FreshCode();
        var wrong = UnifiedSocialCreditCode.Alphabet.First(c => c != code[17]);
        return code[..17] + wrong;
    }

    /// <summary>Correct last check character, but the embedded organisation code's check (char 17) is wrong.</summary>
    public static string WrongOrganizationCodeCheck()
    {
        var code = FreshCode();
        var wrong = "0123456789X".First(c => c != code[16]);
        var first17 = code[..16] + wrong;
        return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
    }

    public static string Unique(string prefix) =>
        $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    public static object BuildingBody(string name, int version = 0) =>
        new
        {
            name,
            address = "北京市东城区测试路 1 号",
            floors = 20,
            propertyManager = "测试物业",
            coveredFrom = "2024-01-01",
            version,
        };

    public static object EnterpriseBody(
        Guid buildingId,
        string? code = null,
        string? name = null,
        string industry = "I",
        string? movedOutOn = null,
        int? version = null
    ) =>
        new
        {
            unifiedSocialCreditCode = code ?? FreshCode(),
            name = name ?? Unique("测试企业"),
            buildingId,
            industry,
            employeeCount = 42,
            legalRepresentative = "张三",
            legalRepresentativeIsMember = true,
            floor = 3,
            room = "301",
            movedInOn = "2024-05-01",
            movedOutOn,
            version,
        };

    public static async Task<JsonElement> CreateBuildingAsync(
        HttpClient secretary,
        string? name = null
    )
    {
        using var response = await secretary.PostAsJsonAsync(
            "/api/v1/buildings",
            BuildingBody(name ?? Unique("测试大厦"))
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ResponseJson.ReadAsync(response);
    }

    public static async Task<JsonElement> CreateEnterpriseAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/enterprises", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ResponseJson.ReadAsync(response);
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public static HttpRequestMessage English(HttpMethod method, string uri, object? body = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }
}

/// <summary>
/// GET|POST /api/v1/enterprises, GET|PUT /api/v1/enterprises/{id} (api.md "Organisation system"): the round trip,
/// server paging and filters, GB 32100-2015 validation in both languages, conflicts, and the scope of each role.
/// Data is created with dates after 2021 in fresh buildings, so the report figures stay as they are.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EnterprisesApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<HttpClient> WorkerOfAsync(LouyuAppFactory app, Guid building)
    {
        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, building.ToString())
        );
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        return Accounts.ClientWithToken(app, token);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_enterprise_is_created_read_and_updated(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var code = OrganizationApi.FreshCode();

        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(
                building,
                code: code.ToLowerInvariant(),
                name: "  北京测试科技有限公司  "
            )
        );

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = await ResponseJson.ReadAsync(created);
        var id = OrganizationApi.Id(e);
        Assert.Equal($"/api/v1/enterprises/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(code, e.GetProperty("unifiedSocialCreditCode").GetString());
        Assert.Equal("北京测试科技有限公司", e.GetProperty("name").GetString());
        Assert.Equal(building, e.GetProperty("buildingId").GetGuid());
        Assert.Equal("I", e.GetProperty("industry").GetString());
        Assert.Equal(42, e.GetProperty("employeeCount").GetInt32());
        Assert.Equal("张三", e.GetProperty("legalRepresentative").GetString());
        Assert.True(e.GetProperty("legalRepresentativeIsMember").GetBoolean());
        Assert.Equal(3, e.GetProperty("floor").GetInt32());
        Assert.Equal("301", e.GetProperty("room").GetString());
        Assert.Equal("2024-05-01", e.GetProperty("movedInOn").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("movedOutOn").ValueKind);
        Assert.Equal(1, e.GetProperty("version").GetInt32());

        using var read = await secretary.GetAsync($"/api/v1/enterprises/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(
            code,
            (await ResponseJson.ReadAsync(read)).GetProperty("unifiedSocialCreditCode").GetString()
        );

        using var updated = await secretary.PutAsJsonAsync(
            $"/api/v1/enterprises/{id}",
            OrganizationApi.EnterpriseBody(
                building,
                code: code,
                name: "北京测试科技有限公司",
                industry: "m",
                movedOutOn: "2025-06-30",
                version: 1
            )
        );
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var u = await ResponseJson.ReadAsync(updated);
        Assert.Equal(2, u.GetProperty("version").GetInt32());
        Assert.Equal("M", u.GetProperty("industry").GetString());
        Assert.Equal("2025-06-30", u.GetProperty("movedOutOn").GetString());

        using var reread = await secretary.GetAsync($"/api/v1/enterprises/{id}");
        var r = await ResponseJson.ReadAsync(reread);
        Assert.Equal(2, r.GetProperty("version").GetInt32());
        Assert.Equal("M", r.GetProperty("industry").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_is_paged_and_filtered_on_the_server(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var prefix = OrganizationApi.Unique("分页");
        var a = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, name: prefix + "甲", industry: "I")
        );
        await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, name: prefix + "乙", industry: "I")
        );
        await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(
                building,
                name: prefix + "丙",
                industry: "K",
                movedOutOn: "2025-01-31"
            )
        );

        async Task<JsonElement> ListAsync(string query)
        {
            using var response = await secretary.GetAsync($"/api/v1/enterprises?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ResponseJson.ReadAsync(response);
        }

        var page1 = await ListAsync($"buildingId={building}&pageSize=2");
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(1, page1.GetProperty("page").GetInt32());
        Assert.Equal(2, page1.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        var page2 = await ListAsync($"buildingId={building}&pageSize=2&page=2");
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        var ids = page1
            .GetProperty("items")
            .EnumerateArray()
            .Concat(page2.GetProperty("items").EnumerateArray())
            .Select(OrganizationApi.Id)
            .ToHashSet();
        Assert.Equal(3, ids.Count);

        var byIndustry = await ListAsync($"buildingId={building}&industry=K");
        Assert.Equal(1, byIndustry.GetProperty("total").GetInt32());
        Assert.Equal("K", byIndustry.GetProperty("items")[0].GetProperty("industry").GetString());

        var present = await ListAsync($"buildingId={building}&present=true");
        Assert.Equal(2, present.GetProperty("total").GetInt32());

        var byName = await ListAsync($"q={Uri.EscapeDataString(prefix)}");
        Assert.Equal(3, byName.GetProperty("total").GetInt32());
        Assert.Equal(50, byName.GetProperty("pageSize").GetInt32());

        var code = a.GetProperty("unifiedSocialCreditCode").GetString()!;
        var byCode = await ListAsync($"q={code[6..16].ToLowerInvariant()}");
        Assert.Contains(
            byCode.GetProperty("items").EnumerateArray(),
            i => OrganizationApi.Id(i) == OrganizationApi.Id(a)
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_paging_and_filters_are_field_errors(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;

        using var response = await secretary.GetAsync(
            "/api/v1/enterprises?page=0&pageSize=201&industry=Z&buildingId=x"
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal(["应在 1 到 1000000 之间。"], ResponseJson.FieldErrors(problem, "page"));
        Assert.Equal(["应在 1 到 200 之间。"], ResponseJson.FieldErrors(problem, "pageSize"));
        Assert.Equal(
            ["行业应为 GB/T 4754-2017 的门类字母 A–T。"],
            ResponseJson.FieldErrors(problem, "industry")
        );
        Assert.Equal(["编号格式不正确。"], ResponseJson.FieldErrors(problem, "buildingId"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Invalid_fields_are_a_400_in_chinese_by_default(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");

        using var response = await secretary.PostAsJsonAsync(
            "/api/v1/enterprises",
            new
            {
                unifiedSocialCreditCode = OrganizationApi.WrongCheckCharacter(),
                name = " ",
                buildingId = Guid.NewGuid(),
                industry = "Z",
                employeeCount = -1,
                legalRepresentative = "",
                floor = 300,
                room = new string('1', 21),
                movedInOn = future,
                movedOutOn = "2024-13-01",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal("提交的内容有误", problem.GetProperty("title").GetString());
        Assert.Equal(
            ["统一社会信用代码校验位错误（依据 GB 32100-2015）。"],
            ResponseJson.FieldErrors(problem, "unifiedSocialCreditCode")
        );
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(problem, "name"));
        Assert.Equal(["楼宇不存在。"], ResponseJson.FieldErrors(problem, "buildingId"));
        Assert.Equal(
            ["行业应为 GB/T 4754-2017 的门类字母 A–T。"],
            ResponseJson.FieldErrors(problem, "industry")
        );
        Assert.Equal(
            ["应在 0 到 1000000 之间。"],
            ResponseJson.FieldErrors(problem, "employeeCount")
        );
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(problem, "legalRepresentative"));
        Assert.Equal(["应在 -5 到 200 之间。"], ResponseJson.FieldErrors(problem, "floor"));
        Assert.Equal(["不能超过 20 个字符。"], ResponseJson.FieldErrors(problem, "room"));
        Assert.Equal(["日期不能晚于今天。"], ResponseJson.FieldErrors(problem, "movedInOn"));
        Assert.Equal(
            ["日期格式应为 YYYY-MM-DD。"],
            ResponseJson.FieldErrors(problem, "movedOutOn")
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_organisation_code_check_has_its_own_message(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));

        using var zh = await secretary.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(
                building,
                code: OrganizationApi.WrongOrganizationCodeCheck()
            )
        );
        using var badLength = await secretary.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(building, code: "91110105")
        );

        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        Assert.Equal(
            [
                "统一社会信用代码第 9–17 位组织机构代码的校验码错误（依据 GB 32100-2015、GB 11714-1997）。",
            ],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(zh), "unifiedSocialCreditCode")
        );
        Assert.Equal(
            ["统一社会信用代码应为 18 位（依据 GB 32100-2015）。"],
            ResponseJson.FieldErrors(
                await ResponseJson.ReadAsync(badLength),
                "unifiedSocialCreditCode"
            )
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Invalid_fields_are_in_english_when_asked(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));

        using var checkChar = OrganizationApi.English(
            HttpMethod.Post,
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(
                building,
                code: OrganizationApi.WrongCheckCharacter(),
                industry: "U"
            )
        );
        using var orgCode = OrganizationApi.English(
            HttpMethod.Post,
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(
                building,
                code: OrganizationApi.WrongOrganizationCodeCheck()
            )
        );
        using var r1 = await secretary.SendAsync(checkChar);
        using var r2 = await secretary.SendAsync(orgCode);

        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        var p1 = await ResponseJson.ReadAsync(r1);
        Assert.Equal("The request has invalid fields", p1.GetProperty("title").GetString());
        Assert.Equal(
            ["The check character of the unified social credit code is wrong (GB 32100-2015)."],
            ResponseJson.FieldErrors(p1, "unifiedSocialCreditCode")
        );
        Assert.Equal(
            ["The industry is a GB/T 4754-2017 section letter, A–T."],
            ResponseJson.FieldErrors(p1, "industry")
        );
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
        Assert.Equal(
            [
                "The check character of the organisation code in positions 9–17 is wrong (GB 32100-2015, GB 11714-1997).",
            ],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(r2), "unifiedSocialCreditCode")
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Moving_out_before_moving_in_and_a_floor_above_the_building_are_refused(
        string provider
    )
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var body = new
        {
            unifiedSocialCreditCode = OrganizationApi.FreshCode(),
            name = "北京倒序有限公司",
            buildingId = building,
            industry = "C",
            employeeCount = 0,
            legalRepresentative = "李四",
            floor = 25,
            movedInOn = "2024-05-01",
            movedOutOn = "2024-04-30",
        };

        using var zh = await secretary.PostAsJsonAsync("/api/v1/enterprises", body);
        using var en = await secretary.SendAsync(
            OrganizationApi.English(HttpMethod.Post, "/api/v1/enterprises", body)
        );

        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var p = await ResponseJson.ReadAsync(zh);
        Assert.Equal(["迁出日期不能早于入驻日期。"], ResponseJson.FieldErrors(p, "movedOutOn"));
        Assert.Equal(["楼层超出了楼宇的层数（共 20 层）。"], ResponseJson.FieldErrors(p, "floor"));
        var pe = await ResponseJson.ReadAsync(en);
        Assert.Equal(
            ["The move-out date cannot be before the move-in date."],
            ResponseJson.FieldErrors(pe, "movedOutOn")
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Malformed_json_is_a_400_not_a_500(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        using var content = new StringContent(
            "{\"name\": ",
            System.Text.Encoding.UTF8,
            "application/json"
        );
        using var wrongType = new StringContent(
            "{\"employeeCount\": \"many\"}",
            System.Text.Encoding.UTF8,
            "application/json"
        );

        using var r1 = await secretary.PostAsync("/api/v1/enterprises", content);
        using var r2 = await secretary.PutAsync($"/api/v1/enterprises/{Guid.NewGuid()}", wrongType);

        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_duplicate_credit_code_is_a_409(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var code = OrganizationApi.FreshCode();
        var first = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, code: code)
        );
        var other = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building)
        );

        using var again = await secretary.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(building, code: code)
        );
        using var renamed = await secretary.PutAsJsonAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(other)}",
            OrganizationApi.EnterpriseBody(building, code: code, version: 1)
        );

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var problem = await ResponseJson.ReadAsync(again);
        Assert.Equal("统一社会信用代码已登记", problem.GetProperty("title").GetString());
        Assert.Contains(code, problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
        Assert.NotEqual(OrganizationApi.Id(first), OrganizationApi.Id(other));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Simultaneous_registrations_of_one_code_give_one_201_and_409s(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var code = OrganizationApi.FreshCode();

        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(_ =>
                    secretary.PostAsJsonAsync(
                        "/api/v1/enterprises",
                        OrganizationApi.EnterpriseBody(building, code: code)
                    )
                )
        );
        try
        {
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.All(
                responses.Where(r => r.StatusCode != HttpStatusCode.Created),
                r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode)
            );
        }
        finally
        {
            foreach (var r in responses)
                r.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_stale_or_missing_version_is_refused(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var code = OrganizationApi.FreshCode();
        var e = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, code: code)
        );
        var uri = $"/api/v1/enterprises/{OrganizationApi.Id(e)}";

        using var first = await secretary.PutAsJsonAsync(
            uri,
            OrganizationApi.EnterpriseBody(building, code: code, name: "先到的修改", version: 1)
        );
        using var stale = await secretary.PutAsJsonAsync(
            uri,
            OrganizationApi.EnterpriseBody(building, code: code, name: "后到的修改", version: 1)
        );
        using var missing = await secretary.PutAsJsonAsync(
            uri,
            OrganizationApi.EnterpriseBody(building, code: code)
        );

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await ResponseJson.ReadAsync(stale);
        Assert.Equal("记录已被他人修改", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(
            ["必填。"],
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(missing), "version")
        );
        using var read = await secretary.GetAsync(uri);
        Assert.Equal(
            "先到的修改",
            (await ResponseJson.ReadAsync(read)).GetProperty("name").GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_party_worker_works_in_their_building_only(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var mine = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var other = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var inMine = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(mine)
        );
        var otherCode = OrganizationApi.FreshCode();
        var inOther = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(other, code: otherCode)
        );
        using var worker = await WorkerOfAsync(app, mine);

        using var list = await worker.GetAsync("/api/v1/enterprises?pageSize=200");
        using var listOther = await worker.GetAsync($"/api/v1/enterprises?buildingId={other}");
        using var getMine = await worker.GetAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(inMine)}"
        );
        using var getOther = await worker.GetAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(inOther)}"
        );
        using var putOther = await worker.PutAsJsonAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(inOther)}",
            OrganizationApi.EnterpriseBody(other, code: otherCode, version: 1)
        );
        using var postOther = await worker.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(other)
        );
        using var postMine = await worker.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(mine)
        );
        using var putMine = await worker.PutAsJsonAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(inMine)}",
            OrganizationApi.EnterpriseBody(
                mine,
                code: inMine.GetProperty("unifiedSocialCreditCode").GetString(),
                version: 1
            )
        );
        using var moveAway = await worker.PutAsJsonAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(inMine)}",
            OrganizationApi.EnterpriseBody(
                other,
                code: inMine.GetProperty("unifiedSocialCreditCode").GetString(),
                version: 2
            )
        );

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var page = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.All(
            page.GetProperty("items").EnumerateArray(),
            i => Assert.Equal(mine, i.GetProperty("buildingId").GetGuid())
        );
        Assert.Equal(HttpStatusCode.Forbidden, listOther.StatusCode);
        Assert.Equal(HttpStatusCode.OK, getMine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, getOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, putOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, postOther.StatusCode);
        Assert.Equal("application/problem+json", postOther.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created, postMine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, putMine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, moveAway.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_branch_secretary_reads_their_building_but_does_not_write(string provider)
    {
        var (app, branch) = await AsAsync(provider, "branch");
        using var _b = branch;
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var elsewhere = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));

        using var list = await branch.GetAsync("/api/v1/enterprises?pageSize=5");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var items = (await ResponseJson.ReadAsync(list))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        Assert.NotEmpty(items);
        var one = items[0];
        var id = OrganizationApi.Id(one);
        var building = one.GetProperty("buildingId").GetGuid();
        Assert.All(items, i => Assert.Equal(building, i.GetProperty("buildingId").GetGuid()));

        using var read = await branch.GetAsync($"/api/v1/enterprises/{id}");
        using var put = await branch.PutAsJsonAsync(
            $"/api/v1/enterprises/{id}",
            OrganizationApi.EnterpriseBody(
                building,
                code: one.GetProperty("unifiedSocialCreditCode").GetString(),
                version: one.GetProperty("version").GetInt32()
            )
        );
        using var post = await branch.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(building)
        );
        using var outside = await branch.GetAsync($"/api/v1/enterprises?buildingId={elsewhere}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(
            "您只能查看，不能修改",
            (await ResponseJson.ReadAsync(put)).GetProperty("title").GetString()
        );
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Members_contacts_and_officers_are_refused_and_anonymous_callers_are_401(
        string provider
    )
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var e = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building)
        );

        foreach (var user in new[] { "member", "enterprise", "tax" })
        {
            using var client = Accounts.ClientWithToken(
                app,
                await fixture.DemoTokenAsync(provider, user)
            );
            using var list = await client.GetAsync("/api/v1/enterprises");
            using var get = await client.GetAsync($"/api/v1/enterprises/{OrganizationApi.Id(e)}");
            using var post = await client.PostAsJsonAsync(
                "/api/v1/enterprises",
                OrganizationApi.EnterpriseBody(building)
            );
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        using var anonymous = app.CreateClient();
        using var anonList = await anonymous.GetAsync("/api/v1/enterprises");
        using var anonPost = await anonymous.PostAsJsonAsync(
            "/api/v1/enterprises",
            OrganizationApi.EnterpriseBody(building)
        );
        Assert.Equal(HttpStatusCode.Unauthorized, anonList.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonPost.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_page_shows_the_filtered_table(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var name = OrganizationApi.Unique("页面企业");
        var e = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, name: name, industry: "J")
        );

        using var response = await secretary.GetAsync(
            $"/organization/enterprises?q={Uri.EscapeDataString(name)}&buildingId={building}&industry=J"
        );
        using var home = await secretary.GetAsync("/organization");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"enterprise-table\"", html, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains(
            e.GetProperty("unifiedSocialCreditCode").GetString()!,
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("共 1 家企业", html, StringComparison.Ordinal);
        Assert.Contains("金融业", html, StringComparison.Ordinal);
        var homeHtml = await home.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/organization/enterprises\"", homeHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/organization/members\"", homeHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_new_enterprise_form_shows_field_messages_and_registers(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        using var form = await secretary.GetAsync("/organization/enterprises/new");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var formHtml = await form.Content.ReadAsStringAsync();
        var token = System
            .Text.RegularExpressions.Regex.Match(
                formHtml,
                "name=\"__RequestVerificationToken\" value=\"([^\"]+)\""
            )
            .Groups[1]
            .Value;
        Assert.NotEmpty(token);

        Task<HttpResponseMessage> PostAsync(string code, string name) =>
            secretary.PostAsync(
                "/organization/enterprises/new",
                new FormUrlEncodedContent(
                    new Dictionary<string, string>
                    {
                        ["_handler"] = "enterprise-new",
                        ["__RequestVerificationToken"] = token,
                        ["Input.UnifiedSocialCreditCode"] = code,
                        ["Input.Name"] = name,
                        ["Input.BuildingId"] = building.ToString(),
                        ["Input.Industry"] = "I",
                        ["Input.EmployeeCount"] = "12",
                        ["Input.LegalRepresentative"] = "赵六",
                        ["Input.Floor"] = "2",
                        ["Input.MovedInOn"] = "2024-06-01",
                    }
                )
            );

        using var invalid = await PostAsync(OrganizationApi.WrongCheckCharacter(), "");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Contains(
            "统一社会信用代码校验位错误（依据 GB 32100-2015）。",
            invalidHtml,
            StringComparison.Ordinal
        );
        Assert.Contains("必填。", invalidHtml, StringComparison.Ordinal);

        var code = OrganizationApi.FreshCode();
        var name = OrganizationApi.Unique("表单企业");
        using var saved = await PostAsync(code, name);
        Assert.True(
            saved.StatusCode
                is HttpStatusCode.Redirect
                    or HttpStatusCode.Found
                    or HttpStatusCode.SeeOther
                    or HttpStatusCode.OK,
            saved.StatusCode.ToString()
        );
        using var list = await secretary.GetAsync($"/api/v1/enterprises?q={code}");
        var page = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(name, page.GetProperty("items")[0].GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Founding_date_size_and_tags_are_kept_and_checked(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var body = System.Text.Json.JsonSerializer.SerializeToNode(
            OrganizationApi.EnterpriseBody(building, code: OrganizationApi.FreshCode())
        )!;
        body["foundedOn"] = "2012-03-15";
        body["size"] = "Small";
        body["tags"] = new System.Text.Json.Nodes.JsonArray("高新技术企业", " 专精特新 ");

        using var created = await secretary.PostAsJsonAsync("/api/v1/enterprises", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var e = await ResponseJson.ReadAsync(created);
        Assert.Equal("2012-03-15", e.GetProperty("foundedOn").GetString());
        Assert.Equal("Small", e.GetProperty("size").GetString());
        Assert.Equal(
            ["高新技术企业", "专精特新"],
            e.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray()
        );

        var bad = System.Text.Json.JsonSerializer.SerializeToNode(
            OrganizationApi.EnterpriseBody(building, code: OrganizationApi.FreshCode())
        )!;
        bad["size"] = "Huge";
        bad["tags"] = new System.Text.Json.Nodes.JsonArray([
            .. Enumerable.Range(1, 11).Select(i => (System.Text.Json.Nodes.JsonNode?)$"t{i}"),
        ]);
        using var refused = await secretary.PostAsJsonAsync("/api/v1/enterprises", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ResponseJson.ReadAsync(refused)).GetProperty("errors");
        Assert.Contains("大型", errors.GetProperty("size")[0].GetString());
        Assert.Contains("10", errors.GetProperty("tags")[0].GetString());
    }
}
