using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A branch secretary on a phone works out a member's monthly dues: a base of 6,500 yuan pays 1.5% of the whole base,
/// 97.50 yuan, and the page names the article; a mistyped amount is refused with a message.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class DuesJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Branch_secretary_calculates_dues_on_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/party-affairs");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("link-dues-calculator").GetByRole(AriaRole.Link)
        );

        await page.GetByTestId("dues-base").FillAsync("65OO");
        await Journey.ClickToPageAsync(page, page.GetByTestId("dues-calculate"));
        await Expect(page.GetByTestId("dues-error")).ToBeVisibleAsync();

        await page.GetByTestId("dues-base").FillAsync("6500");
        await Journey.ClickToPageAsync(page, page.GetByTestId("dues-calculate"));
        var result = page.GetByTestId("dues-result");
        await Expect(result).ToContainTextAsync("97.50");
        await Expect(page.GetByTestId("dues-bracket")).ToContainTextAsync("1.5%");
        await Expect(page.GetByTestId("dues-rule")).ToContainTextAsync("中组发〔2008〕3号 第二条");
        await app.ScreenshotAsync(
            page,
            "dues-01-calculator-phone",
            docsName: "dues-calculator-phone"
        );
        Assert.Empty(errors);
    }
}
