using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

/// <summary>
/// <c>tickets &lt;sqlite-file|--postgres CONN&gt; [iterations]</c>: the workstation with 1,000,000 tickets (issue 5 target:
/// an officer's queue p95 ≤ 50 ms). The file is a COPY made by the command (e.g. <c>/tmp/district3-tickets.db</c> from
/// <c>/tmp/district3.db</c> — see docs/benchmarks.md); the original is never opened for writing. On PostgreSQL, a
/// database of your own (the shared <c>louyu_district*</c> ones are refused); the same rows are generated with
/// <c>generate_series</c>, and the plans are printed with EXPLAIN (ANALYZE, BUFFERS).
/// Setup (not timed, once per copy): the 8 departments × 3 services when missing, an officer of <c>tax</c>
/// (<c>bench_tax</c>), then one set-based INSERT … SELECT of 1,000,000 tickets over the last 3 years (~913 a day,
/// spread over the 24 services; the last 120 days 45 % open — 5 % of all — in Submitted/InProgress/
/// AwaitingDocuments/Replied/SentBack; a third of tax's signed ones on <c>bench_tax</c>), no events.
/// Measured: GET /api/v1/tickets?scope=queue (desk's queue query, HTTP, as bench_tax) beside the raw SQL with its
/// EXPLAIN QUERY PLAN; and GET /open311/v2/requests.json with a 30-day date filter (1,000 rows), with and without
/// a service_code, beside its raw SQL.
/// </summary>
public static class TicketsBench
{
    public const int Target = 1_000_000;
    private const int Days = 1095;
    private const string Officer = "bench_tax";

    private static readonly (string Code, string Name)[] Departments =
    [
        ("tax", "税务"),
        ("market", "市场监管"),
        ("transport", "交通"),
        ("labour", "劳动监察"),
        ("social", "社会保险"),
        ("fund", "住房公积金"),
        ("stats", "统计"),
        ("legal", "公共法律服务"),
    ];

    public static async Task<int> RunAsync(string provider, string cs, int n)
    {
        if (
            cs.EndsWith("/district3.db", StringComparison.Ordinal)
            || cs.Contains("Database=louyu_district", StringComparison.OrdinalIgnoreCase)
        )
        {
            Console.WriteLine(
                "tickets writes 1,000,000 rows: run it on a copy (cp /tmp/district3.db /tmp/district3-tickets.db, or a PostgreSQL database of your own)"
            );
            return 2;
        }
        // The reminders job would escalate every overdue generated ticket while we measure: off for the run.
        Environment.SetEnvironmentVariable("Services__Sla__RemindersEnabled", "false");
        await using var s = await BenchSession.StartAsync(provider, cs);
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var officerId = await EnsureOfficerAsync(s);
        await EnsureDepartmentsAsync(s);
        var count = Convert.ToInt64(
            await s.ScalarAsync("""SELECT COUNT(*) FROM "Tickets" """),
            CultureInfo.InvariantCulture
        );
        if (count < Target)
            await GenerateAsync(s, officerId, Target - (int)count);
        await PrintCountsAsync(s, officerId);
        await MeasureQueueAsync(s, officerId, n);
        await MeasureOpen311Async(s, n);
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";

    private static async Task<string> EnsureOfficerAsync(BenchSession s)
    {
        await using var scope = s.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        if (await users.FindByNameAsync(Officer) is { } existing)
            return existing.Id;
        var user = new LouyuUser { UserName = Officer, DisplayName = "税务窗口（压测）" };
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
                Role = LouyuRoles.DepartmentOfficer,
                ScopeKind = ScopeKind.Department,
                ScopeId = "tax",
            }
        );
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static async Task EnsureDepartmentsAsync(BenchSession s)
    {
        var order = 0;
        foreach (var (code, name) in Departments)
        {
            order++;
            var dept = await s.ScalarAsync(
                """SELECT "Id" FROM "Departments" WHERE "Code" = @c""",
                ("@c", code)
            );
            Guid id;
            if (dept is null)
            {
                id = Guid.NewGuid();
                await using var cmd = s.Command(
                    """
                    INSERT INTO "Departments" ("Id", "Code", "Name", "SortOrder", "Active", "Version")
                    VALUES (@id, @c, @n, @o, @yes, 1)
                    """,
                    ("@id", id),
                    ("@c", code),
                    ("@n", name),
                    ("@o", order),
                    ("@yes", true)
                );
                await cmd.ExecuteNonQueryAsync();
            }
            else
                id = dept is Guid g ? g : Guid.Parse((string)dept);
            foreach (
                var (suffix, type, label) in new[]
                {
                    ("consult", "Consult", "咨询"),
                    ("accept", "Accept", "受理"),
                    ("complain", "Complain", "投诉"),
                }
            )
            {
                await using var cmd = s.Command(
                    """
                    INSERT INTO "WorkstationServices" ("Id", "DepartmentId", "Code", "Name", "Type", "Active", "Version")
                    SELECT @id, @d, @c, @n, @t, @yes, 1
                    WHERE NOT EXISTS (SELECT 1 FROM "WorkstationServices" WHERE "Code" = @c)
                    """,
                    ("@id", Guid.NewGuid()),
                    ("@d", id),
                    ("@c", $"{code}-{suffix}"),
                    ("@n", name + label),
                    ("@t", type),
                    ("@yes", true)
                );
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>One INSERT … SELECT over a recursive counter: day d = i / 913 of the last 1,095, a per-day number.</summary>
    private static async Task GenerateAsync(BenchSession s, string officerId, int rows)
    {
        var sw = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var first = today.AddDays(-Days + 1);
        var perDay = (Target + Days - 1) / Days;
        await using (
            var services = s.Command(
                s.IsSqlite
                    ? """
                    DROP TABLE IF EXISTS temp.bench_services;
                    CREATE TEMP TABLE bench_services AS
                    SELECT ROW_NUMBER() OVER (ORDER BY s."Code") - 1 AS k, s."Id" AS id, s."DepartmentId" AS dept,
                           s."Type" AS type, d."Code" AS dcode
                    FROM "WorkstationServices" s JOIN "Departments" d ON d."Id" = s."DepartmentId"
                    WHERE s."Active" = 1 AND d."Active" = 1;
                    """
                    : """
                    DROP TABLE IF EXISTS pg_temp.bench_services;
                    CREATE TEMP TABLE bench_services AS
                    SELECT ROW_NUMBER() OVER (ORDER BY s."Code") - 1 AS k, s."Id" AS id, s."DepartmentId" AS dept,
                           s."Type" AS type, d."Code" AS dcode
                    FROM "WorkstationServices" s JOIN "Departments" d ON d."Id" = s."DepartmentId"
                    WHERE s."Active" AND d."Active";
                    """
            )
        )
            await services.ExecuteNonQueryAsync();
        var serviceCount = Convert.ToInt32(
            await s.ScalarAsync(
                s.IsSqlite
                    ? "SELECT COUNT(*) FROM temp.bench_services"
                    : "SELECT COUNT(*) FROM pg_temp.bench_services"
            ),
            CultureInfo.InvariantCulture
        );
        // Open states for the open 5 %: 0–3 Submitted, 4–6 InProgress, 7 AwaitingDocuments, 8 Replied, 9 SentBack.
        await using var cmd = s.Command(
            s.IsSqlite
                ? """
                WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < @rows - 1),
                t AS (
                    SELECT i, i / @perDay AS d, i % @perDay + 1 AS nr, (i * 7919) % 100 AS r, i % 10 AS st,
                           (i * 31 + i / 7) % @services AS k
                    FROM seq
                ),
                u AS (
                    SELECT t.*, bs.id AS sid, bs.dept AS dept, bs.type AS type, bs.dcode AS dcode,
                           date(@first, '+' || t.d || ' days') AS day,
                           CASE WHEN t.d >= @openFrom AND t.r < 45 THEN
                                CASE WHEN t.st < 4 THEN 'Submitted' WHEN t.st < 7 THEN 'InProgress'
                                     WHEN t.st = 7 THEN 'AwaitingDocuments' WHEN t.st = 8 THEN 'Replied'
                                     ELSE 'SentBack' END
                                ELSE 'Closed' END AS status
                    FROM t JOIN temp.bench_services bs ON bs.k = t.k
                )
                INSERT INTO "Tickets" ("Id", "Number", "ServiceId", "DepartmentId", "Type", "Status", "Channel",
                    "FilerName", "Description", "Address", "OfficerUserId", "OfficerName", "FiledAtUtc", "UpdatedAtUtc",
                    "SignedAtUtc", "ClosedAtUtc", "SlaWorkingDays", "ExtensionWorkingDays", "DueOn", "PausedSince",
                    "Round", "Version")
                SELECT
                    upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-'
                          || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-'
                          || hex(randomblob(6))),
                    'BZ' || strftime('%Y%m%d', day) || '-' || printf('%04d', nr),
                    sid, dept, type, status,
                    CASE i % 4 WHEN 0 THEN 'Online' WHEN 1 THEN 'WalkIn' WHEN 2 THEN 'Phone' ELSE 'Open311' END,
                    '压测企业联系人' || (i % 997),
                    '压测工单：关于' || dcode || '业务的第 ' || i || ' 件事项，请依规办理。',
                    '楼宇' || (i % 37) || '号楼 ' || (100 + i % 2400) || '室',
                    CASE WHEN status IN ('InProgress', 'AwaitingDocuments', 'Replied', 'Closed') THEN
                         CASE WHEN dcode = 'tax' AND i % 3 = 0 THEN @officer ELSE 'bench-officer-' || dcode || '-' || (i % 3) END
                         END,
                    CASE WHEN status IN ('InProgress', 'AwaitingDocuments', 'Replied', 'Closed') THEN '窗口工作人员' END,
                    day || ' ' || printf('%02d:%02d:%02d', 1 + i % 9, i % 60, (i * 7) % 60),
                    day || ' ' || printf('%02d:%02d:%02d', 1 + i % 9, i % 60, (i * 7) % 60),
                    CASE WHEN status <> 'Submitted' AND status <> 'SentBack' THEN day || ' 09:00:00' END,
                    CASE WHEN status = 'Closed' THEN date(day, '+' || (1 + i % 12) || ' days') || ' 08:00:00' END,
                    CASE type WHEN 'Consult' THEN 3 WHEN 'Complain' THEN 13 ELSE 20 END,
                    0,
                    date(day, '+' || (CASE type WHEN 'Consult' THEN 5 WHEN 'Complain' THEN 19 ELSE 28 END) || ' days'),
                    CASE WHEN status = 'AwaitingDocuments' THEN date(day, '+2 days') END,
                    1, 1
                FROM u
                """
                : """
                WITH t AS (
                    SELECT i, (i / @perDay)::int AS d, i % @perDay + 1 AS nr, (i * 7919) % 100 AS r, i % 10 AS st,
                           (i * 31 + i / 7) % @services AS k
                    FROM generate_series(0::bigint, @rows - 1) AS i
                ),
                u AS (
                    SELECT t.*, bs.id AS sid, bs.dept AS dept, bs.type AS type, bs.dcode AS dcode,
                           @first::date + t.d AS day,
                           CASE WHEN t.d >= @openFrom AND t.r < 45 THEN
                                CASE WHEN t.st < 4 THEN 'Submitted' WHEN t.st < 7 THEN 'InProgress'
                                     WHEN t.st = 7 THEN 'AwaitingDocuments' WHEN t.st = 8 THEN 'Replied'
                                     ELSE 'SentBack' END
                                ELSE 'Closed' END AS status
                    FROM t JOIN pg_temp.bench_services bs ON bs.k = t.k
                )
                INSERT INTO "Tickets" ("Id", "Number", "ServiceId", "DepartmentId", "Type", "Status", "Channel",
                    "FilerName", "Description", "Address", "OfficerUserId", "OfficerName", "FiledAtUtc", "UpdatedAtUtc",
                    "SignedAtUtc", "ClosedAtUtc", "SlaWorkingDays", "ExtensionWorkingDays", "DueOn", "PausedSince",
                    "Round", "Version")
                SELECT
                    gen_random_uuid(),
                    'BZ' || to_char(day, 'YYYYMMDD') || '-' || lpad(nr::text, 4, '0'),
                    sid, dept, type, status,
                    CASE i % 4 WHEN 0 THEN 'Online' WHEN 1 THEN 'WalkIn' WHEN 2 THEN 'Phone' ELSE 'Open311' END,
                    '压测企业联系人' || (i % 997),
                    '压测工单：关于' || dcode || '业务的第 ' || i || ' 件事项，请依规办理。',
                    '楼宇' || (i % 37) || '号楼 ' || (100 + i % 2400) || '室',
                    CASE WHEN status IN ('InProgress', 'AwaitingDocuments', 'Replied', 'Closed') THEN
                         CASE WHEN dcode = 'tax' AND i % 3 = 0 THEN @officer ELSE 'bench-officer-' || dcode || '-' || (i % 3) END
                         END,
                    CASE WHEN status IN ('InProgress', 'AwaitingDocuments', 'Replied', 'Closed') THEN '窗口工作人员' END,
                    (day + make_interval(hours => (1 + i % 9)::int, mins => (i % 60)::int, secs => (i * 7) % 60))
                        AT TIME ZONE 'UTC',
                    (day + make_interval(hours => (1 + i % 9)::int, mins => (i % 60)::int, secs => (i * 7) % 60))
                        AT TIME ZONE 'UTC',
                    CASE WHEN status <> 'Submitted' AND status <> 'SentBack' THEN (day + time '09:00') AT TIME ZONE 'UTC' END,
                    CASE WHEN status = 'Closed' THEN (day + (1 + i % 12)::int + time '08:00') AT TIME ZONE 'UTC' END,
                    CASE type WHEN 'Consult' THEN 3 WHEN 'Complain' THEN 13 ELSE 20 END,
                    0,
                    day + CASE type WHEN 'Consult' THEN 5 WHEN 'Complain' THEN 19 ELSE 28 END,
                    CASE WHEN status = 'AwaitingDocuments' THEN day + 2 END,
                    1, 1
                FROM u
                """,
            ("@rows", rows),
            ("@perDay", perDay),
            ("@services", serviceCount),
            ("@first", first),
            ("@openFrom", Days - 120),
            ("@officer", officerId)
        );
        cmd.CommandTimeout = 3600;
        var inserted = await cmd.ExecuteNonQueryAsync();
        Console.WriteLine(
            $"inserted {inserted:N0} tickets over {Days} days ({serviceCount} services) in {sw.Elapsed.TotalSeconds:F1} s; load average {LoadAverage()}"
        );
        sw.Restart();
        await using (var analyze = s.Command(s.IsSqlite ? "ANALYZE" : """ANALYZE "Tickets" """))
        {
            analyze.CommandTimeout = 3600;
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"ANALYZE in {sw.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task PrintCountsAsync(BenchSession s, string officerId)
    {
        await using var cmd = s.Command(
            """
            SELECT COUNT(*), SUM(CASE WHEN t."Status" <> 'Closed' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d."Code" = 'tax' AND t."Status" = 'Submitted' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN t."OfficerUserId" = @o AND t."Status" IN ('InProgress', 'AwaitingDocuments')
                       THEN 1 ELSE 0 END)
            FROM "Tickets" t JOIN "Departments" d ON d."Id" = t."DepartmentId"
            """,
            ("@o", officerId)
        );
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine(
            $"tickets {r.GetInt64(0):N0}, open {r.GetInt64(1):N0}; tax queue: {r.GetInt64(2):N0} unsigned + {r.GetInt64(3):N0} signed by {Officer}"
        );
    }

    private static async Task<HttpClient> OfficerClientAsync(BenchSession s)
    {
        var http = new HttpClient
        {
            BaseAddress = s.Http.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var token = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username = Officer, password = "Bench@2026" }
        );
        token.EnsureSuccessStatusCode();
        var access = JsonDocument
            .Parse(await token.Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken")
            .GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return http;
    }

    private static async Task MeasureQueueAsync(BenchSession s, string officerId, int n)
    {
        using var officer = await OfficerClientAsync(s);
        var first = await officer.GetAsync("/api/v1/tickets?scope=queue&page=1&pageSize=50");
        var body = await first.Content.ReadAsStringAsync();
        if (!first.IsSuccessStatusCode)
            throw new InvalidOperationException($"queue: {(int)first.StatusCode} {body}");
        var page = JsonDocument.Parse(body).RootElement;
        Console.WriteLine(
            $"queue page 1: {page.GetProperty("items").GetArrayLength()} of {page.GetProperty("total").GetInt32():N0}"
        );
        var endpoint = await Measure(
            n,
            async () =>
                (
                    await officer.GetAsync("/api/v1/tickets?scope=queue&page=1&pageSize=50")
                ).EnsureSuccessStatusCode()
        );
        var tax = await s.GuidAsync("""SELECT "Id" FROM "Departments" WHERE "Code" = 'tax'""");
        const string Where = """
            FROM "Tickets" t
            WHERE (t."Status" = 'Submitted' AND t."DepartmentId" = @d)
               OR (t."OfficerUserId" = @o AND t."Status" IN ('InProgress', 'AwaitingDocuments'))
            """;
        var pageSql = $"""
            SELECT t."Id", t."Number", t."Status", t."DueOn", t."FilerName", t."ServiceId", t."FiledAtUtc" {Where}
            ORDER BY t."DueOn", t."FiledAtUtc", t."Number" LIMIT 50
            """;
        var countSql = $"SELECT COUNT(*) {Where}";
        (string, object?)[] args = [("@d", tax), ("@o", officerId)];
        var raw = await Measure(
            n,
            async () =>
            {
                await s.ScalarAsync(countSql, args);
                await s.ReadAllAsync(pageSql, args);
            }
        );
        Console.WriteLine(
            $"officer queue (tax, GET /api/v1/tickets?scope=queue, 50 a page): endpoint median {endpoint.Median:F2} ms p95 {endpoint.P95:F2} ms | raw SQL (count + page) median {raw.Median:F2} ms p95 {raw.P95:F2} ms; load {LoadAverage()}"
        );
        await PlanAsync(s, pageSql, args);
        await PlanAsync(s, countSql, args);
    }

    private static async Task MeasureOpen311Async(BenchSession s, int n)
    {
        using var anonymous = new HttpClient
        {
            BaseAddress = s.Http.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var end = DateTime.UtcNow.AddDays(-10);
        var start = end.AddDays(-30);
        string W3c(DateTime d) =>
            d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (
            var (label, url) in new[]
            {
                (
                    "30 days",
                    $"/open311/v2/requests.json?start_date={W3c(start)}&end_date={W3c(end)}"
                ),
                (
                    "30 days, service_code=tax-consult",
                    $"/open311/v2/requests.json?start_date={W3c(start)}&end_date={W3c(end)}&service_code=tax-consult"
                ),
                (
                    "30 days, status=open",
                    $"/open311/v2/requests.json?start_date={W3c(start)}&end_date={W3c(end)}&status=open"
                ),
            }
        )
        {
            var r = await anonymous.GetAsync(url);
            var body = await r.Content.ReadAsStringAsync();
            if (!r.IsSuccessStatusCode)
                throw new InvalidOperationException($"{url}: {(int)r.StatusCode} {body}");
            var rows = JsonDocument.Parse(body).RootElement.GetArrayLength();
            var m = await Measure(
                n,
                async () => (await anonymous.GetAsync(url)).EnsureSuccessStatusCode()
            );
            Console.WriteLine(
                $"Open311 GET requests.json ({label}): {rows} rows, {body.Length / 1024:N0} KiB; median {m.Median:F2} ms p95 {m.P95:F2} ms; load {LoadAverage()}"
            );
        }
        const string Sql = """
            SELECT t."Number", t."Status", t."Description", t."Address", t."FiledAtUtc", t."UpdatedAtUtc", t."DueOn",
                   s."Code", s."Name", d."Name", o."Lat", o."Lng", o."AddressId", o."MediaUrl"
            FROM (SELECT * FROM "Tickets" WHERE "FiledAtUtc" >= @a AND "FiledAtUtc" <= @b
                  ORDER BY "FiledAtUtc" DESC LIMIT 1000) t
            JOIN "WorkstationServices" s ON s."Id" = t."ServiceId"
            JOIN "Departments" d ON d."Id" = t."DepartmentId"
            LEFT JOIN "Open311Requests" o ON o."TicketId" = t."Id"
            """;
        (string, object?)[] args = s.IsSqlite
            ?
            [
                ("@a", start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                ("@b", end.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
            ]
            : [("@a", start), ("@b", end)];
        var raw = await Measure(n, async () => await s.ReadAllAsync(Sql, args));
        Console.WriteLine(
            $"Open311 list raw SQL (30 days, 1,000 rows): median {raw.Median:F2} ms p95 {raw.P95:F2} ms"
        );
        await PlanAsync(s, Sql, args);
    }

    private static async Task PlanAsync(BenchSession s, string sql, (string, object?)[] args)
    {
        await using var cmd = s.Command(
            (s.IsSqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql,
            args
        );
        await using var r = await cmd.ExecuteReaderAsync();
        Console.WriteLine(s.IsSqlite ? "  EXPLAIN QUERY PLAN:" : "  EXPLAIN (ANALYZE, BUFFERS):");
        while (await r.ReadAsync())
            Console.WriteLine("    " + r.GetString(s.IsSqlite ? 3 : 0));
    }

    private static async Task<(double Median, double P95)> Measure(int n, Func<Task> action)
    {
        for (var i = 0; i < Math.Min(10, n); i++)
            await action(); // warm-up
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }
}
