using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>A department with services of its own for one test (unique codes), written straight into the database.</summary>
internal sealed record Open311World(
    Guid DepartmentId,
    string Dept,
    string Plain,
    string WithAttributes
)
{
    public const string DemoKey = "demo-open311-key";

    public static async Task<Open311World> CreateAsync(LouyuAppFactory app, bool active = true)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var dept = new Department
        {
            Id = Guid.NewGuid(),
            Code = $"t{tag}",
            Name = $"测试部门{tag}",
            NameEn = $"Test department {tag}",
            Active = active,
            Version = 1,
        };
        var plain = new WorkstationService
        {
            Id = Guid.NewGuid(),
            DepartmentId = dept.Id,
            Code = $"t{tag}-consult",
            Name = "政策咨询",
            NameEn = "Policy questions",
            Description = "税收政策咨询",
            Type = ServiceType.Consult,
            Keywords = "税,咨询",
            Version = 1,
        };
        var withAttributes = new WorkstationService
        {
            Id = Guid.NewGuid(),
            DepartmentId = dept.Id,
            Code = $"t{tag}-complain",
            Name = "投诉举报",
            Type = ServiceType.Complain,
            Version = 1,
        };
        var inactive = new WorkstationService
        {
            Id = Guid.NewGuid(),
            DepartmentId = dept.Id,
            Code = $"t{tag}-old",
            Name = "已停办",
            Type = ServiceType.Accept,
            Active = false,
            Version = 1,
        };
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        db.AddRange(dept, plain, withAttributes, inactive);
        db.AddRange(
            new ServiceAttribute
            {
                Id = Guid.NewGuid(),
                ServiceId = withAttributes.Id,
                Code = "amount",
                DataType = "number",
                Required = true,
                Description = "涉及金额（元）",
                DataTypeDescription = "数字",
                Order = 2,
            },
            new ServiceAttribute
            {
                Id = Guid.NewGuid(),
                ServiceId = withAttributes.Id,
                Code = "kind",
                DataType = "singlevaluelist",
                Required = false,
                Description = "投诉类别",
                Order = 1,
                ValuesJson = """[{"key":"price","name":"价格"},{"key":"quality","name":"质量"}]""",
            }
        );
        await db.SaveChangesAsync();
        return new Open311World(dept.Id, dept.Code, plain.Code, withAttributes.Code);
    }

    public static Dictionary<string, string> Form(string serviceCode, string? apiKey = DemoKey) =>
        new()
        {
            ["api_key"] = apiKey ?? "",
            ["service_code"] = serviceCode,
            ["address_string"] = "楼宇A座 1201室",
            ["description"] = "咨询研发费用加计扣除政策。",
            ["first_name"] = "秋锁",
            ["last_name"] = "郑",
            ["email"] = "zheng@example.com",
            ["phone"] = "13800000000",
        };

    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        Dictionary<string, string> form,
        string? idempotencyKey = null
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    public static async Task<string> FileAsync(HttpClient client, Dictionary<string, string> form)
    {
        using var r = await PostAsync(client, form);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument
            .Parse(body)
            .RootElement[0]
            .GetProperty("service_request_id")
            .GetString()!;
    }

    /// <summary>Asserts the Open311 error format: the status, JSON, [{"code": status, "description": "…"}].</summary>
    public static async Task<string[]> AssertErrorAsync(
        HttpResponseMessage r,
        HttpStatusCode status
    )
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status, $"{(int)r.StatusCode}: {body}");
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(JsonValueKind.Array, json.ValueKind);
        Assert.NotEqual(0, json.GetArrayLength());
        foreach (var e in json.EnumerateArray())
        {
            Assert.Equal((int)status, e.GetProperty("code").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("description").GetString()));
            Assert.Equal(2, e.EnumerateObject().Count());
        }
        return [.. json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!)];
    }

    public static async Task UpdateTicketAsync(
        LouyuAppFactory app,
        string number,
        Action<Ticket, LouyuDbContext> change
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var t = await db.Set<Ticket>().SingleAsync(x => x.Number == number);
        change(t, db);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// Open311 GeoReport v2 (api.md; http://wiki.open311.org/GeoReport_v2): services, definitions, POST with an API key,
/// the error format, the 4,000-character limit and idempotency.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class Open311ApiTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Services_list_the_active_services_with_the_spec_fields(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        var hidden = await Open311World.CreateAsync(app, active: false);
        using var client = app.CreateClient();

        using var r = await client.GetAsync("/open311/v2/services.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var all = (await ResponseJson.ReadAsync(r)).EnumerateArray().ToList();
        var mine = all.Where(s =>
                s.GetProperty("group").GetString() == $"测试部门{world.Dept[1..]}"
            )
            .ToDictionary(s => s.GetProperty("service_code").GetString()!);
        Assert.Equal([world.WithAttributes, world.Plain], mine.Keys.Order(StringComparer.Ordinal));
        var plain = mine[world.Plain];
        string[] fields =
        [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ];
        Assert.Equal(fields, plain.EnumerateObject().Select(p => p.Name));
        Assert.Equal("政策咨询", plain.GetProperty("service_name").GetString());
        Assert.Equal("税收政策咨询", plain.GetProperty("description").GetString());
        Assert.False(plain.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", plain.GetProperty("type").GetString());
        Assert.Equal("税,咨询", plain.GetProperty("keywords").GetString());
        Assert.True(mine[world.WithAttributes].GetProperty("metadata").GetBoolean());
        Assert.DoesNotContain(
            all,
            s =>
                s.GetProperty("service_code").GetString() is { } c
                && (c == $"{world.Dept}-old" || c.StartsWith(hidden.Dept, StringComparison.Ordinal))
        );

        using var english = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.json");
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        using var en = await client.SendAsync(english);
        var enPlain = (await ResponseJson.ReadAsync(en))
            .EnumerateArray()
            .Single(s => s.GetProperty("service_code").GetString() == world.Plain);
        Assert.Equal("Policy questions", enPlain.GetProperty("service_name").GetString());
        Assert.Equal(
            $"Test department {world.Dept[1..]}",
            enPlain.GetProperty("group").GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_service_definition_lists_its_attributes_and_unknown_codes_are_404(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();

        using var r = await client.GetAsync($"/open311/v2/services/{world.WithAttributes}.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var d = await ResponseJson.ReadAsync(r);
        Assert.Equal(world.WithAttributes, d.GetProperty("service_code").GetString());
        var attributes = d.GetProperty("attributes").EnumerateArray().ToList();
        Assert.Equal(["kind", "amount"], attributes.Select(a => a.GetProperty("code").GetString()));
        var kind = attributes[0];
        string[] fields =
        [
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        ];
        Assert.Equal(fields, kind.EnumerateObject().Select(p => p.Name));
        Assert.True(kind.GetProperty("variable").GetBoolean());
        Assert.Equal("singlevaluelist", kind.GetProperty("datatype").GetString());
        Assert.False(kind.GetProperty("required").GetBoolean());
        Assert.Equal(1, kind.GetProperty("order").GetInt32());
        Assert.Equal("投诉类别", kind.GetProperty("description").GetString());
        var values = kind.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal("price", values[0].GetProperty("key").GetString());
        Assert.Equal("价格", values[0].GetProperty("name").GetString());
        var amount = attributes[1];
        Assert.True(amount.GetProperty("required").GetBoolean());
        Assert.Equal("number", amount.GetProperty("datatype").GetString());
        Assert.Equal(0, amount.GetProperty("values").GetArrayLength());

        using var plain = await client.GetAsync($"/open311/v2/services/{world.Plain}.json");
        Assert.Equal(
            0,
            (await ResponseJson.ReadAsync(plain)).GetProperty("attributes").GetArrayLength()
        );

        using var unknown = await client.GetAsync("/open311/v2/services/no-such-service.json");
        var errors = await Open311World.AssertErrorAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains("no-such-service", errors[0], StringComparison.Ordinal);
        using var inactive = await client.GetAsync($"/open311/v2/services/{world.Dept}-old.json");
        await Open311World.AssertErrorAsync(inactive, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_request_is_filed_with_the_demo_key_and_read_back(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();
        var form = Open311World.Form(world.WithAttributes);
        form["attribute[amount]"] = "1280.50";
        form["attribute[kind]"] = "price";
        form["lat"] = "39.9289";
        form["long"] = "116.4164";
        form["address_id"] = "B-A-1201";
        form["media_url"] = "https://example.com/p.jpg";
        form["account_id"] = "acc-42";
        form["device_id"] = "dev-7";

        using var r = await Open311World.PostAsync(client, form);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body);
        var created = JsonDocument.Parse(body).RootElement;
        Assert.Equal(1, created.GetArrayLength());
        Assert.Equal(
            ["service_request_id", "service_notice", "account_id"],
            created[0].EnumerateObject().Select(p => p.Name)
        );
        var id = created[0].GetProperty("service_request_id").GetString()!;
        Assert.Matches(@"^GZ\d{8}-\d{4}$", id);
        Assert.Equal("acc-42", created[0].GetProperty("account_id").GetString());
        Assert.Contains("办理时限", created[0].GetProperty("service_notice").GetString());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var t = await db.Set<Ticket>().SingleAsync(x => x.Number == id);
            Assert.Equal(TicketChannel.Open311, t.Channel);
            Assert.Equal("郑秋锁", t.FilerName);
            Assert.Equal("楼宇A座 1201室", t.Address);
            Assert.Equal(world.DepartmentId, t.DepartmentId);
            Assert.Null(t.FiledByUserId);
            var values = await db.Set<TicketAttributeValue>()
                .Where(v => v.TicketId == t.Id)
                .ToDictionaryAsync(v => v.Code, v => v.Value);
            Assert.Equal("price", values["kind"]);
            var info = await db.Set<Open311RequestInfo>().SingleAsync(x => x.TicketId == t.Id);
            Assert.Equal(39.9289, info.Lat);
            Assert.Equal("dev-7", info.DeviceId);
            var key = await db.Set<Open311ApiKey>().SingleAsync(k => k.Id == info.ApiKeyId);
            Assert.Equal("demo-open311-key"[..8], key.KeyPrefix);
            Assert.NotNull(key.LastUsedAtUtc);
            Assert.True(key.UseCount >= 1);
        }

        using var one = await client.GetAsync($"/open311/v2/requests/{id}.json");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var list = await ResponseJson.ReadAsync(one);
        Assert.Equal(1, list.GetArrayLength());
        var req = list[0];
        Assert.Equal(id, req.GetProperty("service_request_id").GetString());
        Assert.Equal("open", req.GetProperty("status").GetString());
        Assert.Contains("待部门签收", req.GetProperty("status_notes").GetString());
        Assert.Equal("投诉举报", req.GetProperty("service_name").GetString());
        Assert.Equal(world.WithAttributes, req.GetProperty("service_code").GetString());
        Assert.Equal("咨询研发费用加计扣除政策。", req.GetProperty("description").GetString());
        Assert.Equal(
            $"测试部门{world.Dept[1..]}",
            req.GetProperty("agency_responsible").GetString()
        );
        Assert.Matches(
            @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$",
            req.GetProperty("requested_datetime").GetString()
        );
        Assert.Matches(
            @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$",
            req.GetProperty("updated_datetime").GetString()
        );
        Assert.EndsWith("T23:59:59+08:00", req.GetProperty("expected_datetime").GetString());
        Assert.Equal("楼宇A座 1201室", req.GetProperty("address").GetString());
        Assert.Equal("B-A-1201", req.GetProperty("address_id").GetString());
        Assert.Equal(JsonValueKind.Null, req.GetProperty("zipcode").ValueKind);
        Assert.Equal(39.9289, req.GetProperty("lat").GetDouble());
        Assert.Equal(116.4164, req.GetProperty("long").GetDouble());
        Assert.Equal("https://example.com/p.jpg", req.GetProperty("media_url").GetString());
        Assert.DoesNotContain(
            req.EnumerateObject(),
            p => p.Name is "email" or "phone" or "first_name" or "filer_name"
        );
        var notes = req.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal("filed", notes[0].GetProperty("type").GetString());
        Assert.Equal("open", notes[0].GetProperty("status").GetString());
        Assert.Equal("提交", notes[0].GetProperty("summary").GetString());

        using var unknown = await client.GetAsync("/open311/v2/requests/GZ19990101-9999.json");
        await Open311World.AssertErrorAsync(unknown, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_missing_invalid_or_revoked_key_is_403(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();

        var missing = Open311World.Form(world.Plain);
        missing.Remove("api_key");
        using (var r = await Open311World.PostAsync(client, missing))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.Forbidden);
        using (var r = await Open311World.PostAsync(client, Open311World.Form(world.Plain, "")))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.Forbidden);
        using (
            var r = await Open311World.PostAsync(
                client,
                Open311World.Form(world.Plain, "wrong-key")
            )
        )
            await Open311World.AssertErrorAsync(r, HttpStatusCode.Forbidden);

        // An administrator issues a key: it works, is listed without the key, then revoked → 403.
        using var admin = await Accounts.AdministratorClientAsync(app);
        using var issued = await admin.PostAsJsonAsync(
            "/api/v1/open311/keys",
            new { clientName = "区政务服务 App" }
        );
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var json = await ResponseJson.ReadAsync(issued);
        var apiKey = json.GetProperty("apiKey").GetString()!;
        var keyId = json.GetProperty("key").GetProperty("id").GetGuid();
        Assert.True(json.GetProperty("key").GetProperty("active").GetBoolean());

        var number = await Open311World.FileAsync(client, Open311World.Form(world.Plain, apiKey));
        using var listed = await admin.GetAsync("/api/v1/open311/keys");
        var listBody = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(apiKey, listBody, StringComparison.Ordinal);
        var row = JsonDocument
            .Parse(listBody)
            .RootElement.EnumerateArray()
            .Single(k => k.GetProperty("id").GetGuid() == keyId);
        Assert.Equal(1, row.GetProperty("useCount").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("lastUsedAtUtc").ValueKind);

        using var revoke = await admin.PostAsync($"/api/v1/open311/keys/{keyId}/revoke", null);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await ResponseJson.ReadAsync(revoke)).GetProperty("active").GetBoolean());
        using (var r = await Open311World.PostAsync(client, Open311World.Form(world.Plain, apiKey)))
        {
            var errors = await Open311World.AssertErrorAsync(r, HttpStatusCode.Forbidden);
            Assert.Contains("api_key", errors[0], StringComparison.Ordinal);
        }

        // The filed request stays readable; its key audit row names the key.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var ticket = await db.Set<Ticket>().SingleAsync(t => t.Number == number);
        Assert.Equal(
            keyId,
            (await db.Set<Open311RequestInfo>().SingleAsync(i => i.TicketId == ticket.Id)).ApiKeyId
        );
        Assert.True(await db.Set<AuditEntry>().AnyAsync(a => a.Entity == nameof(Open311ApiKey)));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Key_administration_is_for_administrators_only(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        using (var r = await secretary.GetAsync("/api/v1/open311/keys"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (
            var r = await secretary.PostAsJsonAsync(
                "/api/v1/open311/keys",
                new { clientName = "x" }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using var anonymous = app.CreateClient();
        using (var r = await anonymous.GetAsync("/api/v1/open311/keys"))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        using var admin = await Accounts.AdministratorClientAsync(app);
        using var empty = await admin.PostAsJsonAsync(
            "/api/v1/open311/keys",
            new { clientName = " " }
        );
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotEmpty(
            ResponseJson.FieldErrors(await ResponseJson.ReadAsync(empty), "clientName")
        );
        using var unknown = await admin.PostAsync(
            $"/api/v1/open311/keys/{Guid.NewGuid()}/revoke",
            null
        );
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Descriptions_of_4000_characters_pass_and_4001_are_400(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();

        var ok = Open311World.Form(world.Plain);
        ok["description"] = "长" + new string('x', 3998) + "尾";
        var number = await Open311World.FileAsync(client, ok);
        using var read = await client.GetAsync($"/open311/v2/requests/{number}.json");
        Assert.Equal(
            4000,
            (await ResponseJson.ReadAsync(read))[0].GetProperty("description").GetString()!.Length
        );

        var tooLong = Open311World.Form(world.Plain);
        tooLong["description"] = new string('x', 4001);
        using var r = await Open311World.PostAsync(client, tooLong);
        var errors = await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);
        Assert.Contains("4000", errors[0], StringComparison.Ordinal);
        Assert.Contains("4001", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_input_is_answered_in_the_open311_error_format(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();

        async Task<string[]> PostExpecting(Dictionary<string, string> form, HttpStatusCode status)
        {
            using var r = await Open311World.PostAsync(client, form);
            return await Open311World.AssertErrorAsync(r, status);
        }

        var noCode = Open311World.Form(world.Plain);
        noCode.Remove("service_code");
        await PostExpecting(noCode, HttpStatusCode.BadRequest);
        await PostExpecting(Open311World.Form("no-such-service"), HttpStatusCode.NotFound);
        await PostExpecting(Open311World.Form($"{world.Dept}-old"), HttpStatusCode.NotFound);

        // A required attribute missing, a number that is not one, a value not in the list.
        var errors = await PostExpecting(
            Open311World.Form(world.WithAttributes),
            HttpStatusCode.BadRequest
        );
        Assert.Contains(errors, e => e.StartsWith("attribute[amount]", StringComparison.Ordinal));
        var badNumber = Open311World.Form(world.WithAttributes);
        badNumber["attribute[amount]"] = "一千";
        badNumber["attribute[kind]"] = "nonsense";
        errors = await PostExpecting(badNumber, HttpStatusCode.BadRequest);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("attribute[amount]", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("attribute[kind]", StringComparison.Ordinal));

        var noLocation = Open311World.Form(world.Plain);
        noLocation.Remove("address_string");
        await PostExpecting(noLocation, HttpStatusCode.BadRequest);
        var latOnly = Open311World.Form(world.Plain);
        latOnly["lat"] = "39.9";
        await PostExpecting(latOnly, HttpStatusCode.BadRequest);
        var badLat = Open311World.Form(world.Plain);
        badLat["lat"] = "north";
        badLat["long"] = "116.4";
        await PostExpecting(badLat, HttpStatusCode.BadRequest);
        var latLong = Open311World.Form(world.Plain);
        latLong.Remove("address_string");
        latLong["lat"] = "39.9";
        latLong["long"] = "116.4";
        await Open311World.FileAsync(client, latLong);
        var noDescription = Open311World.Form(world.Plain);
        noDescription.Remove("description");
        await PostExpecting(noDescription, HttpStatusCode.BadRequest);
        var badEmail = Open311World.Form(world.Plain);
        badEmail["email"] = "not an e-mail";
        errors = await PostExpecting(badEmail, HttpStatusCode.BadRequest);
        Assert.StartsWith("email", errors[0], StringComparison.Ordinal);
        var badMedia = Open311World.Form(world.Plain);
        badMedia["media_url"] = "javascript:alert(1)";
        await PostExpecting(badMedia, HttpStatusCode.BadRequest);

        // Not a form; a form that cannot be read; unknown resources and formats; a wrong method.
        using (
            var r = await client.PostAsJsonAsync(
                "/open311/v2/requests.json",
                new { api_key = Open311World.DemoKey }
            )
        )
            await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);
        using (
            var r = await client.PostAsync(
                "/open311/v2/requests.json",
                new StringContent("--x\r\nbroken", null, "multipart/form-data")
            )
        )
            await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);
        using (var r = await client.GetAsync("/open311/v2/services.xml"))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);
        using (var r = await client.GetAsync("/open311/v2/nothing.json"))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.NotFound);
        using (var r = await client.DeleteAsync("/open311/v2/requests.json"))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.NotFound);

        // English on request.
        using var english = new HttpRequestMessage(
            HttpMethod.Get,
            "/open311/v2/services/nope.json"
        );
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        using var en = await client.SendAsync(english);
        var enErrors = await Open311World.AssertErrorAsync(en, HttpStatusCode.NotFound);
        Assert.StartsWith("No service", enErrors[0], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_same_idempotency_key_files_one_ticket(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();
        var key = $"retry-{Guid.NewGuid():N}";
        var form = Open311World.Form(world.Plain);
        form["description"] = $"重试测试 {key}";

        string first;
        using (var r = await Open311World.PostAsync(client, form, key))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            first = (await ResponseJson.ReadAsync(r))[0]
                .GetProperty("service_request_id")
                .GetString()!;
        }
        var retries = await Task.WhenAll(
            Enumerable
                .Range(0, 4)
                .Select(async _ =>
                {
                    using var r = await Open311World.PostAsync(client, form, key);
                    Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                    return (await ResponseJson.ReadAsync(r))[0]
                        .GetProperty("service_request_id")
                        .GetString();
                })
        );
        Assert.All(retries, n => Assert.Equal(first, n));

        // Another key: another ticket. A key too long: 400.
        var other = await Open311World.FileAsync(client, form);
        Assert.NotEqual(first, other);
        using (var r = await Open311World.PostAsync(client, form, new string('k', 65)))
            await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var description = form["description"];
        Assert.Equal(2, await db.Set<Ticket>().CountAsync(t => t.Description == description));
        var firstId = await db.Set<Ticket>()
            .Where(t => t.Number == first)
            .Select(t => t.Id)
            .SingleAsync();
        Assert.Equal(1, await db.Set<Open311RequestInfo>().CountAsync(i => i.TicketId == firstId));
    }
}
