using System.Text.RegularExpressions;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A party worker at a desk registers an enterprise that moved into their building (a wrong credit code is refused
/// with the standard named), finds it in the list, and sees the coverage to-do list grow by one.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed partial class OrganizationJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Party_worker_registers_an_enterprise_and_sees_it_in_the_coverage_todo_list()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/coverage");
        // The worker's scope is their buildings, and the badge says so.
        await Expect(page.GetByTestId("scope")).Not.ToContainTextAsync("全部楼宇");
        var uncovered = page.GetByTestId("todo-uncovered");
        await Expect(uncovered).ToBeVisibleAsync();
        var before = await TotalAsync(uncovered);
        await app.ScreenshotAsync(page, "org-01-coverage");

        await page.GotoAsync("/organization");
        await Journey.ClickToPageAsync(page, page.GetByTestId("link-enterprise-new"));
        var body = new string([
            .. Enumerable.Range(0, 8).Select(_ => (char)('0' + Random.Shared.Next(10))),
        ]);
        var code = UnifiedSocialCreditCode.Compose('9', '1', "110106", body);
        var name = $"北京端到端测试{body}科技有限公司";

        // A mistyped check character is refused, naming GB 32100-2015.
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        await FillAsync(page, wrong, name);
        await Journey.ClickToPageAsync(page, page.GetByTestId("enterprise-submit"));
        await Expect(page.GetByTestId("enterprise-problem")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("GB 32100");
        await app.ScreenshotAsync(page, "org-02-enterprise-refused");

        await FillAsync(page, code, name);
        await page.GetByTestId("enterprise-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/organization/enterprises\\?q=" + code));
        await Expect(page.GetByTestId("enterprise-table")).ToContainTextAsync(name);
        await app.ScreenshotAsync(page, "org-03-enterprise-listed");

        await page.GotoAsync("/organization/coverage");
        Assert.Equal(before + 1, await TotalAsync(page.GetByTestId("todo-uncovered")));

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(page.Locator("h1")).ToContainTextAsync("coverages");
        await app.ScreenshotAsync(page, "org-04-coverage-en");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Coverage_page_fits_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync("/organization/coverage");
        await Expect(page.GetByTestId("coverage-states")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "org-05-coverage-phone", docsName: "coverage-phone");
    }

    [Fact]
    public async Task Organisation_home_leads_to_every_page_of_the_module()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync("/organization");
        string[] links =
        [
            "buildings",
            "enterprises",
            "coverage",
            "organizations",
            "members",
            "pocket-members",
            "terms",
            "workers",
            "visits",
            "import",
        ];
        foreach (var link in links)
        {
            var href = await page.GetByTestId("link-" + link)
                .GetByRole(AriaRole.Link)
                .First.GetAttributeAsync("href");
            var response = await page.Context.APIRequest.GetAsync(href!);
            Assert.True(response.Ok, $"{href} answered {response.Status}");
        }
        await app.ScreenshotAsync(page, "org-06-home", docsName: "organization-home-desktop");

        await using var phone = await app.PhoneAsync();
        var p = await phone.NewPageAsync();
        await Journey.LoginAsync(p, "worker", Journey.DemoPassword);
        await Expect(p).ToHaveURLAsync(app.BaseUrl + "/insights");
        await p.GotoAsync("/organization");
        await Expect(p.GetByTestId("link-visits")).ToBeVisibleAsync();
        var width = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"/organization is {width}px wide on a 390px phone");
        await app.ScreenshotAsync(p, "org-07-home-phone", docsName: "organization-home-phone");
        Assert.Empty(errors);
    }

    private static async Task FillAsync(IPage page, string code, string name)
    {
        await page.GetByTestId("code").FillAsync(code);
        await page.GetByTestId("name").FillAsync(name);
        var building = page.GetByTestId("building");
        var first = await building
            .Locator("option:not([value=''])")
            .First.GetAttributeAsync("value");
        await building.SelectOptionAsync(first!);
        await page.GetByTestId("industry").SelectOptionAsync("I");
        await page.GetByTestId("floor").FillAsync("3");
        await page.GetByTestId("employees").FillAsync("12");
        await page.GetByTestId("legal").FillAsync("测试法人");
        await page.GetByTestId("moved-in").FillAsync("2026-01-05");
    }

    private static async Task<int> TotalAsync(ILocator todo)
    {
        var text = await todo.Locator(".todo-total").InnerTextAsync();
        return int.Parse(
            Digits().Match(text.Replace(",", "", StringComparison.Ordinal)).Value,
            System.Globalization.CultureInfo.InvariantCulture
        );
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
