using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// An administrator (made at /setup, enrolled in TOTP) issues an Open311 API key at /admin/open311-keys, sees it
/// once, and revokes it; desktop and phone screenshots. Its own app: it creates the first administrator.
/// </summary>
public sealed class Open311KeysJourneyTests(LouyuAppFixture app) : IClassFixture<LouyuAppFixture>
{
    [Fact]
    public async Task An_administrator_issues_and_revokes_an_open311_key()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);

        await page.GotoAsync("/setup");
        await page.Locator("#setup-user").FillAsync("admin311");
        await page.Locator("#setup-name").FillAsync("系统管理员");
        await page.Locator("#setup-password").FillAsync("Admin@2026-open311");
        await Journey.ClickToPageAsync(page, page.Locator("button[type=submit]"));
        await Journey.LoginAsync(page, "admin311", "Admin@2026-open311");
        await page.GotoAsync("/account/totp");
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Replace(
            " ",
            "",
            StringComparison.Ordinal
        );
        await page.GetByTestId("totp-code").FillAsync(Journey.Totp(key));
        await Journey.ClickToPageAsync(page, page.GetByTestId("totp-submit"));

        await page.GotoAsync("/admin/open311-keys");
        await Expect(page.GetByTestId("key-form")).ToBeVisibleAsync();
        await page.GetByTestId("client-name").FillAsync("区政务服务 App");
        await Journey.ClickToPageAsync(page, page.GetByTestId("issue-key"));
        await Expect(page.GetByTestId("issued-key")).ToContainTextAsync("o311_");
        await Expect(page.GetByTestId("key-row")).ToHaveCountAsync(2); // and the demo key
        await app.ScreenshotAsync(page, "desktop-open311-keys", docsName: "open311-keys-desktop");

        // A phone: the same session, the table as cards.
        var state = await context.StorageStateAsync();
        await using var phone = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = app.BaseUrl,
                Locale = "zh-CN",
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
                StorageState = state,
            }
        );
        var mobile = await phone.NewPageAsync();
        await mobile.GotoAsync("/admin/open311-keys");
        await Expect(mobile.GetByTestId("keys-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(mobile, "phone-open311-keys", docsName: "open311-keys-phone");

        await Journey.ClickToPageAsync(page, page.GetByTestId("revoke-key").First);
        await Expect(page.GetByTestId("key-revoked")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
