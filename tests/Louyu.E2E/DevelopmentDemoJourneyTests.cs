using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>A first-time branch secretary opens member development and finds the demo's cases at several stages.</summary>
[Collection(LouyuAppCollection.Name)]
public sealed class DevelopmentDemoJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task The_demo_branch_shows_development_cases_at_several_stages_on_desktop_and_phone()
    {
        foreach (var phone in new[] { false, true })
        {
            await using var context = phone ? await app.PhoneAsync() : await app.DesktopAsync();
            var page = await context.NewPageAsync();
            var errors = Journey.CollectErrors(page);
            await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
            await page.GotoAsync("/party-affairs/development");
            foreach (var name in new[] { "林晓雯", "周浩然", "陈思远", "王雨桐" })
                await Expect(page.Locator("body")).ToContainTextAsync(name);
            var suffix = phone ? "phone" : "desktop";
            await app.ScreenshotAsync(
                page,
                $"development-demo-list-{suffix}",
                docsName: $"development-demo-list-{suffix}"
            );
            await Journey.ClickToPageAsync(
                page,
                page.GetByRole(AriaRole.Link, new() { Name = "陈思远" })
            );
            await Expect(page.Locator("body")).ToContainTextAsync("提出转正申请");
            await app.ScreenshotAsync(
                page,
                $"development-demo-case-{suffix}",
                docsName: $"development-demo-case-{suffix}"
            );
            Assert.Empty(errors);
        }
    }
}
