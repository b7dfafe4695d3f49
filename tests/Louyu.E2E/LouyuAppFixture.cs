using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Louyu.E2E;

/// <summary>The real app on Kestrel (a fresh SQLite file, demo data seeded) and one headless Chromium.</summary>
public sealed class LouyuAppFixture : IAsyncLifetime
{
    /// <summary>0x00..0x1F: a fixed personal-data key, so the seeded data is readable within the run.</summary>
    private const string DataKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly string databaseFile = Path.Combine(
        Path.GetTempPath(),
        $"louyu-e2e-{Guid.NewGuid():N}.db"
    );
    private LouyuKestrelFactory? factory;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string RepoRoot { get; } = FindRepoRoot();
    public string ScreenshotDir => Path.Combine(RepoRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        factory = new LouyuKestrelFactory(databaseFile, DataKey);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory
            .Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!
            .Addresses;
        var address = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        BaseUrl = address
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal)
            .TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null)
            await factory.DisposeAsync();
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file SQLite still holds is left for the OS to clean up.
            }
        }
    }

    /// <summary>A desk (1366×900) in Chinese.</summary>
    public Task<IBrowserContext> DesktopAsync(string locale = "zh-CN") =>
        Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseUrl,
                Locale = locale,
                ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            }
        );

    /// <summary>A phone (390×844, touch) in Chinese.</summary>
    public Task<IBrowserContext> PhoneAsync(string locale = "zh-CN") =>
        Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = BaseUrl,
                Locale = locale,
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
            }
        );

    /// <summary>A full-page screenshot under artifacts/screenshots/, optionally copied into docs/screenshots/.</summary>
    public async Task ScreenshotAsync(IPage page, string name, string? docsName = null)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (docsName is not null)
        {
            var docs = Path.Combine(RepoRoot, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, docsName + ".png"), overwrite: true);
        }
    }

    private static string FindRepoRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "Louyu.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            "Louyu.slnx not found above " + AppContext.BaseDirectory
        );
    }

    private sealed class LouyuKestrelFactory(string databaseFile, string dataKey)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Louyu", $"Data Source={databaseFile}");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Security:DataKey", dataKey);
            builder.UseSetting("Redis:Connection", "");
            builder.UseSetting("Storage:DataDirectory", databaseFile + "-files");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LouyuAppCollection : ICollectionFixture<LouyuAppFixture>
{
    public const string Name = "Louyu app";
}
