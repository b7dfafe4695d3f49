using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.Bench;
using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

// Louyu benchmarks (not run by CI). Usage:
//   dotnet run -c Release --project bench/Louyu.Bench -- generate <sqlite-file|--postgres CONN> [scale]
//   dotnet run -c Release --project bench/Louyu.Bench -- overview <sqlite-file|--postgres CONN> [requests]
//   dotnet run -c Release --project bench/Louyu.Bench -- lists|coverage <sqlite-file|--postgres CONN> [requests]
//   dotnet run -c Release --project bench/Louyu.Bench -- board <sqlite-file|--postgres CONN> [requests]
//   dotnet run -c Release --project bench/Louyu.Bench -- dues-ledger <sqlite-file|--postgres CONN>
//   dotnet run -c Release --project bench/Louyu.Bench -- todo <sqlite-file|--postgres CONN> [requests]
//   dotnet run -c Release --project bench/Louyu.Bench -- tickets <sqlite-file|--postgres CONN> [requests]   (a COPY: see TicketsBench)
//   dotnet run -c Release --project bench/Louyu.Bench -- policies <sqlite-COPY|--postgres CONN> [runs]
//   dotnet run -c Release --project bench/Louyu.Bench -- import-members <new-sqlite-file|--postgres CONN> [rows]
//   dotnet run -c Release --project bench/Louyu.Bench -- coldstart
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var argv = args.ToList();
        if (argv.Count == 0)
        {
            Console.WriteLine("usage: generate|overview <db> [n] | coldstart");
            return 2;
        }
        var (provider, cs) = Target(argv);
        switch (argv[0])
        {
            case "generate":
                await GenerateAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? double.Parse(argv[2], CultureInfo.InvariantCulture) : 1.0
                );
                return 0;
            case "overview":
                await OverviewAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 200
                );
                return 0;
            case "policies":
                return await PoliciesBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 30
                );
            case "import-members":
                return await ImportBench.RunAsync(argv, provider, cs);
            case "lists":
                await ListsBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 50
                );
                return 0;
            case "coverage":
                await CoverageBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 40
                );
                return 0;
            case "board":
                await MeetingsBoardBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 100
                );
                return 0;
            case "todo":
                await TodoBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 50
                );
                return 0;
            case "tickets":
                return await TicketsBench.RunAsync(
                    provider,
                    cs,
                    argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 100
                );
            case "dues-ledger":
                await DuesLedgerBench.RunAsync(provider, cs);
                return 0;
            case "coldstart":
                await ColdStartAsync();
                return 0;
            default:
                Console.WriteLine("unknown command");
                return 2;
        }
    }

    private static (string Provider, string Cs) Target(List<string> argv)
    {
        if (argv.Count > 2 && argv[1] == "--postgres")
        {
            var conn = argv[2];
            argv.RemoveAt(2);
            return ("Postgres", conn);
        }
        var file = argv.Count > 1 ? argv[1] : Path.Combine(Path.GetTempPath(), "louyu-bench.db");
        return ("Sqlite", $"Data Source={file}");
    }

    private static async Task GenerateAsync(string provider, string cs, double scale)
    {
        var sw = Stopwatch.StartNew();
        var targets = DemoTargets.District(scale);
        var scenario = DemoScenarioGenerator.Generate(targets);
        Console.WriteLine(
            $"generated in {sw.Elapsed.TotalSeconds:F1} s: {scenario.Buildings.Count} buildings, {scenario.Enterprises.Count} enterprises, "
                + $"{scenario.Organizations.Count} organisations, {scenario.Members.Count} members, {scenario.Spells.Count} spells"
        );
        await using var app = new BenchApp(provider, cs, demo: false);
        app.Start();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        sw.Restart();
        await ScenarioWriter.WriteAsync(
            db,
            scenario,
            scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(),
            $"district scale {scale}",
            default
        );
        Console.WriteLine($"inserted in {sw.Elapsed.TotalSeconds:F1} s");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        var user = new LouyuUser { UserName = "bench", DisplayName = "bench" };
        await users.CreateAsync(user, "Bench@2026");
        db.RoleGrants.Add(
            new RoleGrant
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Role = LouyuRoles.CommitteeSecretary,
                ScopeKind = ScopeKind.District,
            }
        );
        await db.SaveChangesAsync();
    }

    private static async Task OverviewAsync(string provider, string cs, int n)
    {
        await using var app = new BenchApp(provider, cs, demo: true, cacheMinutes: 0);
        var baseUri = app.Start();
        using var http = new HttpClient
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var login = await db_user(app);
        var token = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username = login.User, password = login.Password }
        );
        token.EnsureSuccessStatusCode();
        var access = JsonDocument
            .Parse(await token.Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken")
            .GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        foreach (var asOf in new[] { "2009-12-31", "2021-08-21" })
        {
            var endpoint = await Measure(
                n,
                async () =>
                {
                    var r = await http.GetAsync($"/api/v1/stats/overview?asOf={asOf}");
                    r.EnsureSuccessStatusCode();
                }
            );
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            var raw = await Measure(
                n,
                async () =>
                    await RawOverviewSql.RunAsync(
                        conn,
                        provider,
                        DateOnly.Parse(asOf, CultureInfo.InvariantCulture)
                    )
            );
            var figures = await RawOverviewSql.RunAsync(
                conn,
                provider,
                DateOnly.Parse(asOf, CultureInfo.InvariantCulture)
            );
            Console.WriteLine(
                $"overview asOf={asOf} ({provider}): endpoint median {endpoint.Median:F2} ms p95 {endpoint.P95:F2} ms | raw SQL median {raw.Median:F2} ms p95 {raw.P95:F2} ms | ratio {endpoint.Median / raw.Median:F2} | raw figures {figures}"
            );
        }
        await using var cachedApp = new BenchApp(provider, cs, demo: true);
        using var cachedHttp = new HttpClient
        {
            BaseAddress = cachedApp.Start(),
            Timeout = TimeSpan.FromMinutes(10),
        };
        cachedHttp.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var cold = Stopwatch.StartNew();
        (await cachedHttp.GetAsync("/api/v1/stats/growth")).EnsureSuccessStatusCode();
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var growth = await Measure(
            Math.Max(5, n / 4),
            async () =>
                (await cachedHttp.GetAsync("/api/v1/stats/growth")).EnsureSuccessStatusCode()
        );
        Console.WriteLine(
            $"growth 2009..now ({provider}): first call {coldMs:F0} ms; then (past year ends cached) median {growth.Median:F1} ms p95 {growth.P95:F1} ms"
        );
    }

    private static async Task<(string User, string Password)> db_user(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        return await users.FindByNameAsync("bench") is not null
            ? ("bench", "Bench@2026")
            : ("secretary", DemoSeeder.DemoPassword);
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

    private static async Task ColdStartAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"louyu-cold-{Guid.NewGuid():N}.db");
        foreach (var label in new[] { "empty database (migrate + seed demo)", "existing database" })
        {
            var sw = Stopwatch.StartNew();
            await using var app = new BenchApp("Sqlite", $"Data Source={file}", demo: true);
            var uri = app.Start();
            using var http = new HttpClient { BaseAddress = uri };
            var health = await http.GetAsync("/health");
            Console.WriteLine(
                $"cold start to healthy, {label}: {sw.Elapsed.TotalMilliseconds:F0} ms ({(int)health.StatusCode})"
            );
        }
    }
}
