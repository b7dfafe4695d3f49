using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

/// <summary>
/// The real app on a database with a bearer token of the committee secretary (district scope), an open ADO.NET
/// connection for the hand-written SQL, and the timing and printing shared by the <c>lists</c> and <c>coverage</c>
/// commands.
/// </summary>
public sealed class BenchSession : IAsyncDisposable
{
    public required string Provider { get; init; }
    public required BenchApp App { get; init; }
    public required HttpClient Http { get; init; }
    public required DbConnection Connection { get; init; }
    private AsyncServiceScope _scope;

    public bool IsSqlite => Provider == "Sqlite";

    public static async Task<BenchSession> StartAsync(string provider, string cs)
    {
        var app = new BenchApp(provider, cs, demo: true, cacheMinutes: 0);
        var http = new HttpClient { BaseAddress = app.Start(), Timeout = TimeSpan.FromMinutes(10) };
        var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        var (user, password) = await users.FindByNameAsync("bench") is not null
            ? ("bench", "Bench@2026")
            : ("secretary", DemoSeeder.DemoPassword);
        var token = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username = user, password }
        );
        token.EnsureSuccessStatusCode();
        var access = JsonDocument
            .Parse(await token.Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken")
            .GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        return new BenchSession
        {
            Provider = provider,
            App = app,
            Http = http,
            Connection = conn,
            _scope = scope,
        };
    }

    /// <summary>GET, fail on a non-2xx answer, return the body.</summary>
    public async Task<JsonElement> GetJsonAsync(string url)
    {
        var r = await Http.GetAsync(url);
        if (!r.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"
            );
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A command with parameters bound as the provider stores them (SQLite: GUIDs and dates as text).</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = (IsSqlite ? Sqlite(value) : value) ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static object? Sqlite(object? v) =>
        v switch
        {
            Guid g => g.ToString().ToUpperInvariant(),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? 1 : 0,
            _ => v,
        };

    /// <summary>Runs a query and reads every value of every row (what a caller would have to do); returns the rows.</summary>
    public async Task<int> ReadAllAsync(string sql, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(sql, args);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = 0;
        var values = new object[64];
        while (await r.ReadAsync())
        {
            r.GetValues(values);
            rows++;
        }
        return rows;
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(sql, args);
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }

    public async Task<Guid> GuidAsync(string sql, params (string Name, object? Value)[] args)
    {
        var v = await ScalarAsync(sql, args);
        return v switch
        {
            Guid g => g,
            string s => Guid.Parse(s),
            _ => throw new InvalidOperationException($"no id from: {sql}"),
        };
    }

    /// <summary>Median and p95 of <paramref name="n"/> sequential runs after up to 5 warm-up runs.</summary>
    public static async Task<Timing> Measure(int n, Func<Task> action, int warmups = 5)
    {
        for (var i = 0; i < Math.Min(warmups, n); i++)
            await action();
        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await action();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Timing(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1]);
    }

    public static void Header(string provider, string what)
    {
        Console.WriteLine();
        Console.WriteLine($"## {what} ({provider})");
        Console.WriteLine(
            "| scenario | endpoint median | endpoint p95 | raw SQL median | raw SQL p95 | target | met |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
    }

    public static void Row(string scenario, Timing endpoint, Timing raw, double target) =>
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {scenario} | {endpoint.Median:F1} ms | {endpoint.P95:F1} ms | {raw.Median:F1} ms | {raw.P95:F1} ms | ≤ {target:F0} ms (p95) | {(endpoint.P95 <= target ? "yes" : "NO")} |"
            )
        );

    /// <summary>
    /// The table of an endpoint over maintained rows: the first call, a full read (the store emptied: after start-up,
    /// a building change, another instance's writes), after one write (the changed enterprise re-read), unchanged.
    /// </summary>
    public static void MaintainedHeader(string provider, string what)
    {
        Console.WriteLine();
        Console.WriteLine($"## {what} ({provider})");
        Console.WriteLine(
            "| scenario | first call | full read median / p95 | after a write median | after a write p95 | unchanged median | unchanged p95 | raw SQL median / p95 | target | met after a write / unchanged |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    }

    public static void MaintainedRow(
        string scenario,
        double first,
        Timing full,
        Timing afterWrite,
        Timing unchanged,
        Timing raw,
        double target
    ) =>
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {scenario} | {first:F1} ms | {full.Median:F0} / {full.P95:F0} ms | {afterWrite.Median:F1} ms | {afterWrite.P95:F1} ms | {unchanged.Median:F1} ms | {unchanged.P95:F1} ms | {raw.Median:F0} / {raw.P95:F0} ms | ≤ {target:F0} ms (p95) | {(afterWrite.P95 <= target ? "yes" : "NO")} / {(unchanged.P95 <= target ? "yes" : "NO")} |"
            )
        );

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        await _scope.DisposeAsync();
        Http.Dispose();
        await App.DisposeAsync();
    }
}

public readonly record struct Timing(double Median, double P95);
