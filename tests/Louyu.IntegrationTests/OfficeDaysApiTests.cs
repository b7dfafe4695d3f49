using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>/api/v1/office-days (+ sign-ups): validation, capacity under concurrent sign-ups, who sees the questions.</summary>
[Collection(AppCollection.Name)]
public sealed class OfficeDaysApiTests(AppFixture fixture)
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

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Eight_concurrent_sign_ups_for_the_last_place_take_it_once(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var firms = (
            await PoliciesApiTests.DistrictAsync(
                app,
                secretary,
                [
                    .. Enumerable
                        .Range(0, 10)
                        .Select(_ => ("L", (DateOnly?)null, (EnterpriseSize?)null, (string?)null)),
                ]
            )
        ).Firms;
        Guid building;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            building = await db
                .Enterprises.Where(e => e.Id == firms[0].Id)
                .Select(e => e.BuildingId)
                .SingleAsync();
        }
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(7);

        using var bad = await secretary.PostAsJsonAsync(
            "/api/v1/office-days",
            new
            {
                departmentName = "",
                buildingId = building,
                date = "2020-01-01",
                place = "",
                capacity = 0,
            }
        );
        var errors = (await OkAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "departmentName", "date", "place", "capacity" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        // The snapshot of buildings may not know the new building yet: re-matching reads it.
        using (var rematch = await secretary.PostAsync("/api/v1/policies/rematch", null))
            await OkAsync(rematch, HttpStatusCode.OK);
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/office-days",
            new
            {
                departmentName = "区税务局",
                buildingId = building,
                date = date.ToString("yyyy-MM-dd"),
                startsAt = "09:30:00",
                endsAt = "11:30:00",
                place = "一层党群服务中心",
                topic = "研发费用加计扣除政策解读",
                capacity = 3,
            }
        );
        var day = await OkAsync(created, HttpStatusCode.Created);
        var id = day.GetProperty("id").GetGuid();
        var uri = $"/api/v1/office-days/{id}/sign-ups";
        for (var i = 0; i < 2; i++)
        {
            using var r = await secretary.PostAsJsonAsync(
                uri,
                new { enterpriseId = firms[i].Id, question = $"问题 {i}" }
            );
            await OkAsync(r, HttpStatusCode.Created);
        }
        using (var again = await secretary.PostAsJsonAsync(uri, new { enterpriseId = firms[0].Id }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var results = await Task.WhenAll(
            firms
                .Skip(2)
                .Take(8)
                .Select(async f =>
                {
                    using var r = await secretary.PostAsJsonAsync(
                        uri,
                        new { enterpriseId = f.Id, question = "最后一个名额" }
                    );
                    return r.StatusCode;
                })
        );
        Assert.Equal(1, results.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, results.Count(s => s == HttpStatusCode.Conflict));

        using var get = await secretary.GetAsync($"/api/v1/office-days/{id}");
        var detail = await OkAsync(get, HttpStatusCode.OK);
        Assert.Equal(3, detail.GetProperty("signedUp").GetInt32());
        Assert.Equal(3, detail.GetProperty("signUps").GetArrayLength());
        Assert.Contains(
            detail.GetProperty("signUps").EnumerateArray(),
            s => s.GetProperty("question").GetString() == "问题 0"
        );
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            Assert.Equal(3, await db.Set<OfficeDaySignUp>().CountAsync(s => s.OfficeDayId == id));
        }

        // A contact of another enterprise sees the day but not the others' questions.
        using var contact = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "enterprise")
        );
        using var seen = await contact.GetAsync($"/api/v1/office-days/{id}");
        Assert.Equal(
            0,
            (await OkAsync(seen, HttpStatusCode.OK)).GetProperty("signUps").GetArrayLength()
        );
        using (
            var denied = await contact.PostAsJsonAsync(
                "/api/v1/office-days",
                new { departmentName = "x" }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using (var full = await contact.PostAsJsonAsync(uri, new { question = "还有名额吗" }))
            Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
    }
}
