using System.Diagnostics;
using System.Globalization;
using Louyu.Web.Modules.PartyAffairs.Domain;

namespace Louyu.Bench;

/// <summary>
/// <c>dues-ledger</c>: generates a month's dues ledger for every full and probationary member of the district
/// (issue 4 target: 400,000 members ≤ 60 s) through POST /api/v1/dues/ledger/{month}/generate as the committee
/// secretary — the one INSERT … SELECT of <c>DuesLedgerGenerator</c>. Setup (not timed against the target): this
/// year's assessment for every current member, written set-based from the members and their current spell (the
/// base left out: the benchmark measures the ledger, not the encryption). Then the same call again (idempotent:
/// nothing inserted), and the district's report by building for the month.
/// </summary>
public static class DuesLedgerBench
{
    public static async Task RunAsync(string provider, string cs)
    {
        await using var s = await BenchSession.StartAsync(provider, cs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var month = DuesMonth.Of(today);
        var year = today.Year;
        var key = DuesMonth.Format(month);

        await Exec(s, """DELETE FROM "DuesLedger" WHERE "Month" = @m""", ("@m", month));
        await Exec(s, """DELETE FROM "DuesAssessments" WHERE "Year" = @y""", ("@y", year));
        var setup = Stopwatch.StartNew();
        var assessed = await Exec(
            s,
            """
            INSERT INTO "DuesAssessments" ("Id", "MemberId", "MemberName", "OrganizationId", "BuildingId", "Year",
                "Category", "BaseCipher", "AssessedFen", "RatePermille", "Bracket", "Rule", "MonthlyFen", "Hardship",
                "FirstMonth", "AssessedAtUtc", "Version")
            SELECT m."Id", m."Id", m."Name", sp."OrganizationId", o."BuildingId", @y, 'Employed', NULL, 9750, 15,
                '5000<base≤10000', '中组发〔2008〕3号 第二条', 9750, 'None', @first, @now, 1
            FROM "Members" m
            JOIN "MemberSpells" sp ON sp."MemberId" = m."Id" AND sp."ToDate" IS NULL
            JOIN "PartyOrganizations" o ON o."Id" = sp."OrganizationId"
            WHERE m."Status" IN ('Full', 'Probationary')
            ON CONFLICT ("Id") DO NOTHING
            """,
            ("@y", year),
            ("@first", DuesMonth.Of(year, 1)),
            (
                "@now",
                s.IsSqlite
                    ? DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                    : DateTime.UtcNow
            )
        );
        Console.WriteLine(
            $"{provider}: {assessed:N0} assessments for {year} written in {setup.Elapsed.TotalSeconds:N1} s (setup)"
        );

        var first = Stopwatch.StartNew();
        var generated = await PostAsync(s, $"/api/v1/dues/ledger/{key}/generate");
        var firstSeconds = first.Elapsed.TotalSeconds;
        var again = Stopwatch.StartNew();
        var regenerated = await PostAsync(s, $"/api/v1/dues/ledger/{key}/generate");
        var againSeconds = again.Elapsed.TotalSeconds;
        var report = Stopwatch.StartNew();
        var byBuilding = await s.GetJsonAsync($"/api/v1/dues/reports?by=building&month={key}");
        var reportSeconds = report.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"| {provider} | rows | time | target |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(
            $"| generate {key} for the district (POST /api/v1/dues/ledger/{{month}}/generate) | {generated.GetProperty("created").GetInt32():N0} | {firstSeconds:N1} s | ≤ 60 s {(firstSeconds <= 60 ? "✓" : "✗")} |"
        );
        Console.WriteLine(
            $"| the same again (idempotent) | {regenerated.GetProperty("created").GetInt32():N0} inserted, {regenerated.GetProperty("total").GetInt32():N0} kept | {againSeconds:N1} s | |"
        );
        Console.WriteLine(
            $"| report by building for the month (GET /api/v1/dues/reports?by=building) | {byBuilding.GetProperty("items").GetArrayLength():N0} buildings | {reportSeconds:N1} s | |"
        );
    }

    private static async Task<int> Exec(
        BenchSession s,
        string sql,
        params (string Name, object? Value)[] args
    )
    {
        await using var cmd = s.Command(sql, args);
        cmd.CommandTimeout = 600;
        return await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(BenchSession s, string url)
    {
        var r = await s.Http.PostAsync(url, null);
        var body = await r.Content.ReadAsStringAsync();
        if (!r.IsSuccessStatusCode)
            throw new InvalidOperationException($"{url}: {(int)r.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }
}
