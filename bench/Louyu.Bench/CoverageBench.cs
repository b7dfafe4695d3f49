using System.Diagnostics;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

/// <summary>
/// <c>coverage</c>: GET /api/v1/coverage (one building, the district, a deep to-do page), /api/v1/coverage/buildings
/// and /api/v1/organizations/checks as the committee secretary, each against the same answer written by hand in
/// SQL (<see cref="RawCoverageSql"/>).
/// </summary>
public static class CoverageBench
{
    public static async Task RunAsync(string provider, string cs, int n)
    {
        await using var s = await BenchSession.StartAsync(provider, cs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var big = await s.GuidAsync(
            """
            SELECT "BuildingId" FROM "Enterprises" WHERE "MovedOutOn" IS NULL OR "MovedOutOn" > @d
            GROUP BY "BuildingId" ORDER BY COUNT(*) DESC, "BuildingId" LIMIT 1
            """,
            ("@d", today)
        );
        // The building in the middle when buildings are ordered by their resident enterprises (the typical one).
        var median = await s.GuidAsync(
            """
            SELECT "BuildingId" FROM (
              SELECT "BuildingId", COUNT(*) AS n FROM "Enterprises" WHERE "MovedOutOn" IS NULL OR "MovedOutOn" > @d
              GROUP BY "BuildingId") t
            ORDER BY n, "BuildingId" LIMIT 1 OFFSET (SELECT COUNT(DISTINCT "BuildingId") FROM "Enterprises") / 2
            """,
            ("@d", today)
        );
        Console.WriteLine(
            $"largest building {big}, median building {median}, today {today:yyyy-MM-dd}"
        );

        // Full read: the store emptied before each call (anything may have changed); after a write: one enterprise
        // of the scenario's scope announced as changed before each call, as a committed write announces it (the
        // store re-reads that enterprise); unchanged: the store's rows as they are.
        var signal = s.App.Services.GetRequiredService<DataChangeSignal>();
        var written = await s.GuidAsync(
            """SELECT "Id" FROM "Enterprises" WHERE "BuildingId" = @b AND "MovedOutOn" IS NULL LIMIT 1""",
            ("@b", median)
        );
        void OneWrite() =>
            signal.Raise([
                new ChangedRow(
                    typeof(InstructorAssignment),
                    EntityState.Added,
                    new InstructorAssignment { Id = Guid.NewGuid(), EnterpriseId = written },
                    new Dictionary<string, object?>()
                ),
            ]);
        BenchSession.MaintainedHeader(provider, "coverage and checks (district scope)");
        async Task Scenario(string name, string url, Func<Task> raw, double target, int runs)
        {
            signal.Raise();
            var first = Stopwatch.StartNew();
            var body = await s.GetJsonAsync(url);
            var firstMs = first.Elapsed.TotalMilliseconds;
            var note =
                body.TryGetProperty("enterprises", out var e) ? $" ({e.GetInt32():N0} enterprises)"
                : body.TryGetProperty("total", out var t) ? $" ({t.GetInt32():N0} rows)"
                : "";
            var full = await BenchSession.Measure(
                Math.Max(3, runs / 4),
                async () =>
                {
                    signal.Raise();
                    await s.GetJsonAsync(url);
                },
                warmups: 0
            );
            var afterWrite = await BenchSession.Measure(
                runs,
                async () =>
                {
                    OneWrite();
                    await s.GetJsonAsync(url);
                }
            );
            var warm = await BenchSession.Measure(runs, () => s.GetJsonAsync(url));
            // LOUYU_BENCH_NORAW=1 skips the hand-written SQL (the district's takes seconds on SQLite).
            var rawTime =
                Environment.GetEnvironmentVariable("LOUYU_BENCH_NORAW") == "1"
                    ? new Timing(double.NaN, double.NaN)
                    : await BenchSession.Measure(Math.Max(3, runs / 4), raw);
            BenchSession.MaintainedRow(
                name + note,
                firstMs,
                full,
                afterWrite,
                warm,
                rawTime,
                target
            );
        }

        await Scenario(
            "coverage, largest building",
            $"/api/v1/coverage?buildingId={big}",
            () => RawCoverageSql.ReportAsync(s, today, big, 1),
            50,
            n
        );
        await Scenario(
            "coverage, median building",
            $"/api/v1/coverage?buildingId={median}",
            () => RawCoverageSql.ReportAsync(s, today, median, 1),
            50,
            n
        );
        await Scenario(
            "coverage, district",
            "/api/v1/coverage",
            () => RawCoverageSql.ReportAsync(s, today, null, 1),
            500,
            Math.Max(5, n / 4)
        );
        await Scenario(
            "coverage, district, uncovered to-do page 100",
            "/api/v1/coverage?todo=uncovered&page=100",
            () => RawCoverageSql.ReportAsync(s, today, null, 100),
            500,
            Math.Max(5, n / 4)
        );
        await Scenario(
            "coverage per building, page 1 (20)",
            "/api/v1/coverage/buildings",
            () => RawCoverageSql.BuildingsAsync(s, today, 1, 20),
            500,
            n
        );
        await Scenario(
            "coverage per building, page 10 of 200",
            "/api/v1/coverage/buildings?page=10&pageSize=200",
            () => RawCoverageSql.BuildingsAsync(s, today, 10, 200),
            500,
            Math.Max(5, n / 4)
        );
        if (Environment.GetEnvironmentVariable("LOUYU_BENCH_NOCHECKS") == "1")
            return;
        await Scenario(
            "organisation checks, page 1 (50)",
            "/api/v1/organizations/checks",
            () => RawCoverageSql.ChecksAsync(s, today, 1, 50),
            500,
            Math.Max(5, n / 4)
        );
    }
}

/// <summary>The coverage report, the per-building table and the organisation checks written by hand.</summary>
public static class RawCoverageSql
{
    /// <summary>The facts of each enterprise present on @d in a covered building (optionally one: @b).</summary>
    private static string Facts(bool oneBuilding) =>
        $"""
            WITH b AS (SELECT "Id", "Name" FROM "Buildings"
                       WHERE "CoveredFrom" <= @d AND ("CoveredUntil" IS NULL OR "CoveredUntil" > @d){(
                oneBuilding ? " AND \"Id\" = @b" : ""
            )}),
            e AS (SELECT e."Id", e."Name", e."BuildingId", b."Name" AS "BuildingName" FROM "Enterprises" e JOIN b ON b."Id" = e."BuildingId"
                  WHERE e."MovedInOn" <= @d AND (e."MovedOutOn" IS NULL OR e."MovedOutOn" > @d)),
            l AS (SELECT "OrganizationId", "EnterpriseId" FROM "OrganizationEnterprises"
                  WHERE "FromDate" <= @d AND ("ToDate" IS NULL OR "ToDate" > @d)),
            single AS (SELECT "OrganizationId" FROM l GROUP BY "OrganizationId" HAVING COUNT(*) = 1),
            lo AS (SELECT l."EnterpriseId",
                          MAX(CASE WHEN o."Type" IN ('Branch', 'GeneralBranch', 'Committee')
                                    AND l."OrganizationId" IN (SELECT "OrganizationId" FROM single) THEN 1 ELSE 0 END) AS own
                   FROM l JOIN "PartyOrganizations" o ON o."Id" = l."OrganizationId"
                   WHERE o."FoundedOn" <= @d AND (o."DissolvedOn" IS NULL OR o."DissolvedOn" > @d) AND o."Type" <> 'Group'
                   GROUP BY l."EnterpriseId"),
            ia AS (SELECT DISTINCT "EnterpriseId" FROM "InstructorAssignments"
                   WHERE "FromDate" <= @d AND ("ToDate" IS NULL OR "ToDate" > @d)),
            mc AS (SELECT m."EnterpriseId",
                          SUM(CASE WHEN m."JoinedOn" <= @d THEN 1 ELSE 0 END) AS members,
                          SUM(CASE WHEN m."FullMemberOn" <= @d THEN 1 ELSE 0 END) AS fullm
                   FROM "Members" m JOIN e ON e."Id" = m."EnterpriseId"
                   WHERE m."JoinedOn" <= @d OR m."FullMemberOn" <= @d
                   GROUP BY m."EnterpriseId"),
            f AS (SELECT e."Id", e."Name", e."BuildingId", e."BuildingName",
                         COALESCE(lo.own, 0) AS own,
                         CASE WHEN lo."EnterpriseId" IS NULL THEN 0 ELSE 1 END AS org,
                         CASE WHEN ia."EnterpriseId" IS NULL THEN 0 ELSE 1 END AS ins,
                         COALESCE(mc.members, 0) AS members, COALESCE(mc.fullm, 0) AS fullm
                  FROM e LEFT JOIN lo ON lo."EnterpriseId" = e."Id" LEFT JOIN ia ON ia."EnterpriseId" = e."Id"
                         LEFT JOIN mc ON mc."EnterpriseId" = e."Id")
            """;

    /// <summary>The groups of facts (counts) and one page of each of the three to-do lists: four statements.</summary>
    public static async Task ReportAsync(
        BenchSession s,
        DateOnly d,
        Guid? building,
        int uncoveredPage
    )
    {
        var facts = Facts(building is not null);
        (string, object?)[] args = building is null ? [("@d", d)] : [("@d", d), ("@b", building)];
        await s.ReadAllAsync(
            facts
                + """
                SELECT own, org, ins, CASE WHEN members > 0 THEN 1 ELSE 0 END AS hm, CASE WHEN fullm >= 3 THEN 1 ELSE 0 END AS f3,
                       COUNT(*)
                FROM f GROUP BY own, org, ins, CASE WHEN members > 0 THEN 1 ELSE 0 END, CASE WHEN fullm >= 3 THEN 1 ELSE 0 END
                """,
            args
        );
        foreach (
            var (predicate, page) in new[]
            {
                ("own = 0 AND fullm >= 3", 1),
                ("org = 0 AND members > 0", 1),
                ("org = 0 AND ins = 0", uncoveredPage),
            }
        )
            await s.ReadAllAsync(
                facts
                    + $"""
                    SELECT "Id", "Name", "BuildingId", "BuildingName", fullm, members FROM f WHERE {predicate}
                    ORDER BY "BuildingName", "Name", "Id" LIMIT 20 OFFSET {(page - 1) * 20}
                    """,
                args
            );
    }

    /// <summary>One page of covered buildings with their enterprises and the two rates' numerators.</summary>
    public static async Task BuildingsAsync(BenchSession s, DateOnly d, int page, int size)
    {
        await s.ScalarAsync(
            """SELECT COUNT(*) FROM "Buildings" WHERE "CoveredFrom" <= @d AND ("CoveredUntil" IS NULL OR "CoveredUntil" > @d)""",
            ("@d", d)
        );
        await s.ReadAllAsync(
            $"""
            WITH b AS (SELECT "Id", "Name", "CoveredFrom" FROM "Buildings"
                       WHERE "CoveredFrom" <= @d AND ("CoveredUntil" IS NULL OR "CoveredUntil" > @d)
                       ORDER BY "CoveredFrom", "Name", "Id" LIMIT {size} OFFSET {(page - 1)
                * size}),
            e AS (SELECT e."Id", e."BuildingId",
                         CASE WHEN EXISTS (SELECT 1 FROM "OrganizationEnterprises" l
                                           JOIN "PartyOrganizations" o ON o."Id" = l."OrganizationId"
                                           WHERE l."EnterpriseId" = e."Id" AND l."FromDate" <= @d AND (l."ToDate" IS NULL OR l."ToDate" > @d)
                                             AND o."FoundedOn" <= @d AND (o."DissolvedOn" IS NULL OR o."DissolvedOn" > @d)
                                             AND o."Type" <> 'Group') THEN 1 ELSE 0 END AS org,
                         CASE WHEN EXISTS (SELECT 1 FROM "InstructorAssignments" ia
                                           WHERE ia."EnterpriseId" = e."Id" AND ia."FromDate" <= @d
                                             AND (ia."ToDate" IS NULL OR ia."ToDate" > @d)) THEN 1 ELSE 0 END AS ins
                  FROM "Enterprises" e JOIN b ON b."Id" = e."BuildingId"
                  WHERE e."MovedInOn" <= @d AND (e."MovedOutOn" IS NULL OR e."MovedOutOn" > @d))
            SELECT b."Id", b."Name", COUNT(e."Id"), COALESCE(SUM(e.org), 0),
                   COALESCE(SUM(CASE WHEN e.org = 1 OR e.ins = 1 THEN 1 ELSE 0 END), 0)
            FROM b LEFT JOIN e ON e."BuildingId" = b."Id"
            GROUP BY b."Id", b."Name", b."CoveredFrom" ORDER BY b."CoveredFrom", b."Name", b."Id"
            """,
            ("@d", d)
        );
    }

    private const string ChecksFacts = """
        WITH o AS (SELECT "Id", "Name", "Type" FROM "PartyOrganizations" WHERE "DissolvedOn" IS NULL OR "DissolvedOn" > @d),
        mm AS (SELECT s."OrganizationId", COUNT(DISTINCT m."Id") AS members,
                      COUNT(DISTINCT CASE WHEN m."FullMemberOn" <= @d THEN m."Id" END) AS fullm
               FROM "MemberSpells" s JOIN "Members" m ON m."Id" = s."MemberId"
               WHERE s."FromDate" <= @d AND (s."ToDate" IS NULL OR s."ToDate" > @d) AND m."JoinedOn" <= @d
               GROUP BY s."OrganizationId"),
        ll AS (SELECT "OrganizationId", "EnterpriseId" FROM "OrganizationEnterprises" WHERE "ToDate" IS NULL OR "ToDate" > @d),
        owne AS (SELECT l."EnterpriseId" FROM "OrganizationEnterprises" l JOIN "PartyOrganizations" p ON p."Id" = l."OrganizationId"
                 WHERE l."FromDate" <= @d AND (l."ToDate" IS NULL OR l."ToDate" > @d)
                   AND (p."DissolvedOn" IS NULL OR p."DissolvedOn" > @d)
                   AND p."Type" IN ('Branch', 'GeneralBranch', 'Committee')
                   AND l."OrganizationId" IN (SELECT "OrganizationId" FROM "OrganizationEnterprises"
                                              WHERE "FromDate" <= @d AND ("ToDate" IS NULL OR "ToDate" > @d)
                                              GROUP BY "OrganizationId" HAVING COUNT(*) = 1)),
        fe AS (SELECT "EnterpriseId" FROM "Members" WHERE "EnterpriseId" IS NOT NULL AND "FullMemberOn" <= @d
               GROUP BY "EnterpriseId" HAVING COUNT(*) >= 3),
        le AS (SELECT ll."OrganizationId", COUNT(*) AS ents,
                      SUM(CASE WHEN ll."EnterpriseId" IN (SELECT "EnterpriseId" FROM fe)
                                AND ll."EnterpriseId" NOT IN (SELECT "EnterpriseId" FROM owne) THEN 1 ELSE 0 END) AS needown
               FROM ll GROUP BY ll."OrganizationId"),
        c AS (SELECT o."Id", o."Name", o."Type", COALESCE(mm.members, 0) AS members, COALESCE(mm.fullm, 0) AS fullm,
                     COALESCE(le.ents, 0) AS ents, COALESCE(le.needown, 0) AS needown
              FROM o LEFT JOIN mm ON mm."OrganizationId" = o."Id" LEFT JOIN le ON le."OrganizationId" = o."Id"),
        flagged AS (SELECT * FROM c
                    WHERE (c."Type" = 'Branch' AND c.fullm < 3)
                       OR (c."Type" IN ('Branch', 'JointBranch') AND (c.fullm >= 7 OR c.members > 50))
                       OR (c."Type" = 'JointBranch' AND c.ents > 5)
                       OR c.needown > 0)
        """;

    /// <summary>The organisations some rule flags: their number and one page (ordered by name).</summary>
    public static async Task ChecksAsync(BenchSession s, DateOnly d, int page, int size)
    {
        await s.ReadAllAsync(
            ChecksFacts
                + $"""
                SELECT *, (SELECT COUNT(*) FROM flagged) AS total FROM flagged
                ORDER BY "Name", "Id" LIMIT {size} OFFSET {(page - 1) * size}
                """,
            ("@d", d)
        );
    }
}
