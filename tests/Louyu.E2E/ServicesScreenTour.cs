using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Louyu.E2E;

/// <summary>Runs only when <c>LOUYU_SCREEN_TOUR</c> is set: a slow, manual check, not a CI test.</summary>
public sealed class ScreenTourFactAttribute : FactAttribute
{
    public ScreenTourFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOUYU_SCREEN_TOUR")))
            Skip = "set LOUYU_SCREEN_TOUR=1 to take the screen tour";
    }
}

/// <summary>
/// A screenshot of every workstation screen (/services/*, /admin/open311-keys, /m/services…, /m/policies; the policy
/// page also with an enterprise search of its "record an application" form) as the
/// administrator, the tax officer and the enterprise contact, in zh-CN and en-US, at 390×844 and 1366×900, into
/// artifacts/tour/, with a report of Chinese text on English pages and of pages wider than the phone. For looking
/// at, not for CI: <c>LOUYU_SCREEN_TOUR=1 dotnet test tests/Louyu.E2E --filter ServicesScreenTour</c>.
/// </summary>
public sealed partial class ServicesScreenTour(LouyuAppFixture app) : IClassFixture<LouyuAppFixture>
{
    private static readonly (int Width, int Height, string Name)[] Sizes =
    [
        (390, 844, "phone"),
        (1366, 900, "desk"),
    ];

    [ScreenTourFact]
    public async Task Every_services_screen_in_both_languages_on_phone_and_desk()
    {
        var dir = Path.Combine(app.RepoRoot, "artifacts", "tour");
        Directory.CreateDirectory(dir);
        var only = Environment.GetEnvironmentVariable("LOUYU_SCREEN_TOUR_ONLY");

        var admin = await SignedInAsync(async p =>
            await Journey.SetupAdministratorAsync(p, "touradmin", "Admin@2026-tour")
        );
        var tax = await SignedInAsync(p => Journey.LoginAsync(p, "tax", Journey.DemoPassword));
        var enterprise = await SignedInAsync(p =>
            Journey.LoginAsync(p, "enterprise", Journey.DemoPassword)
        );

        // Ids from the pages themselves: a ticket of the tax queue, a service, an enterprise, a policy.
        string ticket,
            filerTicket,
            serviceFile,
            policy,
            enterpriseId;
        await using (var c = await ContextAsync(admin, "zh-CN", 1366, 900))
        {
            var p = await c.NewPageAsync();
            await p.GotoAsync("/services/queue");
            ticket = (await p.GetByTestId("ticket-link").First.GetAttributeAsync("href"))!;
            await p.GotoAsync("/services/policies");
            // The first policy's own page (not /new, not /applications): a link ending in an id.
            policy = (
                await p.Locator("a[href^='/services/policies/']")
                    .EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))")
            ).First(h => Guid.TryParse(h["/services/policies/".Length..], out _));
            // An enterprise with sign-ups (the office days list links each one).
            await p.GotoAsync("/services/office-days");
            enterpriseId = (
                await p.Locator("a[href^='/services/enterprises/']").First.GetAttributeAsync("href")
            )!;
        }
        await using (var c = await ContextAsync(enterprise, "zh-CN", 390, 844))
        {
            var p = await c.NewPageAsync();
            await p.GotoAsync("/m/services");
            serviceFile = (await p.GetByTestId("service-file").First.GetAttributeAsync("href"))!;
            await p.GotoAsync("/m/services/tickets");
            var link = p.Locator("a[href^='/m/services/tickets/']");
            filerTicket =
                await link.CountAsync() > 0
                    ? (await link.First.GetAttributeAsync("href"))!
                    : "/m/services/tickets";
        }

        var tour = new List<(string User, BrowserContextOptionsState State, string Path)>();
        foreach (
            var path in new[]
            {
                "/services",
                "/services/queue",
                "/services/board",
                "/services/board/tax",
                "/services/boards",
                "/services/sent-back",
                "/services/extensions",
                "/services/file",
                ticket,
                enterpriseId,
                "/services/departments",
                "/services/office-days",
                "/services/admin/departments",
                "/services/admin/services",
                "/services/admin/officers",
                "/services/admin/sla",
                "/services/policies",
                "/services/policies/new",
                policy,
                policy + "?q=%E5%85%AC%E5%8F%B8",
                policy + "/edit",
                "/services/policies/applications",
                "/services/policies/applications?status=All",
                "/admin/open311-keys",
            }
        )
            tour.Add(("admin", admin, path));
        foreach (
            var path in new[]
            {
                "/services",
                "/services/queue",
                "/services/board",
                ticket,
                "/services/file",
            }
        )
            tour.Add(("tax", tax, path));
        foreach (
            var path in new[]
            {
                "/m/services",
                serviceFile,
                "/m/services/tickets",
                filerTicket,
                "/m/policies",
            }
        )
            tour.Add(("enterprise", enterprise, path));

        var report = new StringBuilder();
        foreach (var (user, state, path) in tour)
        {
            var name = $"{user}{Regex.Replace(path, "[^A-Za-z0-9]+", "-").TrimEnd('-')}";
            name = Regex.Replace(
                name,
                "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "-id"
            );
            if (only is not null && !name.Contains(only, StringComparison.Ordinal))
                continue;
            foreach (var culture in new[] { "zh-CN", "en-US" })
            foreach (var (width, height, size) in Sizes)
            {
                await using var c = await ContextAsync(state, culture, width, height);
                var p = await c.NewPageAsync();
                var errors = Journey.CollectErrors(p);
                var response = await p.GotoAsync(path);
                await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var file = $"{culture[..2]}-{size}-{name}.png";
                await p.ScreenshotAsync(
                    new PageScreenshotOptions { Path = Path.Combine(dir, file), FullPage = true }
                );
                report.AppendLine($"== {file} {path} HTTP {response?.Status}");
                foreach (var e in errors)
                    report.AppendLine("  error: " + e);
                var overflow = await p.EvaluateAsync<string[]>(
                    """
                    () => {
                      const w = document.documentElement.clientWidth;
                      const out = [];
                      if (document.documentElement.scrollWidth > w + 1) out.push(`page ${document.documentElement.scrollWidth}px > ${w}px`);
                      for (const el of document.querySelectorAll('body *')) {
                        const r = el.getBoundingClientRect();
                        if (r.width > 0 && r.right > w + 1 && getComputedStyle(el).position !== 'fixed') {
                          let inScroller = false;
                          for (let a = el.parentElement; a; a = a.parentElement) {
                            const o = getComputedStyle(a).overflowX;
                            if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
                          }
                          if (!inScroller) out.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
                        }
                      }
                      return out.slice(0, 8);
                    }
                    """
                );
                foreach (var o in overflow)
                    report.AppendLine("  overflow: " + o);
                if (culture == "en-US")
                {
                    var text = await p.Locator("body").InnerTextAsync();
                    foreach (
                        var line in text.Split('\n')
                            .Select(l => l.Trim())
                            .Where(l => Journey.Cjk().IsMatch(l))
                            .Distinct()
                            .Take(40)
                    )
                        report.AppendLine("  zh: " + line);
                }
            }
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "report.txt"), report.ToString());
    }

    private async Task<BrowserContextOptionsState> SignedInAsync(Func<IPage, Task> login)
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        await login(page);
        return new BrowserContextOptionsState(await context.StorageStateAsync());
    }

    private async Task<IBrowserContext> ContextAsync(
        BrowserContextOptionsState state,
        string culture,
        int width,
        int height
    )
    {
        var context = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = app.BaseUrl,
                Locale = culture,
                ViewportSize = new ViewportSize { Width = width, Height = height },
                IsMobile = width < 500,
                HasTouch = width < 500,
                StorageState = state.Json,
            }
        );
        await context.AddCookiesAsync([
            new Cookie
            {
                Name = ".AspNetCore.Culture",
                Value = Uri.EscapeDataString($"c={culture}|uic={culture}"),
                Url = app.BaseUrl,
            },
        ]);
        return context;
    }

    private sealed record BrowserContextOptionsState(string Json);
}
