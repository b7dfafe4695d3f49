using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// The committee secretary opens the policy catalogue, the new-energy policy's matched enterprises with their reasons,
/// and the demo enterprise's services page, and pushes its policy package; the enterprise's contact (郑秋锁) opens
/// /m/policies on a phone, sees why the enterprise qualifies criterion by criterion, and applies for a policy.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class PolicyJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Staff_push_a_package_and_the_contact_sees_why_and_applies_on_a_phone()
    {
        await using (var desktop = await app.DesktopAsync())
        {
            var page = await desktop.NewPageAsync();
            var errors = Journey.CollectErrors(page);
            await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
            await page.GotoAsync("/services/policies");
            await Expect(page.GetByTestId("policy-table")).ToContainTextAsync("稳岗返还");
            await app.ScreenshotAsync(
                page,
                "policies-01-catalogue-desktop",
                docsName: "policies-catalogue-desktop"
            );
            await Journey.ClickToPageAsync(
                page,
                page.GetByTestId("policy-link").Filter(new() { HasText = "新能源" })
            );
            var matches = page.GetByTestId("match-table");
            await Expect(matches).ToContainTextAsync("乐居乐筑(北京)新能源科技有限公司");
            await Expect(matches).ToContainTextAsync("：符合");
            await app.ScreenshotAsync(
                page,
                "policies-02-matches-desktop",
                docsName: "policies-matches-desktop"
            );
            await Journey.ClickToPageAsync(
                page,
                matches.GetByRole(
                    AriaRole.Link,
                    new() { Name = "乐居乐筑(北京)新能源科技有限公司" }
                )
            );
            await Expect(page.GetByTestId("es-saved")).ToContainTextAsync("¥170,600");
            await Journey.ClickToPageAsync(page, page.GetByTestId("es-push"));
            await Expect(page.GetByTestId("es-pushed")).ToBeVisibleAsync();
            await app.ScreenshotAsync(
                page,
                "policies-03-enterprise-desktop",
                docsName: "policies-enterprise-services-desktop"
            );
            Assert.Empty(errors);
        }

        await using var phone = await app.PhoneAsync();
        var m = await phone.NewPageAsync();
        var phoneErrors = Journey.CollectErrors(m);
        await Journey.LoginAsync(m, "enterprise", Journey.DemoPassword);
        await Expect(m).Not.ToHaveURLAsync(new Regex("/account/login"));
        await m.GotoAsync("/m/policies");
        var package = m.GetByTestId("my-package");
        await Expect(package).ToContainTextAsync("新能源");
        var energy = m.GetByTestId("my-policy").Filter(new() { HasText = "新能源产业" });
        await Expect(energy.GetByTestId("reason").First).ToBeVisibleAsync();
        await Expect(energy.GetByTestId("reasons"))
            .ToContainTextAsync("行业 M 科学研究和技术服务业：符合");
        await Expect(energy.GetByTestId("my-app-status")).ToContainTextAsync("已兑现");
        await app.ScreenshotAsync(
            m,
            "policies-04-my-package-phone",
            docsName: "policies-my-package-phone"
        );

        var rent = m.GetByTestId("my-policy").Filter(new() { HasText = "小微企业房租减免" });
        await Expect(rent.GetByTestId("reasons")).ToContainTextAsync("企业规模 小型：符合");
        await Journey.ClickToPageAsync(m, rent.GetByTestId("my-apply"));
        await Expect(m.GetByTestId("my-message")).ToContainTextAsync("小微企业房租减免");
        await Expect(
                m.GetByTestId("my-policy")
                    .Filter(new() { HasText = "小微企业房租减免" })
                    .GetByTestId("my-app-status")
            )
            .ToContainTextAsync("已申请");
        await app.ScreenshotAsync(
            m,
            "policies-05-applied-phone",
            docsName: "policies-applied-phone"
        );
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task Catalogue_and_phone_package_read_in_English()
    {
        await using var desktop = await app.DesktopAsync("en-US");
        var page = await desktop.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await page.GotoAsync("/services/policies/new");
        await app.ScreenshotAsync(
            page,
            "policies-06-new-en-desktop",
            docsName: "policies-new-en-desktop"
        );
        await page.GotoAsync("/services/office-days");
        await app.ScreenshotAsync(
            page,
            "policies-07-office-days-desktop",
            docsName: "policies-office-days-desktop"
        );

        await using var phone = await app.PhoneAsync("en-US");
        var m = await phone.NewPageAsync();
        await Journey.LoginAsync(m, "enterprise", Journey.DemoPassword);
        await m.GotoAsync("/m/policies");
        await Expect(m.GetByTestId("my-package")).ToBeVisibleAsync();
        await app.ScreenshotAsync(m, "policies-08-my-package-en-phone");
    }
}
