using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

/// <summary>
/// <c>todo</c>: GET /api/v1/todo (issue 4 target p95 ≤ 50 ms) as the secretary of the largest branch of the district
/// (most current members), a user made for the run with one BranchSecretary grant. Setup (not timed): this year's
/// dues assessment for the branch's current members and the branch's ledger for this year's months up to now
/// through the app's own generate endpoint, all unpaid — so the dues source has every member in arrears to count.
/// The branch has no meetings recorded: its compliance is red. Then, for comparison, the committee secretary's
/// district-wide list.
/// </summary>
public static class TodoBench
{
    public static async Task RunAsync(string provider, string cs, int n)
    {
        await using var s = await BenchSession.StartAsync(provider, cs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var year = today.Year;
        var branch = await s.GuidAsync(
            """
            SELECT sp."OrganizationId" FROM "MemberSpells" sp
            JOIN "PartyOrganizations" o ON o."Id" = sp."OrganizationId"
            WHERE sp."ToDate" IS NULL AND o."Type" IN ('Branch', 'JointBranch') AND o."DissolvedOn" IS NULL
            GROUP BY sp."OrganizationId" ORDER BY COUNT(*) DESC, sp."OrganizationId" LIMIT 1
            """
        );
        var setup = Stopwatch.StartNew();
        await using (
            var cmd = s.Command(
                """
                INSERT INTO "DuesAssessments" ("Id", "MemberId", "MemberName", "OrganizationId", "BuildingId", "Year",
                    "Category", "BaseCipher", "AssessedFen", "RatePermille", "Bracket", "Rule", "MonthlyFen", "Hardship",
                    "FirstMonth", "AssessedAtUtc", "Version")
                SELECT m."Id", m."Id", m."Name", sp."OrganizationId", o."BuildingId", @y, 'Employed', NULL, 9750, 15,
                    '5000<base≤10000', '中组发〔2008〕3号 第二条', 9750, 'None', @first, @now, 1
                FROM "Members" m
                JOIN "MemberSpells" sp ON sp."MemberId" = m."Id" AND sp."ToDate" IS NULL
                JOIN "PartyOrganizations" o ON o."Id" = sp."OrganizationId"
                WHERE m."Status" IN ('Full', 'Probationary') AND sp."OrganizationId" = @b
                ON CONFLICT ("Id") DO NOTHING
                """,
                ("@y", year),
                ("@b", branch),
                ("@first", DuesMonth.Of(year, 1)),
                (
                    "@now",
                    s.IsSqlite
                        ? DateTime.UtcNow.ToString(
                            "yyyy-MM-dd HH:mm:ss",
                            CultureInfo.InvariantCulture
                        )
                        : DateTime.UtcNow
                )
            )
        )
            await cmd.ExecuteNonQueryAsync();
        var ledgerRows = 0;
        for (var month = 1; month <= today.Month; month++)
        {
            var key = DuesMonth.Format(DuesMonth.Of(year, month));
            var r = await s.Http.PostAsync(
                $"/api/v1/dues/organizations/{branch}/ledger/{key}/generate",
                null
            );
            var body = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode)
                throw new InvalidOperationException($"generate {key}: {(int)r.StatusCode} {body}");
            ledgerRows += JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
        }
        var members = Convert.ToInt64(
            await s.ScalarAsync(
                """SELECT COUNT(*) FROM "MemberSpells" WHERE "ToDate" IS NULL AND "OrganizationId" = @b""",
                ("@b", branch)
            ),
            CultureInfo.InvariantCulture
        );

        // The branch secretary: a fresh user with one grant over the branch.
        Console.WriteLine(
            $"largest branch {branch}: {members:N0} current members; setup (assessments, {ledgerRows:N0} ledger rows) {setup.Elapsed.TotalSeconds:F1} s"
        );
        string userName = $"bench_branch_{Guid.NewGuid():N}"[..24];
        await using (var scope = s.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
            var user = new LouyuUser { UserName = userName, DisplayName = "bench branch" };
            var created = await users.CreateAsync(user, "Bench@2026");
            if (!created.Succeeded)
                throw new InvalidOperationException(
                    string.Join("; ", created.Errors.Select(e => e.Description))
                );
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            db.RoleGrants.Add(
                new RoleGrant
                {
                    Id = Guid.NewGuid(),
                    UserId = user.Id,
                    Role = LouyuRoles.BranchSecretary,
                    ScopeKind = ScopeKind.Organization,
                    ScopeId = branch.ToString(),
                }
            );
            await db.SaveChangesAsync();
        }
        try
        {
            await MeasureAsync(s, provider, n, userName, branch, members);
        }
        finally
        {
            // Remove the user: a BranchSecretary grant would make the demo meetings seeder treat this database as the
            // demo scenario on the next start.
            await using var scope = s.App.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
            if (await users.FindByNameAsync(userName) is { } made)
            {
                var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
                db.RoleGrants.RemoveRange(db.RoleGrants.Where(g => g.UserId == made.Id));
                await db.SaveChangesAsync();
                await users.DeleteAsync(made);
            }
        }
    }

    private static async Task MeasureAsync(
        BenchSession s,
        string provider,
        int n,
        string userName,
        Guid branch,
        long members
    )
    {
        using var secretary = new HttpClient
        {
            BaseAddress = s.Http.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var token = await secretary.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username = userName, password = "Bench@2026" }
        );
        token.EnsureSuccessStatusCode();
        secretary.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            JsonDocument
                .Parse(await token.Content.ReadAsStringAsync())
                .RootElement.GetProperty("accessToken")
                .GetString()
        );

        async Task<JsonElement> Todo(HttpClient c)
        {
            var r = await c.GetAsync("/api/v1/todo");
            var body = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode)
                throw new InvalidOperationException($"/api/v1/todo: {(int)r.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        static string Kinds(JsonElement todo) =>
            string.Join(
                ", ",
                todo.GetProperty("byKind")
                    .EnumerateObject()
                    .Select(k => $"{k.Name} {k.Value.GetInt32():N0}")
            );

        var mine = await Todo(secretary);
        Console.WriteLine(
            $"branch secretary's list: total {mine.GetProperty("total").GetInt32():N0}, late {mine.GetProperty("late").GetInt32():N0} ({Kinds(mine)}); {mine.GetProperty("items").GetArrayLength()} items returned"
        );
        Console.WriteLine(
            $"\n## to-do list ({provider}), {n} requests\n| scenario | median | p95 | target p95 | met |\n|---|---|---|---|---|"
        );
        var branchTiming = await BenchSession.Measure(n, () => Todo(secretary));
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| branch secretary, largest branch ({members:N0} members) | {branchTiming.Median:F1} ms | {branchTiming.P95:F1} ms | ≤ 50 ms | {(branchTiming.P95 <= 50 ? "yes" : "NO")} |"
            )
        );
        // For comparison under the same load: one list endpoint of the same caller, alone.
        var arrears = await BenchSession.Measure(
            n,
            async () =>
            {
                using var r = await secretary.GetAsync("/api/v1/dues/arrears");
                r.EnsureSuccessStatusCode();
                await r.Content.ReadAsStringAsync();
            }
        );
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| (baseline) GET /api/v1/dues/arrears, same user | {arrears.Median:F1} ms | {arrears.P95:F1} ms | — | — |"
            )
        );
        // LOUYU_BENCH_BRANCH_ONLY=1 skips the district-wide list (seconds per request) when profiling the target.
        if (Environment.GetEnvironmentVariable("LOUYU_BENCH_BRANCH_ONLY") == "1")
            return;
        var district = await Todo(s.Http);
        var dn = Math.Max(3, n / 5);
        var districtTiming = await BenchSession.Measure(dn, () => Todo(s.Http), warmups: 1);
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| committee secretary, whole district ({dn} requests; {Kinds(district)}) | {districtTiming.Median:F1} ms | {districtTiming.P95:F1} ms | — | — |"
            )
        );
    }
}
