using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A branch secretary registers an application, records the steps of the activist stage, is refused when naming the
/// development target one day before the activist's year is up (the rule and its source are shown), and then records
/// it on the first allowed day; the case moves to the development-target stage.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed partial class DevelopmentJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task A_step_refused_too_early_is_accepted_on_its_first_allowed_day()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/party-affairs");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("link-development").GetByRole(AriaRole.Link)
        );
        await Journey.ClickToPageAsync(page, page.GetByTestId("case-new"));
        var id = ResidentIdNumber.Compose(
            $"11{RandomNumberGenerator.GetInt32(10000):0000}",
            new DateOnly(1996, 4, 12),
            RandomNumberGenerator.GetInt32(500) * 2 + 1
        );
        await page.GetByTestId("case-name").FillAsync("端到端申请人");
        await page.GetByTestId("case-resident-id").FillAsync(id);
        var org = page.GetByTestId("case-organization");
        var first = await org.Locator("option:not([value=''])").First.GetAttributeAsync("value");
        await org.SelectOptionAsync(first!);
        await page.GetByTestId("case-applied-on").FillAsync("2024-03-15");
        await page.GetByTestId("case-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/party-affairs/development/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("step-1")).ToContainTextAsync("2024-03-15");

        foreach (
            var on in new[] { "2024-03-20", "2024-04-10", "2024-04-15", "2024-04-15", "2024-10-10" }
        )
            await RecordAsync(page, on);
        await Expect(page.GetByTestId("case-next")).ToContainTextAsync("2025-04-10");

        // One day early: refused, naming the rule and its source; nothing recorded.
        await RecordAsync(page, "2025-04-09");
        await Expect(page.GetByTestId("case-problem")).ToContainTextAsync("2025-04-10");
        await Expect(page.GetByTestId("case-problem-detail"))
            .ToContainTextAsync("发展党员工作细则");
        await Expect(page.GetByTestId("step-7")).Not.ToContainTextAsync("2025");
        await app.ScreenshotAsync(page, "dev-01-refused", docsName: "development-refused-desktop");

        await RecordAsync(page, "2025-04-10");
        await Expect(page.GetByTestId("step-7")).ToContainTextAsync("2025-04-10");
        await Expect(page.GetByTestId("case-stage")).ToContainTextAsync("发展对象");

        await page.GotoAsync("/party-affairs/development");
        await Expect(page.GetByTestId("cases-table")).ToContainTextAsync("端到端申请人");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Development_pages_fit_a_phone_and_speak_english()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/party-affairs/development/new");
        await Expect(page.GetByTestId("case-organization")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the application form is {width}px wide on a 390px phone");
        await app.ScreenshotAsync(page, "dev-02-new-phone", docsName: "development-new-phone");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Register an application");
    }

    private static async Task RecordAsync(IPage page, string on)
    {
        await page.GetByTestId("step-date").FillAsync(on);
        await Journey.ClickToPageAsync(page, page.GetByTestId("step-submit"));
    }
}
