using System.Net;
using System.Net.Http.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The holiday calendar table (/api/v1/holidays): seeded with the 2025 and 2026 official arrangements, read by anyone
/// signed in, changed (PUT a day, DELETE a day, import a year) only by an administrator or a committee secretary;
/// the cached working calendar is dropped on every change. Mutations use far years so other tests are unaffected.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HolidaysApiTests(AppFixture fixture)
{
    private async Task<HttpClient> DemoAsync(string provider, string user) =>
        Accounts.ClientWithToken(
            await fixture.AppAsync(provider),
            await fixture.DemoTokenAsync(provider, user)
        );

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_official_arrangements_are_seeded_and_anyone_signed_in_reads_them(
        string provider
    )
    {
        using var member = await DemoAsync(provider, "member");
        var y2025 = await ResponseJson.ReadAsync(
            await member.GetAsync("/api/v1/holidays?year=2025")
        );
        Assert.Equal(248, y2025.GetProperty("workingDays").GetInt32());
        Assert.Equal(28, y2025.GetProperty("holidays").GetInt32());
        Assert.Equal(5, y2025.GetProperty("adjustedWorkingDays").GetInt32());
        var days = y2025.GetProperty("days").EnumerateArray().ToList();
        var oct8 = days.Single(d => d.GetProperty("date").GetString() == "2025-10-08");
        Assert.Equal("Holiday", oct8.GetProperty("kind").GetString());
        Assert.Equal("国庆节、中秋节", oct8.GetProperty("name").GetString());
        Assert.Equal("国办发明电〔2024〕12号", oct8.GetProperty("source").GetString());
        var sep28 = days.Single(d => d.GetProperty("date").GetString() == "2025-09-28");
        Assert.Equal("WorkingDay", sep28.GetProperty("kind").GetString());

        var y2026 = await ResponseJson.ReadAsync(
            await member.GetAsync("/api/v1/holidays?year=2026")
        );
        Assert.Equal(248, y2026.GetProperty("workingDays").GetInt32());
        Assert.Equal(6, y2026.GetProperty("adjustedWorkingDays").GetInt32());

        using var bad = await member.GetAsync("/api/v1/holidays?year=1800");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var app = await fixture.AppAsync(provider);
        using var anonymous = app.CreateClient();
        using var anon = await anonymous.GetAsync("/api/v1/holidays?year=2025");
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Only_an_administrator_or_committee_secretary_changes_a_day_and_the_cache_follows(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        var calendar = app.Services.GetRequiredService<HolidayCalendar>();
        var day = new DateOnly(2031, 3, 5); // a Wednesday
        Assert.True((await calendar.GetAsync(CancellationToken.None)).IsWorkingDay(day));

        var body = new { kind = "Holiday", name = "测试假日" };
        foreach (var user in new[] { "worker", "branch", "member", "enterprise", "tax" })
        {
            using var c = await DemoAsync(provider, user);
            using var r = await c.PutAsJsonAsync("/api/v1/holidays/2031-03-05", body);
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
            using var d = await c.DeleteAsync("/api/v1/holidays/2025-10-01");
            Assert.Equal(HttpStatusCode.Forbidden, d.StatusCode);
            using var i = await c.PostAsJsonAsync(
                "/api/v1/holidays/import",
                new { year = 2031, days = Array.Empty<object>() }
            );
            Assert.Equal(HttpStatusCode.Forbidden, i.StatusCode);
        }
        using (var anonymous = app.CreateClient())
        using (var r = await anonymous.PutAsJsonAsync("/api/v1/holidays/2031-03-05", body))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);

        using var secretary = await DemoAsync(provider, "secretary");
        using (var r = await secretary.PutAsJsonAsync("/api/v1/holidays/2031-03-05", body))
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(
                "Wednesday",
                (await ResponseJson.ReadAsync(r)).GetProperty("dayOfWeek").GetString()
            );
        }
        Assert.False((await calendar.GetAsync(CancellationToken.None)).IsWorkingDay(day));

        // An adjusted working day must be a weekend day; a bad date and an unknown kind are field errors.
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/holidays/2031-03-06",
                new { kind = "WorkingDay" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True(
                (await ResponseJson.ReadAsync(r))
                    .GetProperty("errors")
                    .TryGetProperty("kind", out _)
            );
        }
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/holidays/2031-02-30",
                new { kind = "Holiday" }
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        using (
            var r = await secretary.PutAsJsonAsync(
                "/api/v1/holidays/2031-03-08",
                new { kind = "Sometimes" }
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);

        using var admin = await Accounts.AdministratorClientAsync(app);
        using (
            var r = await admin.PutAsJsonAsync(
                "/api/v1/holidays/2031-03-08",
                new { kind = "WorkingDay" }
            )
        )
            Assert.Equal(HttpStatusCode.OK, r.StatusCode); // a Saturday, worked
        Assert.True(
            (await calendar.GetAsync(CancellationToken.None)).IsWorkingDay(new(2031, 3, 8))
        );
        using (var r = await admin.DeleteAsync("/api/v1/holidays/2031-03-05"))
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.True((await calendar.GetAsync(CancellationToken.None)).IsWorkingDay(day));
        using (var r = await admin.DeleteAsync("/api/v1/holidays/2031-03-05"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await admin.DeleteAsync("/api/v1/holidays/2031-03-08"))
            Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_years_list_is_imported_all_or_nothing_and_replaces_the_year(string provider)
    {
        using var secretary = await DemoAsync(provider, "secretary");
        object Day(string date, string kind, string name = "国庆节") =>
            new
            {
                date,
                kind,
                name,
            };

        // A bad row (a weekday marked worked, a day outside the year, a duplicate): 400, nothing written.
        using (
            var r = await secretary.PostAsJsonAsync(
                "/api/v1/holidays/import",
                new
                {
                    year = 2032,
                    days = new[]
                    {
                        Day("2032-10-01", "Holiday"),
                        Day("2032-10-06", "WorkingDay"),
                        Day("2033-01-01", "Holiday"),
                        Day("2032-10-01", "Holiday"),
                    },
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            var errors = (await ResponseJson.ReadAsync(r)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("days[1].kind", out _));
            Assert.True(errors.TryGetProperty("days[2].date", out _));
            Assert.True(errors.TryGetProperty("days[3].date", out _));
        }
        var empty = await ResponseJson.ReadAsync(
            await secretary.GetAsync("/api/v1/holidays?year=2032")
        );
        Assert.Equal(0, empty.GetProperty("days").GetArrayLength());

        var week = Enumerable
            .Range(1, 7)
            .Select(d => Day($"2032-10-{d:00}", "Holiday"))
            .Append(Day("2032-10-09", "WorkingDay"))
            .ToArray();
        using (
            var r = await secretary.PostAsJsonAsync(
                "/api/v1/holidays/import",
                new { year = 2032, days = week }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var y = await ResponseJson.ReadAsync(r);
            Assert.Equal(8, y.GetProperty("days").GetArrayLength());
            Assert.Equal(1, y.GetProperty("adjustedWorkingDays").GetInt32());
        }
        using (
            var r = await secretary.PostAsJsonAsync(
                "/api/v1/holidays/import",
                new { year = 2032, days = new[] { Day("2032-01-01", "Holiday", "元旦") } }
            )
        )
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var y = await ResponseJson.ReadAsync(r);
            Assert.Equal(
                "2032-01-01",
                Assert
                    .Single(y.GetProperty("days").EnumerateArray().ToList())
                    .GetProperty("date")
                    .GetString()
            );
        }
    }
}
