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

    /// <summary>
    /// A branch secretary on a phone opens the branch's dues ledger, finds a member warned for 3 unpaid months,
    /// records the overdue months in one payment, and sees the warning gone; the member sees their own dues on
    /// /m/dues. Screenshots of each screen on a phone and on a desktop, in Chinese and English.
    /// </summary>
    [Fact]
    public async Task Branch_secretary_records_a_payment_on_a_phone_and_the_arrears_clear()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
        await page.GotoAsync("/party-affairs");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("link-dues-ledger").GetByRole(AriaRole.Link)
        );
        await Expect(page.GetByTestId("dues-ledger-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "dues-02-ledger-phone", docsName: "dues-ledger-phone");

        var warned = page.GetByTestId("dues-row")
            .Filter(new() { Has = page.GetByTestId("arrears-warning") })
            .First;
        await Expect(warned).ToBeVisibleAsync();
        var name = await warned.GetAttributeAsync("data-member");
        Assert.False(string.IsNullOrEmpty(name));
        await Journey.ClickToPageAsync(page, warned.GetByTestId("dues-record-payment"));
        await Expect(page.GetByTestId("dues-pay-member")).ToHaveTextAsync(name!);
        await app.ScreenshotAsync(page, "dues-03-pay-phone", docsName: "dues-record-payment-phone");
        await Journey.ClickToPageAsync(page, page.GetByTestId("dues-pay-submit"));

        await Expect(page.GetByTestId("dues-paid-notice")).ToContainTextAsync(name!);
        var row = page.Locator($"[data-testid=dues-row][data-member='{name}']");
        await Expect(row.GetByTestId("arrears-none")).ToBeVisibleAsync();
        await Expect(row.GetByTestId("dues-status")).ToContainTextAsync("已交");
        await app.ScreenshotAsync(page, "dues-04-ledger-after-phone");

        // The organisation may not pay for the member: the refusal names Art. 14.
        var flagged = page.GetByTestId("dues-row")
            .Filter(new() { Has = page.GetByTestId("arrears-flag") })
            .First;
        await Journey.ClickToPageAsync(page, flagged.GetByTestId("dues-record-payment"));
        await page.GetByTestId("dues-payer").SelectOptionAsync("Organization");
        await Journey.ClickToPageAsync(page, page.GetByTestId("dues-pay-submit"));
        await Expect(page.GetByTestId("dues-problem-source")).ToContainTextAsync("第十四条");
        await app.ScreenshotAsync(
            page,
            "dues-05-refused-phone",
            docsName: "dues-refused-by-organization-phone"
        );
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Dues_pages_on_a_desktop_in_both_languages_and_the_member_phone_page()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        foreach (
            var (url, shot) in new[]
            {
                ("/party-affairs/dues/ledger", "dues-ledger-desktop"),
                ("/party-affairs/dues/assessments", "dues-assessments-desktop"),
                ("/party-affairs/dues/arrears", "dues-arrears-desktop"),
                ("/party-affairs/dues/reports?by=building", "dues-reports-desktop"),
            }
        )
        {
            await page.GotoAsync(url);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await app.ScreenshotAsync(page, shot, docsName: shot);
        }
        await Expect(page.GetByTestId("dues-report-table")).ToBeVisibleAsync();
        // The committee secretary may reveal a base: shown once, audited.
        await page.GotoAsync("/party-affairs/dues/assessments");
        await Journey.ClickToPageAsync(page, page.GetByTestId("dues-reveal").First);
        await Expect(page.GetByTestId("dues-base-full")).ToBeVisibleAsync();

        await using var english = await app.DesktopAsync("en-US");
        var en = await english.NewPageAsync();
        await Journey.LoginAsync(en, "secretary", Journey.DemoPassword);
        await en.GotoAsync("/culture/set?culture=en-US&returnUrl=/party-affairs/dues/arrears");
        await Expect(en.Locator("h1")).ToHaveTextAsync("Arrears");
        Assert.DoesNotMatch(Journey.Cjk(), await en.Locator("thead").First.InnerTextAsync());
        await app.ScreenshotAsync(
            en,
            "dues-arrears-desktop-en",
            docsName: "dues-arrears-desktop-en"
        );

        await using var phone = await app.PhoneAsync();
        var m = await phone.NewPageAsync();
        await Journey.LoginAsync(m, "member", Journey.DemoPassword);
        await m.GotoAsync("/m");
        await Journey.ClickToPageAsync(m, m.GetByTestId("tile-dues"));
        await Expect(m.GetByTestId("my-dues-amount")).ToContainTextAsync("¥");
        await Expect(m.GetByTestId("my-dues-months")).ToBeVisibleAsync();
        await app.ScreenshotAsync(m, "dues-member-phone", docsName: "dues-member-phone");
        Assert.Empty(errors);
    }
}
