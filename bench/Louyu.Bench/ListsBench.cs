using System.Globalization;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var median = await s.GuidAsync(
            """
            SELECT "BuildingId" FROM (
              SELECT "BuildingId", COUNT(*) AS n FROM "Enterprises" WHERE "MovedOutOn" IS NULL OR "MovedOutOn" > @d
              GROUP BY "BuildingId") t
            ORDER BY n, "BuildingId" LIMIT 1 OFFSET (SELECT COUNT(DISTINCT "BuildingId") FROM "Enterprises") / 2
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
        // Members placed in a building (their current organisation sits there, or without one their workplace does):
        // the placement the database keeps on the member row (migration MemberPlacement).
        const string inBuilding = """m."PlacedBuildingId" = @b""";
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
                "by building, median, page 1",
                $"buildingId={median}",
                inBuilding,
                1,
                50,
                [("@b", median)]
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
                "name contains 王, page 400 (past the last page)",
                "q=王&page=400",
                "m.\"Name\" LIKE '%' || @q || '%'",
                400,
                50,
                [("@q", "王")]
            ),
            new(
                "name contains 王, page 300 (offset 14,950)",
                "q=王&page=300",
                "m.\"Name\" LIKE '%' || @q || '%'",
                300,
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
        // Three states of the kept totals (ListCounts), each announced as the interceptor announces a committed
        // write: "unrelated write" = a member's phone edited before each request (changes nothing a list filters
        // on: the totals stay kept); "list write" = a row added to the list's table before each request (every
        // total of that list is counted again on the request path); "unchanged" = nothing written in between.
        // The list-write column takes n requests after 1 warm-up, the raw SQL max(3, n / 4) (its counts take
        // seconds). LOUYU_BENCH_NORECOUNT=1 skips the list-write column.
        var noRecount = Environment.GetEnvironmentVariable("LOUYU_BENCH_NORECOUNT") == "1";
        var signal = s.App.Services.GetRequiredService<DataChangeSignal>();
        var few = Math.Max(3, n / 4);
        static Member BenchMember() =>
            new()
            {
                Name = "bench",
                ResidentIdCipher = "",
                ResidentIdHash = "",
                ResidentIdMasked = "",
            };
        // Each announced with the stamp the interceptor takes before the write's first statement.
        void PhoneEdit() =>
            signal.Raise(
                [
                    new ChangedRow(
                        typeof(Member),
                        EntityState.Modified,
                        BenchMember(),
                        new Dictionary<string, object?> { ["Phone"] = "13900000000" }
                    ),
                ],
                DataChangeSignal.Begin()
            );
        void Added(Type type, object row) =>
            signal.Raise(
                [new ChangedRow(type, EntityState.Added, row, new Dictionary<string, object?>())],
                DataChangeSignal.Begin()
            );
        // LOUYU_BENCH_WRITE=spell: the member list write is a transfer — a spell opened, and the member as the
        // database placed it, read back with where it was (PlacementWatch): totals by organisation are counted
        // again, those by building patched. By default a member registered (its placement read back too).
        var spellWrite = Environment.GetEnvironmentVariable("LOUYU_BENCH_WRITE") == "spell";
        void MemberWrite()
        {
            var member = BenchMember();
            member.Id = Guid.NewGuid();
            member.PlacedBuildingId = Guid.NewGuid();
            var placed = new Dictionary<string, object?>
            {
                [nameof(Member.PlacedBuildingId)] = spellWrite ? Guid.NewGuid() : null,
            };
            signal.Raise(
                [
                    new ChangedRow(
                        typeof(MemberSpell),
                        EntityState.Added,
                        new MemberSpell
                        {
                            MemberId = member.Id,
                            Reason = spellWrite ? "TransferIn" : "Developed",
                        },
                        new Dictionary<string, object?>()
                    ),
                    new ChangedRow(
                        typeof(Member),
                        spellWrite ? EntityState.Modified : EntityState.Added,
                        member,
                        placed
                    ),
                ],
                DataChangeSignal.Begin()
            );
        }
        async Task MeasureAsync(string url, string name, Func<Task> raw, Action listWrite)
        {
            var total = (await s.GetJsonAsync(url)).GetProperty("total").GetInt32();
            var unrelated = await BenchSession.Measure(
                n,
                async () =>
                {
                    PhoneEdit();
                    await s.GetJsonAsync(url);
                }
            );
            var unchanged = await BenchSession.Measure(n, () => s.GetJsonAsync(url));
            var recount = noRecount
                ? new Timing(double.NaN, double.NaN)
                : await BenchSession.Measure(
                    n,
                    async () =>
                    {
                        listWrite();
                        await s.GetJsonAsync(url);
                    },
                    warmups: 1
                );
            var rawTime = noRaw
                ? new Timing(double.NaN, double.NaN)
                : await BenchSession.Measure(few, raw, warmups: 1);
            ListRow($"{name} ({total:N0} rows)", unrelated, unchanged, recount, rawTime);
        }
        ListHeader(provider, "GET /api/v1/members (district scope)");
        foreach (var sc in only == "enterprises" ? [] : members)
            await MeasureAsync(
                "/api/v1/members?" + sc.Url,
                sc.Name,
                () => RawMembersAsync(s, sc),
                MemberWrite
            );

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
            new(
                "by building, median, page 1",
                $"buildingId={median}",
                "e.\"BuildingId\" = @b",
                1,
                50,
                [("@b", median)]
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
        // The first enterprise write after start sets the policy matching (PolicySnapshot) loading the district in
        // the background for a few seconds; measured in steady state, it is done before the first scenario.
        Enterprise NewEnterprise() =>
            new()
            {
                // A new id, as a registration has (Guid.Empty would read as "every enterprise" to the policy
                // matching, which would then re-match the district in the background).
                Id = Guid.NewGuid(),
                Name = "bench",
                UnifiedSocialCreditCode = "",
                Industry = "",
                LegalRepresentative = "",
            };
        if (only != "members")
        {
            Added(typeof(Enterprise), NewEnterprise());
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        ListHeader(provider, "GET /api/v1/enterprises (district scope)");
        foreach (var sc in only == "members" ? [] : enterprises)
            await MeasureAsync(
                "/api/v1/enterprises?" + sc.Url,
                sc.Name,
                () => RawEnterprisesAsync(s, sc),
                () => Added(typeof(Enterprise), NewEnterprise())
            );
    }

    private static void ListHeader(string provider, string what)
    {
        Console.WriteLine();
        Console.WriteLine($"## {what} ({provider})");
        Console.WriteLine(
            "| scenario | unrelated write median / p95 | unchanged median / p95 | list write median / p95 | raw SQL median / p95 | met (≤ 50 ms p95) unrelated / unchanged / list write |"
        );
        Console.WriteLine("|---|---|---|---|---|---|");
    }

    private static string Met(Timing t) =>
        double.IsNaN(t.P95) ? "—"
        : t.P95 <= Target ? "yes"
        : "NO";

    private static void ListRow(
        string scenario,
        Timing unrelated,
        Timing unchanged,
        Timing recount,
        Timing raw
    ) =>
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {scenario} | {unrelated.Median:F1} / {unrelated.P95:F1} ms | {unchanged.Median:F1} / {unchanged.P95:F1} ms | {recount.Median:F1} / {recount.P95:F1} ms | {raw.Median:F1} / {raw.P95:F1} ms | {Met(unrelated)} / {Met(unchanged)} / {Met(recount)} |"
            )
        );

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
