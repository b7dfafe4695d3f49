using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>POST /api/v1/dues/calculate (api.md "Party affairs"): the contract's example, errors in both languages.</summary>
[Collection(AppCollection.Name)]
public sealed class DuesCalculatorApiTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_calculator_answers_the_contract_example(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var member = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "member")
        );
        using var r = await member.PostAsJsonAsync(
            "/api/v1/dues/calculate",
            new { category = "Employed", monthlyBaseFen = 650000 }
        );
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var body = await ResponseJson.ReadAsync(r);
        Assert.Equal(9750, body.GetProperty("monthlyDuesFen").GetInt64());
        Assert.Equal(0.015m, body.GetProperty("rate").GetDecimal());
        Assert.Equal("5000<base≤10000", body.GetProperty("bracket").GetString());
        Assert.Equal("中组发〔2008〕3号 第二条", body.GetProperty("rule").GetString());

        using var student = await member.PostAsJsonAsync(
            "/api/v1/dues/calculate",
            new { category = "Student" }
        );
        var s = await ResponseJson.ReadAsync(student);
        Assert.Equal(20, s.GetProperty("monthlyDuesFen").GetInt64());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("rate").ValueKind);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_input_is_a_400_naming_the_field_in_the_callers_language(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var member = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "member")
        );
        member.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        using var r = await member.PostAsJsonAsync(
            "/api/v1/dues/calculate",
            new { category = "Employed", monthlyBaseFen = -1 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var body = await ResponseJson.ReadAsync(r);
        Assert.Equal(
            "The monthly base cannot be negative",
            body.GetProperty("errors").GetProperty("monthlyBaseFen")[0].GetString()
        );

        member.DefaultRequestHeaders.AcceptLanguage.Clear();
        member.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        using var unknown = await member.PostAsJsonAsync(
            "/api/v1/dues/calculate",
            new { category = "Pensioner", monthlyBaseFen = 1 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var u = await ResponseJson.ReadAsync(unknown);
        Assert.StartsWith(
            "未知的党费计算类别",
            u.GetProperty("errors").GetProperty("category")[0].GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Anonymous_callers_get_401(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();
        using var r = await client.PostAsJsonAsync(
            "/api/v1/dues/calculate",
            new { category = "Employed", monthlyBaseFen = 1 }
        );
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }
}
