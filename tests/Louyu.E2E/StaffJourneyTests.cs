using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>A party worker at a desk and on a phone: dashboard, the report's figures, sections, English, log out.</summary>
[Collection(LouyuAppCollection.Name)]
public sealed class StaffJourneyTests(LouyuAppFixture app)
{
    private static readonly string[] Sections =
    [
        "organization",
        "party-affairs",
        "learning",
        "services",
        "community",
        "activities",
        "insights",
    ];

    [Fact]
    public async Task Secretary_on_desktop_sees_the_report_figures_sections_english_and_logs_out()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);

        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await ExpectDashboardAsync(page);
        await Expect(page.Locator("aside.sidebar")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "desktop-01-dashboard", docsName: "dashboard-desktop");

        await ExpectReportFiguresAsync(page);
        await app.ScreenshotAsync(page, "desktop-02-dashboard-2009");

        foreach (var section in Sections)
        {
            var link = page.Locator("aside.sidebar").GetByTestId($"nav-{section}");
            var response = await Journey.ClickToPageAsync(page, link);
            await ExpectSectionAsync(page, section, response);
            if (section == "organization")
                await app.ScreenshotAsync(page, "desktop-03-section-organization");
        }

        await ExpectEnglishDashboardAsync(page);
        await app.ScreenshotAsync(page, "desktop-04-dashboard-en");

        await LogOutAsync(page);
        await app.ScreenshotAsync(page, "desktop-05-logged-out");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Secretary_on_phone_sees_the_report_figures_reaches_sections_by_the_menu_and_logs_out()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);

        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await ExpectDashboardAsync(page);
        await Expect(page.Locator("aside.sidebar")).ToBeHiddenAsync();
        await app.ScreenshotAsync(page, "phone-01-dashboard", docsName: "dashboard-phone");

        // Nothing may be wider than the phone: no sideways scrolling.
        var overflow = await page.EvaluateAsync<int>(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        );
        Assert.True(overflow <= 0, $"the dashboard scrolls sideways by {overflow}px on a phone");

        await ExpectReportFiguresAsync(page);

        var menu = page.Locator("details.menu-toggle");
        foreach (var section in Sections)
        {
            await menu.Locator("summary").ClickAsync();
            var link = menu.GetByTestId($"nav-{section}");
            await Expect(link).ToBeVisibleAsync();
            if (section == "organization")
                await app.ScreenshotAsync(page, "phone-02-menu-open");
            var response = await Journey.ClickToPageAsync(page, link);
            await ExpectSectionAsync(page, section, response);
            if (section == "organization")
                await app.ScreenshotAsync(page, "phone-03-section-organization");
        }

        await ExpectEnglishDashboardAsync(page);
        await app.ScreenshotAsync(page, "phone-04-dashboard-en");

        await LogOutAsync(page);
        await app.ScreenshotAsync(page, "phone-05-logged-out");
        Assert.Empty(errors);
    }

    private static async Task ExpectDashboardAsync(IPage page)
    {
        foreach (var kpi in new[] { "buildings", "enterprises", "branches", "members", "workers" })
        {
            await Expect(page.GetByTestId($"kpi-{kpi}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId($"kpi-{kpi}-value"))
                .ToHaveTextAsync(new Regex(@"^\d{1,3}(,\d{3})*$"));
        }
        await Journey.ExpectChartDrawnAsync(page);
    }

    private async Task ExpectReportFiguresAsync(IPage page)
    {
        await page.GetByTestId("asof").FillAsync("2009-12-31");
        await Journey.ClickToPageAsync(page, page.GetByTestId("asof-submit"));
        await Expect(page).ToHaveURLAsync(new Regex(@"asOf=2009-12-31"));
        await Expect(page.GetByTestId("asof-caption")).ToContainTextAsync("2009-12-31");
        await Expect(page.GetByTestId("asof")).ToHaveValueAsync("2009-12-31");
        await Journey.ExpectFiguresAsync(page, "1", "162", "1", "32", "1");
        await Journey.ExpectChartDrawnAsync(page);

        await page.GotoAsync("/insights?asOf=2021-08-21");
        await Expect(page.GetByTestId("asof-caption")).ToContainTextAsync("2021-08-21");
        await Journey.ExpectFiguresAsync(page, "14", "1,314", "47", "432", "17");
        await Journey.ExpectChartDrawnAsync(page);
    }

    private async Task ExpectSectionAsync(IPage page, string section, IResponse response)
    {
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/" + section);
        if (section == "insights")
            await Expect(page.GetByTestId("kpi-enterprises")).ToBeVisibleAsync();
        else if (section == "organization")
            await Expect(page.GetByTestId("link-buildings")).ToBeVisibleAsync();
        else if (section == "party-affairs")
            await Expect(page.GetByTestId("link-todo")).ToBeVisibleAsync();
        else if (section == "services")
            await Expect(page.GetByTestId("link-directory")).ToBeVisibleAsync();
        else
            await Expect(page.GetByTestId("coming-section")).ToBeVisibleAsync();
        await Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
    }

    private static async Task ExpectEnglishDashboardAsync(IPage page)
    {
        await page.GotoAsync("/insights");
        var zhLabel = page.GetByText("企业党支部", new() { Exact = true });
        await Expect(zhLabel.First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("English");

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("中文");
        await Expect(page).ToHaveURLAsync(new Regex(@"/insights$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");

        await Expect(page.GetByTestId("kpi-enterprises").Locator(".kpi-label"))
            .ToHaveTextAsync("Enterprises");
        await Expect(page.GetByTestId("kpi-members").Locator(".kpi-label"))
            .ToHaveTextAsync("Party members");
        await Expect(page.GetByTestId("kpi-branches").Locator(".kpi-label"))
            .ToHaveTextAsync("Enterprise branches");
        await Expect(page.GetByTestId("logout")).ToHaveTextAsync("Log out");
        await Expect(page.GetByTestId("logout")).ToBeVisibleAsync();
        await Expect(page.GetByText("企业党支部")).ToHaveCountAsync(0);
        await Expect(page.GetByText("退出")).ToHaveCountAsync(0);
        await Journey.ExpectChartDrawnAsync(page);

        // The visible main text is English; building names are the only Chinese allowed.
        var text = await page.Locator("main").InnerTextAsync();
        var buildingNames = await page.Locator("#buildingId option").AllInnerTextsAsync();
        foreach (var name in buildingNames.Where(n => n.Length > 0))
            text = text.Replace(name, "", StringComparison.Ordinal);
        var chinese = Journey.Cjk().Matches(text).Select(m => m.Value).Distinct().ToList();
        Assert.True(
            chinese.Count == 0,
            $"Chinese left in the English dashboard: {string.Join("", chinese)}\n{text}"
        );
    }

    private async Task LogOutAsync(IPage page)
    {
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
        await Expect(page.GetByTestId("login-link")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("home-login")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("logout")).ToHaveCountAsync(0);

        // The dashboard is closed again.
        await page.GotoAsync("/insights");
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login"));
    }
}
