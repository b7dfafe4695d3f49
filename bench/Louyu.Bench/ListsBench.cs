namespace Louyu.Bench;

/// <summary>
/// <c>lists</c>: GET /api/v1/members and /api/v1/enterprises, filtered and paged, as the committee secretary
/// (district scope), against the same page written by hand in SQL (a COUNT and one page, read whole).
/// </summary>
public static class ListsBench
{
    public const double Target = 50;

    private sealed record Scenario(
        string Name,
        string Url,
        string Where,
        int Page,
        int Size,
        (string, object?)[] Args
    );

    public static async Task RunAsync(string provider, string cs, int n)
    {
        await using var s = await BenchSession.StartAsync(provider, cs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        // The building with the most enterprises present today, and the organisation with the most live spells.
        var building = await s.GuidAsync(
            """
            SELECT "BuildingId" FROM "Enterprises" WHERE "MovedOutOn" IS NULL OR "MovedOutOn" > @d
            GROUP BY "BuildingId" ORDER BY COUNT(*) DESC, "BuildingId" LIMIT 1
            """,
            ("@d", today)
        );
        var organization = await s.GuidAsync(
            """
            SELECT "OrganizationId" FROM "MemberSpells" WHERE "ToDate" IS NULL
            GROUP BY "OrganizationId" ORDER BY COUNT(*) DESC, "OrganizationId" LIMIT 1
            """
        );
        Console.WriteLine(
            $"building {building}, organisation {organization}, today {today:yyyy-MM-dd}"
        );

        const string currentSpell = """
            m."Id" IN (SELECT s."MemberId" FROM "MemberSpells" s WHERE s."ToDate" IS NULL AND s."OrganizationId" = @o)
            """;
        // Members placed in a building: their current organisation sits there, or (none) their workplace does.
        const string inBuilding = """
            m."Id" IN (SELECT s."MemberId" FROM "MemberSpells" s JOIN "PartyOrganizations" o ON o."Id" = s."OrganizationId"
                        WHERE s."ToDate" IS NULL AND o."BuildingId" = @b
                       UNION ALL
                       SELECT m2."Id" FROM "Members" m2 JOIN "Enterprises" e ON e."Id" = m2."EnterpriseId"
                        WHERE e."BuildingId" = @b
                          AND NOT EXISTS (SELECT 1 FROM "MemberSpells" s2 WHERE s2."MemberId" = m2."Id" AND s2."ToDate" IS NULL))
            """;
        var members = new Scenario[]
        {
            new("all, page 1", "", "1 = 1", 1, 50, []),
            new("all, page 2,000 (offset 99,950)", "page=2000", "1 = 1", 2000, 50, []),
            new(
                "by building, page 1",
                $"buildingId={building}",
                inBuilding,
                1,
                50,
                [("@b", building)]
            ),
            new(
                "by organisation, page 1",
                $"organizationId={organization}",
                currentSpell,
                1,
                50,
                [("@o", organization)]
            ),
            new(
                "status = Probationary, page 1",
                "status=Probationary",
                "m.\"Status\" = 'Probationary'",
                1,
                50,
                []
            ),
            new(
                "status = Full, page 1,000",
                "status=Full&page=1000",
                "m.\"Status\" = 'Full'",
                1000,
                50,
                []
            ),
            new(
                "name contains 王, page 1",
                "q=王",
                "m.\"Name\" LIKE '%' || @q || '%'",
                1,
                50,
                [("@q", "王")]
            ),
            new(
                "name contains 王, page 400",
                "q=王&page=400",
                "m.\"Name\" LIKE '%' || @q || '%'",
                400,
                50,
                [("@q", "王")]
            ),
            new(
                "name contains 王建 + building",
                $"q=王建&buildingId={building}",
                "m.\"Name\" LIKE '%' || @q || '%' AND " + inBuilding,
                1,
                50,
                [("@q", "王建"), ("@b", building)]
            ),
        };
        // LOUYU_BENCH_ONLY=enterprises skips the member list; LOUYU_BENCH_NORAW=1 the hand-written SQL.
        var only = Environment.GetEnvironmentVariable("LOUYU_BENCH_ONLY");
        var noRaw = Environment.GetEnvironmentVariable("LOUYU_BENCH_NORAW") == "1";
        BenchSession.Header(provider, "GET /api/v1/members (district scope)");
        foreach (var sc in only == "enterprises" ? [] : members)
        {
            var url = "/api/v1/members?" + sc.Url;
            var total = (await s.GetJsonAsync(url)).GetProperty("total").GetInt32();
            var endpoint = await BenchSession.Measure(n, () => s.GetJsonAsync(url));
            var raw = noRaw
                ? new Timing(double.NaN, double.NaN)
                : await BenchSession.Measure(n, () => RawMembersAsync(s, sc));
            BenchSession.Row($"{sc.Name} ({total:N0} rows)", endpoint, raw, Target);
        }

        var enterprises = new Scenario[]
        {
            new("all, page 1", "", "1 = 1", 1, 50, []),
            new("all, page 2,000 (offset 99,950)", "page=2000", "1 = 1", 2000, 50, []),
            new(
                "present, page 1",
                "present=true",
                "(e.\"MovedOutOn\" IS NULL OR e.\"MovedOutOn\" > @d)",
                1,
                50,
                [("@d", today)]
            ),
            new(
                "present, page 1,000",
                "present=true&page=1000",
                "(e.\"MovedOutOn\" IS NULL OR e.\"MovedOutOn\" > @d)",
                1000,
                50,
                [("@d", today)]
            ),
            new(
                "by building, page 1",
                $"buildingId={building}",
                "e.\"BuildingId\" = @b",
                1,
                50,
                [("@b", building)]
            ),
            new("industry = I, page 1", "industry=I", "e.\"Industry\" = 'I'", 1, 50, []),
            new(
                "name contains 科技, page 1",
                "q=科技",
                "(e.\"Name\" LIKE '%' || @q || '%' OR e.\"UnifiedSocialCreditCode\" LIKE '%' || @q || '%')",
                1,
                50,
                [("@q", "科技")]
            ),
            new(
                "name contains 科技, present, building",
                $"q=科技&present=true&buildingId={building}",
                "(e.\"Name\" LIKE '%' || @q || '%' OR e.\"UnifiedSocialCreditCode\" LIKE '%' || @q || '%') AND (e.\"MovedOutOn\" IS NULL OR e.\"MovedOutOn\" > @d) AND e.\"BuildingId\" = @b",
                1,
                50,
                [("@q", "科技"), ("@d", today), ("@b", building)]
            ),
        };
        BenchSession.Header(provider, "GET /api/v1/enterprises (district scope)");
        foreach (var sc in enterprises)
        {
            var url = "/api/v1/enterprises?" + sc.Url;
            var total = (await s.GetJsonAsync(url)).GetProperty("total").GetInt32();
            var endpoint = await BenchSession.Measure(n, () => s.GetJsonAsync(url));
            var raw = noRaw
                ? new Timing(double.NaN, double.NaN)
                : await BenchSession.Measure(n, () => RawEnterprisesAsync(s, sc));
            BenchSession.Row($"{sc.Name} ({total:N0} rows)", endpoint, raw, Target);
        }
    }

    private static (string, object?)[] Paging(Scenario sc) =>
        [.. sc.Args, ("@n", sc.Size), ("@off", (sc.Page - 1) * sc.Size)];

    private static async Task RawMembersAsync(BenchSession s, Scenario sc)
    {
        await s.ScalarAsync($"SELECT COUNT(*) FROM \"Members\" m WHERE {sc.Where}", sc.Args);
        await s.ReadAllAsync(
            $"""
            SELECT m.*, (SELECT s."OrganizationId" FROM "MemberSpells" s WHERE s."MemberId" = m."Id" AND s."ToDate" IS NULL
                         ORDER BY s."FromDate" DESC LIMIT 1) AS "OrganizationId"
            FROM "Members" m WHERE {sc.Where}
            ORDER BY m."Name", m."Id" LIMIT @n OFFSET @off
            """,
            Paging(sc)
        );
    }

    private static async Task RawEnterprisesAsync(BenchSession s, Scenario sc)
    {
        await s.ScalarAsync($"SELECT COUNT(*) FROM \"Enterprises\" e WHERE {sc.Where}", sc.Args);
        await s.ReadAllAsync(
            $"SELECT e.* FROM \"Enterprises\" e WHERE {sc.Where} ORDER BY e.\"Name\", e.\"Id\" LIMIT @n OFFSET @off",
            Paging(sc)
        );
    }
}
