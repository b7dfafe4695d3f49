using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// The committee secretary sees the overdue receipt alert, issues a letter to an organisation outside Louyu,
/// downloads it as a PDF and opens it (pdftoppm renders it to a PNG that goes into docs/screenshots), then records
/// the receipt. The mobile-member and lost-contact pages fit a phone and switch to English.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class TransferJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task A_letter_is_issued_downloaded_as_pdf_opened_and_its_receipt_recorded()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));

        await page.GotoAsync("/party-affairs");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("link-transfers").GetByRole(AriaRole.Link)
        );
        await Expect(page.GetByTestId("overdue-alert")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("receipt-overdue").First).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "transfer-01-list", docsName: "transfers-list-desktop");

        await Journey.ClickToPageAsync(page, page.GetByTestId("transfer-new"));
        var from = page.GetByTestId("transfer-from");
        var org = await from.Locator("option:not([value=''])").Nth(3).GetAttributeAsync("value");
        await from.SelectOptionAsync(org!);
        await Journey.ClickToPageAsync(page, page.GetByTestId("from-submit"));
        var member = page.GetByTestId("transfer-member");
        var memberId = await member
            .Locator("option:not([value=''])")
            .First.GetAttributeAsync("value");
        await member.SelectOptionAsync(memberId!);
        // "Dues paid up to" follows the member's dues ledger; typed otherwise, a note names the ledger's month.
        var ledger = await member
            .Locator($"option[value='{memberId}']")
            .GetAttributeAsync("data-dues");
        await Expect(page.GetByTestId("transfer-dues")).ToHaveValueAsync(ledger ?? "");
        await page.GetByTestId("transfer-kind").SelectOptionAsync("Outbound");
        await page.GetByTestId("transfer-to-name").FillAsync("中共杭州市余杭区某街道工作委员会");
        var typed = ledger == "2026-10" ? "2026-09" : "2026-10";
        await page.GetByTestId("transfer-dues").FillAsync(typed);
        if (!string.IsNullOrEmpty(ledger))
            await Expect(page.GetByTestId("transfer-dues-note")).ToContainTextAsync(ledger);
        await app.ScreenshotAsync(page, "transfer-02-new", docsName: "transfers-new-desktop");
        await Journey.ClickToPageAsync(page, page.GetByTestId("transfer-submit"));
        await Expect(page).ToHaveURLAsync(new Regex(@"/party-affairs/transfers/[0-9a-f-]{36}$"));
        var number = await page.GetByTestId("transfer-number").InnerTextAsync();
        Assert.Matches(@"^〔\d{4}〕第\d{4}号$", number.Trim());

        // Download the letter and open it: render the page to a PNG with poppler's pdftoppm.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByTestId("letter-download").ClickAsync()
        );
        var pdf = Path.Combine(app.ScreenshotDir, "transfer-letter.pdf");
        await download.SaveAsAsync(pdf);
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
        var prefix = Path.Combine(app.ScreenshotDir, "transfer-letter");
        using (
            var p = Process.Start(
                new ProcessStartInfo("pdftoppm", ["-png", "-r", "80", "-singlefile", pdf, prefix])
                {
                    RedirectStandardError = true,
                }
            )!
        )
        {
            await p.WaitForExitAsync();
            Assert.Equal(0, p.ExitCode);
        }
        var png = prefix + ".png";
        Assert.True(new FileInfo(png).Length > 10_000, "the rendered letter is (nearly) empty");
        var docs = Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(png, Path.Combine(docs, "transfer-letter.png"), overwrite: true);

        // The receipt comes back: record it; the letter is received and the member has left Louyu.
        await page.GetByTestId("receipt-date").FillAsync(Journey.Today());
        await Journey.ClickToPageAsync(page, page.GetByTestId("receipt-submit"));
        await Expect(page.GetByTestId("transfer-receipt")).ToContainTextAsync("已接收");
        await Expect(page.GetByTestId("receipt-form")).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "transfer-03-detail", docsName: "transfers-detail-desktop");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Transfer_mobile_and_lost_contact_pages_fit_a_phone_and_speak_english()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        foreach (
            var (path, testId, shot) in new[]
            {
                ("/party-affairs/transfers", "transfers-table", "transfers-list-phone"),
                ("/party-affairs/mobile-members", "mobile-table", "mobile-members-phone"),
                ("/party-affairs/lost-contact", "lost-table", "lost-contact-phone"),
            }
        )
        {
            await page.GotoAsync(path);
            await Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{path} is {width}px wide on a 390px phone");
            await app.ScreenshotAsync(page, shot, docsName: shot);
        }
        await Expect(page.GetByTestId("propose-stop").First).ToBeVisibleAsync();
        await page.GotoAsync("/party-affairs/mobile-members");
        await Expect(page.GetByTestId("transfer-due").First).ToBeVisibleAsync();
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mobile members");
        await app.ScreenshotAsync(
            page,
            "mobile-members-phone-en",
            docsName: "mobile-members-phone-en"
        );
    }
}
