using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET /api/v1/stats/overview and /growth over the deterministic demo scenario (demo-scenario.md): the figures at
/// 2009-12-31 and 2021-08-21 are exact, and bad input is a localised 400.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StatsOverviewTests(AppFixture fixture)
{
    private async Task<HttpClient> SecretaryAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        return Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, "secretary"));
    }

    private static void AssertFigures(
        JsonElement row,
        string asOf,
        int buildings,
        int enterprises,
        int branches,
        int members,
        int partyWorkers
    )
    {
        Assert.Equal(asOf, row.GetProperty("asOf").GetString());
        Assert.Equal(buildings, row.GetProperty("buildings").GetInt32());
        Assert.Equal(enterprises, row.GetProperty("enterprises").GetInt32());
        Assert.Equal(branches, row.GetProperty("branches").GetInt32());
        Assert.Equal(members, row.GetProperty("members").GetInt32());
        Assert.Equal(partyWorkers, row.GetProperty("partyWorkers").GetInt32());
        Assert.Equal(
            members,
            row.GetProperty("fullMembers").GetInt32()
                + row.GetProperty("probationaryMembers").GetInt32()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Overview_at_the_end_of_2009_is_the_first_building(string provider)
    {
        using var client = await SecretaryAsync(provider);

        using var response = await client.GetAsync("/api/v1/stats/overview?asOf=2009-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertFigures(await ResponseJson.ReadAsync(response), "2009-12-31", 1, 162, 1, 32, 1);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Overview_at_2021_08_21_matches_the_report(string provider)
    {
        using var client = await SecretaryAsync(provider);

        using var response = await client.GetAsync("/api/v1/stats/overview?asOf=2021-08-21");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await ResponseJson.ReadAsync(response);
        AssertFigures(row, "2021-08-21", 14, 1314, 47, 432, 17);
        var organizationRate = row.GetProperty("organizationCoverageRate").GetDouble();
        var workRate = row.GetProperty("workCoverageRate").GetDouble();
        Assert.InRange(organizationRate, 0.0, 1.0);
        Assert.InRange(workRate, organizationRate, 1.0);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Growth_has_one_row_per_year_end_from_2009(string provider)
    {
        using var client = await SecretaryAsync(provider);

        using var response = await client.GetAsync("/api/v1/stats/growth?from=2009&to=2021");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await ResponseJson.ReadAsync(response)).EnumerateArray().ToList();
        Assert.Equal(13, rows.Count);
        AssertFigures(rows[0], "2009-12-31", 1, 162, 1, 32, 1);
        for (var i = 0; i < rows.Count; i++)
            Assert.Equal($"{2009 + i}-12-31", rows[i].GetProperty("asOf").GetString());
        var buildings = rows.Select(r => r.GetProperty("buildings").GetInt32()).ToList();
        for (var i = 1; i < buildings.Count; i++)
            Assert.True(
                buildings[i] >= buildings[i - 1],
                $"buildings fell from {buildings[i - 1]} to {buildings[i]} in {2009 + i}"
            );
        Assert.True(buildings[^1] >= 14, $"2021 year end has {buildings[^1]} buildings");
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_invalid_date_is_a_400_in_chinese_by_default(string provider)
    {
        using var client = await SecretaryAsync(provider);

        using var response = await client.GetAsync("/api/v1/stats/overview?asOf=2021-13-45");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal(["日期格式应为 YYYY-MM-DD。"], ResponseJson.FieldErrors(problem, "asOf"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_invalid_date_is_a_400_in_english_when_asked(string provider)
    {
        using var client = await SecretaryAsync(provider);
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            "/api/v1/stats/overview?asOf=21-8-2021"
        );
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal(
            ["A date is expected as YYYY-MM-DD."],
            ResponseJson.FieldErrors(problem, "asOf")
        );
        Assert.Equal("The request has invalid fields", problem.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_future_date_is_a_400(string provider)
    {
        using var client = await SecretaryAsync(provider);
        var future = DateTime
            .UtcNow.AddDays(3)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await client.GetAsync($"/api/v1/stats/overview?asOf={future}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal(["日期不能晚于今天。"], ResponseJson.FieldErrors(problem, "asOf"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_unknown_building_is_a_404(string provider)
    {
        using var client = await SecretaryAsync(provider);

        using var response = await client.GetAsync(
            $"/api/v1/stats/overview?asOf=2021-08-21&buildingId={Guid.NewGuid()}"
        );

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
