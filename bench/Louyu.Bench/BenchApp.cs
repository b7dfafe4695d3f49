using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.Bench;

/// <summary>The real app on real Kestrel (loopback, random port) over a given database.</summary>
public sealed class BenchApp(
    string provider,
    string connectionString,
    bool demo,
    int cacheMinutes = 10,
    int coverageCacheMinutes = 10
) : WebApplicationFactory<global::Program>
{
    public static readonly string DataKey = Convert.ToBase64String(
        new byte[32]
            .Select((_, i) => (byte)(i * 7 + 1))
            .ToArray()
    );

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(RepoRoot(), "src", "Louyu.Web"));
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Louyu", connectionString);
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseSetting("Security:DataKey", DataKey);
        builder.UseSetting(
            "Insights:CacheMinutes",
            cacheMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        builder.UseSetting(
            "Organization:CoverageCacheMinutes",
            coverageCacheMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        // The background warm-up off: each scenario decides what the store holds before it measures.
        builder.UseSetting("Organization:CoverageWarmup", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting(
            "Logging:LogLevel:Louyu.Web.Modules.Services.Features.Policies",
            "Information"
        );
        // LOUYU_BENCH_SQL=1 prints every SQL statement the app sends (to read the plans of a slow endpoint).
        if (Environment.GetEnvironmentVariable("LOUYU_BENCH_SQL") == "1")
            builder.UseSetting(
                "Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command",
                "Information"
            );
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Louyu.slnx")))
                dir = dir.Parent;
            if (dir is not null)
                return dir.FullName;
        }
        throw new InvalidOperationException(
            "Louyu.slnx not found above " + AppContext.BaseDirectory
        );
    }

    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services
            .GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
