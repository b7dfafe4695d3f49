using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET requests.json (service_request_id, service_code, start_date, end_date, status; 90-day window) and the detail
/// of GET requests/{id}.json: status notes in both languages, notes[] with public steps only.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class Open311RequestsTests(AppFixture fixture)
{
    private static string W3c(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<List<string>> IdsAsync(HttpClient client, string query)
    {
        using var r = await client.GetAsync("/open311/v2/requests.json?" + query);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body);
        return
        [
            .. JsonDocument
                .Parse(body)
                .RootElement.EnumerateArray()
                .Select(e => e.GetProperty("service_request_id").GetString()!),
        ];
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Requests_are_filtered_by_dates_service_and_status(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();
        var recent = await Open311World.FileAsync(client, Open311World.Form(world.Plain));
        var older = await Open311World.FileAsync(client, Open311World.Form(world.Plain));
        var ancient = await Open311World.FileAsync(client, Open311World.Form(world.Plain));
        var otherForm = Open311World.Form(world.WithAttributes);
        otherForm["attribute[amount]"] = "1";
        var other = await Open311World.FileAsync(client, otherForm);
        var now = DateTime.UtcNow;
        await Open311World.UpdateTicketAsync(
            app,
            older,
            (t, _) =>
            {
                t.FiledAtUtc = now.AddDays(-40);
                t.Status = TicketStatus.Closed;
                t.ClosedAtUtc = now.AddDays(-30);
            }
        );
        await Open311World.UpdateTicketAsync(
            app,
            ancient,
            (t, _) => t.FiledAtUtc = now.AddDays(-200)
        );
        var code = $"service_code={world.Plain}";

        // Default window: the most recent 90 days, newest first.
        Assert.Equal([recent, older], await IdsAsync(client, code));
        Assert.Equal(
            [other, recent, older],
            await IdsAsync(client, $"service_code={world.Plain},{world.WithAttributes}")
        );
        Assert.Equal([older], await IdsAsync(client, code + "&status=closed"));
        Assert.Equal([recent], await IdsAsync(client, code + "&status=open"));
        Assert.Equal([recent, older], await IdsAsync(client, code + "&status=open,closed"));
        Assert.Equal(
            [older],
            await IdsAsync(
                client,
                $"{code}&start_date={W3c(now.AddDays(-45))}&end_date={W3c(now.AddDays(-35))}"
            )
        );
        // With an offset (+08:00 must be escaped in a query string) and bare dates.
        var from =
            now.AddDays(-210)
                .AddHours(8)
                .ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "%2B08:00";
        Assert.Equal([ancient], await IdsAsync(client, $"{code}&start_date={from}"));
        var day = DateOnly.FromDateTime(now.AddDays(-200).AddHours(8));
        Assert.Equal(
            [ancient],
            await IdsAsync(
                client,
                $"{code}&start_date={day.AddDays(-1):yyyy-MM-dd}&end_date={day.AddDays(1):yyyy-MM-dd}"
            )
        );
        // Only end_date: the 90 days before it.
        Assert.Equal(
            [ancient],
            await IdsAsync(client, $"{code}&end_date={W3c(now.AddDays(-150))}")
        );
        // service_request_id overrides every other argument.
        Assert.Equal(
            [recent, ancient],
            await IdsAsync(client, $"service_request_id={ancient},{recent}&status=closed&{code}")
        );
        Assert.DoesNotContain(other, await IdsAsync(client, code));

        // Errors: malformed dates, a time without a zone, wrong order, a span beyond 90 days, an unknown status.
        foreach (
            var bad in new[]
            {
                "start_date=yesterday",
                "end_date=2026-11-01T00:00:00",
                $"start_date={W3c(now)}&end_date={W3c(now.AddDays(-1))}",
                $"start_date={W3c(now.AddDays(-100))}&end_date={W3c(now)}",
                "status=pending",
            }
        )
        {
            using var r = await client.GetAsync("/open311/v2/requests.json?" + bad);
            await Open311World.AssertErrorAsync(r, HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_request_shows_its_state_in_words_and_only_public_notes(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var world = await Open311World.CreateAsync(app);
        using var client = app.CreateClient();
        var number = await Open311World.FileAsync(client, Open311World.Form(world.Plain));
        var now = DateTime.UtcNow;
        await Open311World.UpdateTicketAsync(
            app,
            number,
            (t, db) =>
            {
                t.Status = TicketStatus.AwaitingDocuments;
                t.UpdatedAtUtc = now.AddMinutes(3);
                db.AddRange(
                    new TicketEvent
                    {
                        Id = Guid.NewGuid(),
                        TicketId = t.Id,
                        AtUtc = now.AddMinutes(1),
                        Kind = "Signed",
                        StatusAfter = TicketStatus.InProgress,
                        ActorName = "税务干部",
                    },
                    new TicketEvent
                    {
                        Id = Guid.NewGuid(),
                        TicketId = t.Id,
                        AtUtc = now.AddMinutes(2),
                        Kind = "Note",
                        Note = "内部：该企业去年有欠税记录",
                        Public = false,
                    },
                    new TicketEvent
                    {
                        Id = Guid.NewGuid(),
                        TicketId = t.Id,
                        AtUtc = now.AddMinutes(3),
                        Kind = "DocumentsRequested",
                        StatusAfter = TicketStatus.AwaitingDocuments,
                        Note = "请补充研发项目立项书",
                    }
                );
            }
        );

        using var r = await client.GetAsync($"/open311/v2/requests/{number}.json");
        var body = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain("欠税", body, StringComparison.Ordinal);
        var req = JsonDocument.Parse(body).RootElement[0];
        Assert.Equal("open", req.GetProperty("status").GetString());
        Assert.Contains("待补充材料", req.GetProperty("status_notes").GetString());
        Assert.Equal(JsonValueKind.Null, req.GetProperty("expected_datetime").ValueKind);
        var notes = req.GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal(
            ["filed", "signed", "documents_requested"],
            notes.Select(n => n.GetProperty("type").GetString())
        );
        Assert.Equal("请补充研发项目立项书", notes[2].GetProperty("description").GetString());
        Assert.All(
            notes,
            n =>
                Assert.Matches(
                    @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$",
                    n.GetProperty("datetime").GetString()
                )
        );

        using var english = new HttpRequestMessage(
            HttpMethod.Get,
            $"/open311/v2/requests/{number}.json"
        );
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en-US"));
        using var en = await client.SendAsync(english);
        var enReq = (await ResponseJson.ReadAsync(en))[0];
        Assert.StartsWith(
            "Waiting for documents",
            enReq.GetProperty("status_notes").GetString(),
            StringComparison.Ordinal
        );
        Assert.Equal("Policy questions", enReq.GetProperty("service_name").GetString());

        await Open311World.UpdateTicketAsync(
            app,
            number,
            (t, _) =>
            {
                t.Status = TicketStatus.Closed;
                t.Reply = "已按规定享受加计扣除。";
            }
        );
        using var closed = await client.GetAsync($"/open311/v2/requests/{number}.json");
        var c = (await ResponseJson.ReadAsync(closed))[0];
        Assert.Equal("closed", c.GetProperty("status").GetString());
        Assert.Contains("已按规定享受加计扣除", c.GetProperty("status_notes").GetString());
        Assert.Contains(
            number,
            await IdsAsync(client, $"service_code={world.Plain}&status=closed")
        );
    }
}
