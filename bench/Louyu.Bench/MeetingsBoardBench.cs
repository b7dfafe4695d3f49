using System.Diagnostics;

namespace Louyu.Bench;

/// <summary>
/// <c>board</c>: GET /api/v1/compliance/board for the district (every branch and joint branch) and for the largest
/// building, as the committee secretary. Before measuring, fills the per-branch summary (MeetingCompliance) with
/// one row per branch in set-based SQL (a mix of held months, so all three colours appear), unless it is filled.
/// </summary>
public static class MeetingsBoardBench
{
    public static async Task RunAsync(string provider, string cs, int n)
    {
        await using var s = await BenchSession.StartAsync(provider, cs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var anchor = today.Year * 12 + today.Month - 1;
        var rows = Convert.ToInt64(
            await s.ScalarAsync("""SELECT COUNT(*) FROM "MeetingCompliance" """)
        );
        if (rows == 0)
        {
            var sw = Stopwatch.StartNew();
            // All 64 months held (-1) for most; every 7th misses a month 3 back (red); every 5th misses this month (amber).
            await using var cmd = s.Command(
                """
                INSERT INTO "MeetingCompliance" ("OrganizationId", "AnchorMonth", "BranchAssembly", "BranchCommittee",
                  "GroupMeeting", "PartyLecture", "ThemedPartyDay", "OrganizationalLife", "DemocraticEvaluation", "UpdatedAtUtc")
                SELECT o."Id", @a, -1,
                  CASE WHEN (ROW_NUMBER() OVER (ORDER BY o."Id")) % 7 = 0 THEN -9
                       WHEN (ROW_NUMBER() OVER (ORDER BY o."Id")) % 5 = 0 THEN -2 ELSE -1 END,
                  -1, -1, -1, -1, -1, @t
                FROM "PartyOrganizations" o WHERE o."Type" IN ('Branch', 'JointBranch') AND o."DissolvedOn" IS NULL
                """,
                ("@a", anchor),
                ("@t", DateTime.UtcNow)
            );
            var inserted = await cmd.ExecuteNonQueryAsync();
            Console.WriteLine(
                $"summary rows written: {inserted:N0} in {sw.Elapsed.TotalSeconds:F1} s"
            );
        }
        var big = await s.GuidAsync(
            """
            SELECT "BuildingId" FROM "PartyOrganizations" WHERE "Type" IN ('Branch', 'JointBranch')
            GROUP BY "BuildingId" ORDER BY COUNT(*) DESC, "BuildingId" LIMIT 1
            """
        );
        var first = await s.GetJsonAsync("/api/v1/compliance/board");
        var totals = first.GetProperty("totals");
        Console.WriteLine(
            $"district board: {totals.GetProperty("total").GetInt32():N0} branches — green {totals.GetProperty("green").GetInt32():N0}, "
                + $"amber {totals.GetProperty("amber").GetInt32():N0}, red {totals.GetProperty("red").GetInt32():N0}; "
                + $"{first.GetProperty("buildings").GetArrayLength()} buildings"
        );
        Console.WriteLine(
            $"\n## compliance board ({provider}), {n} requests each\n| scenario | median | p95 | target p95 |\n|---|---|---|---|"
        );
        var district = await BenchSession.Measure(
            n,
            () => s.GetJsonAsync("/api/v1/compliance/board")
        );
        Console.WriteLine(
            $"| district board | {district.Median:F1} ms | {district.P95:F1} ms | ≤ 100 ms |"
        );
        var building = await BenchSession.Measure(
            n,
            () => s.GetJsonAsync($"/api/v1/compliance/board?buildingId={big}")
        );
        Console.WriteLine(
            $"| largest building with its branches | {building.Median:F1} ms | {building.P95:F1} ms | ≤ 100 ms |"
        );
    }
}
