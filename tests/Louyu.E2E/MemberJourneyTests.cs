using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>A party member on a phone: the member area with its bottom navigation, in Chinese then English.</summary>
[Collection(LouyuAppCollection.Name)]
public sealed class MemberJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Member_on_phone_lands_on_the_member_home_with_bottom_navigation_and_switches_to_english()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);

        await Journey.LoginAsync(page, "member", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/m");
        await Expect(page.GetByTestId("member-greeting")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("member-greeting")).ToContainTextAsync("您好");

        var nav = page.GetByTestId("bottom-nav");
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.Locator("a")).ToHaveCountAsync(5);
        await Expect(nav.Locator("a")).ToContainTextAsync(["首页", "学习", "活动", "服务", "我的"]);
        await Expect(nav.Locator("a.active")).ToContainTextAsync("首页");

        // The bottom bar sits on the bottom edge of the screen, with thumb-sized targets.
        var box = await nav.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y + box.Height, 840, 848);
        foreach (var item in await nav.Locator("a").AllAsync())
        {
            var itemBox = await item.BoundingBoxAsync();
            Assert.NotNull(itemBox);
            Assert.True(
                itemBox.Height >= 44 && itemBox.Width >= 44,
                "a bottom-nav target smaller than 44px"
            );
        }
        await app.ScreenshotAsync(page, "member-01-home", docsName: "member-phone");

        // 我的 is one tap away and says who is logged in.
        await Journey.ClickToPageAsync(page, nav.GetByText("我的"));
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/m/me");
        await Expect(nav.Locator("a.active")).ToContainTextAsync("我的");
        await app.ScreenshotAsync(page, "member-02-me");

        await page.GotoAsync("/m");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/m$"));
        await Expect(page.GetByTestId("language-switch")).ToHaveTextAsync("中文");
        await Expect(nav.Locator("a"))
            .ToContainTextAsync(["Home", "Study", "Activities", "Services", "Me"]);
        await Expect(page.GetByTestId("member-greeting")).ToContainTextAsync("Hello");
        await Expect(nav.GetByText("首页")).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "member-03-home-en");
        Assert.Empty(errors);
    }
}
