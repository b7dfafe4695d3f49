using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>The pages anyone sees: home and login.</summary>
[Collection(LouyuAppCollection.Name)]
public sealed class PublicPagesTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Wrong_password_says_so_in_chinese_and_stays_on_the_login_page()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();

        await Journey.LoginAsync(page, "tax", "Wrong@2021");

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login"));
        await Expect(page.GetByTestId("logout")).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "login-01-wrong-password");
    }

    [Fact]
    public async Task Home_page_is_chinese_even_when_the_browser_asks_for_english()
    {
        await using var context = await app.DesktopAsync(locale: "en-US");
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByTestId("home-login")).ToHaveTextAsync("登录");
        await Expect(page.GetByTestId("login-link")).ToHaveTextAsync("登录");
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("English");
        await Expect(page.GetByText("Log in")).ToHaveCountAsync(0);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Journey.Cjk());
        await app.ScreenshotAsync(page, "home-01-zh");

        await page.GotoAsync("/account/login");
        await Expect(page.GetByTestId("login-submit")).ToHaveTextAsync("登录");
    }

    [Fact]
    public async Task Every_input_on_the_login_page_has_a_label()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        var unlabelled = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
              .filter(el => !(el.labels && el.labels.length > 0 && el.labels[0].innerText.trim())
                         && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
              .map(el => el.outerHTML)
            """
        );

        Assert.Empty(unlabelled);
        await Expect(page.Locator("input:not([type=hidden])")).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("密码", new() { Exact = true }))
            .ToHaveAttributeAsync("type", "password");
        await app.ScreenshotAsync(page, "login-02-phone");
    }
}
