using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Louyu.Bench;

/// <summary>
/// <c>import-members &lt;sqlite-file|--postgres CONN&gt; [rows]</c>: writes a members .xlsx of valid, unique GB 11643-1999 IDs (all in
/// one new branch), starts the real app on Kestrel over the database (demo seeded on first start), posts the file
/// to POST /api/v1/members/import as the committee secretary, and reports the wall time and the peak working set
/// of the process (the app runs in it) sampled during the import.
/// </summary>
public static class ImportBench
{
    public static async Task<int> RunAsync(List<string> argv, string provider, string cs)
    {
        var rows = argv.Count > 2 ? int.Parse(argv[2], CultureInfo.InvariantCulture) : 100_000;
        await using var app = new BenchApp(provider, cs, demo: true);
        var baseUri = app.Start();

        // A new building and branch to import into (their names are unique to this run).
        var run = Guid.NewGuid().ToString("N")[..8];
        var branchName = $"导入基准支部-{run}";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var building = new Building
            {
                Id = Guid.NewGuid(),
                Name = $"导入基准大厦-{run}",
                Address = "北京市东城区基准路 1 号",
                Floors = 30,
                CoveredFrom = new DateOnly(2024, 1, 1),
                Version = 1,
            };
            db.Buildings.Add(building);
            db.PartyOrganizations.Add(
                new PartyOrganization
                {
                    Id = Guid.NewGuid(),
                    Name = branchName,
                    Type = OrganizationType.Branch,
                    BuildingId = building.Id,
                    FoundedOn = new DateOnly(2024, 1, 1),
                    Version = 1,
                }
            );
            await db.SaveChangesAsync();
        }

        var xlsx = Path.Combine(Path.GetTempPath(), $"louyu-import-{run}.xlsx");
        var sw = Stopwatch.StartNew();
        await using (var fs = File.Create(xlsx))
            MiniExcel.SaveAs(fs, Rows(rows, branchName), printHeader: false);
        Console.WriteLine(
            $"generated {rows:N0} rows in {sw.Elapsed.TotalSeconds:F1} s: {new FileInfo(xlsx).Length / 1048576.0:F1} MB"
        );

        using var http = new HttpClient
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromMinutes(30),
        };
        var token = await http.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { username = "secretary", password = DemoSeeder.DemoPassword }
        );
        token.EnsureSuccessStatusCode();
        var access = JsonDocument
            .Parse(await token.Content.ReadAsStringAsync())
            .RootElement.GetProperty("accessToken")
            .GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        GC.Collect();
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.WorkingSet64;
        long peak = before;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(50, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        // First a dry run (read, validate, look up; nothing written), then the import itself.
        var cpu = self.TotalProcessorTime;
        sw.Restart();
        var (dryStatus, dryBody) = await PostAsync(
            http,
            xlsx,
            "/api/v1/members/import?dryRun=true"
        );
        var dry = sw.Elapsed;
        self.Refresh();
        var dryCpu = self.TotalProcessorTime - cpu;
        Console.WriteLine(
            $"dry run: status {dryStatus} in {dry.TotalSeconds:F1} s (process CPU {dryCpu.TotalSeconds:F1} s): {Trim(dryBody)}"
        );
        cpu = self.TotalProcessorTime;
        sw.Restart();
        var (status, body) = await PostAsync(http, xlsx, "/api/v1/members/import");
        var elapsed = sw.Elapsed;
        self.Refresh();
        var importCpu = self.TotalProcessorTime - cpu;
        await cts.CancelAsync();
        await sampler;
        File.Delete(xlsx);
        Console.WriteLine($"status {status}: {Trim(body)}");
        Console.WriteLine(
            $"import-members {rows:N0} rows: wall {elapsed.TotalSeconds:F1} s (process CPU {importCpu.TotalSeconds:F1} s, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), working set before {before / 1048576} MB, "
                + $"peak during import {peak / 1048576} MB (process peak {self.PeakWorkingSet64 / 1048576} MB)"
        );
        return status == 200 ? 0 : 1;
    }

    private static async Task<(int Status, string Body)> PostAsync(
        HttpClient http,
        string xlsx,
        string path
    )
    {
        await using var upload = File.OpenRead(xlsx);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(upload);
        part.Headers.ContentType = new MediaTypeHeaderValue(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        content.Add(part, "file", "members.xlsx");
        using var response = await http.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Trim(string s) => s.Length > 400 ? s[..400] + "…" : s;

    /// <summary>The header row, then valid members: unique IDs by birth date and sequence within one region.</summary>
    private static IEnumerable<Dictionary<string, object?>> Rows(int count, string branch)
    {
        string[] header =
        [
            "姓名",
            "公民身份号码",
            "性别",
            "出生日期",
            "人员类别",
            "组织状态",
            "所在党组织",
            "是否流动党员",
            "入党日期",
            "转正日期",
            "手机号码",
            "民族",
            "学历",
            "职务",
        ];
        yield return header
            .Select((h, i) => (h, i))
            .ToDictionary(x => $"c{x.i}", x => (object?)x.h);
        var region = $"11{Random.Shared.Next(100, 10000):0000}";
        var first = new DateOnly(1950, 1, 1);
        const int days = 18_000; // births 1950–1999
        for (var i = 0; i < count; i++)
        {
            var birth = first.AddDays(i % days);
            var female = i / days % 2 == 1;
            var sequence = i / days / 2 * 2 + (female ? 0 : 1) + 100;
            var id = ResidentIdNumber.Compose(region, birth, sequence);
            yield return new Dictionary<string, object?>
            {
                ["c0"] = $"党员{i:000000}",
                ["c1"] = id,
                ["c2"] = female ? "女" : "男",
                ["c3"] = birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["c4"] = "正式党员",
                ["c5"] = "正常",
                ["c6"] = branch,
                ["c7"] = "否",
                ["c8"] = birth.AddYears(24).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["c9"] = birth.AddYears(25).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["c10"] = $"139{i:00000000}",
                ["c11"] = "汉族",
                ["c12"] = "大学本科",
                ["c13"] = "工程师",
            };
        }
    }
}
