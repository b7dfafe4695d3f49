using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// An enterprise's application for a policy is decided at /services/policies/applications: the committee secretary
/// opens the page from the policy catalogue, accepts the waiting application, is told a refusal needs a reason,
/// grants it with an amount in yuan, and the enterprise's services page shows the money saved grown by that amount.
/// The application is recorded through the API for an enterprise other than the demo contact's, so the other
/// journeys' figures stay as seeded.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class PolicyApplicationsJourneyTests(LouyuAppFixture app)
{
    private const string DemoEnterprise = "乐居乐筑(北京)新能源科技有限公司";

    /// <summary>
    /// Records an application (as staff, through the API) for a matched enterprise without one for that policy; the
    /// enterprise, its name and the application. The enterprise may hold other applications (other policies, other
    /// journeys), so rows are found by the application's id.
    /// </summary>
    private static async Task<(
        Guid Enterprise,
        string Name,
        Guid Application
    )> RecordApplicationAsync(IPage page)
    {
        var api = page.APIRequest;
        var token = await api.PostAsync(
            "/api/v1/auth/token",
            new() { DataObject = new { username = "secretary", password = Journey.DemoPassword } }
        );
        Assert.True(token.Ok, await token.TextAsync());
        var bearer = new Dictionary<string, string>
        {
            ["Authorization"] =
                "Bearer " + (await token.JsonAsync())!.Value.GetProperty("accessToken").GetString(),
        };
        var policies = (
            await (await api.GetAsync("/api/v1/policies", new() { Headers = bearer })).JsonAsync()
        )!.Value;
        foreach (var p in policies.EnumerateArray())
        {
            if (
                p.GetProperty("grantedWithoutApplication").GetBoolean()
                || p.GetProperty("status").GetString() != "Published"
            )
                continue;
            var id = p.GetProperty("id").GetGuid();
            var matches = (
                await (
                    await api.GetAsync(
                        $"/api/v1/policies/{id}/matches?pageSize=50",
                        new() { Headers = bearer }
                    )
                ).JsonAsync()
            )!.Value;
            foreach (var m in matches.GetProperty("items").EnumerateArray())
            {
                var name = m.GetProperty("enterpriseName").GetString()!;
                if (name == DemoEnterprise)
                    continue;
                var enterprise = m.GetProperty("enterpriseId").GetGuid();
                var r = await api.PostAsync(
                    "/api/v1/policy-applications",
                    new()
                    {
                        Headers = bearer,
                        DataObject = new
                        {
                            policyId = id,
                            enterpriseId = enterprise,
                            note = "企业来电申请，材料已齐",
                        },
                    }
                );
                if (r.Status == 201)
                    return (
                        enterprise,
                        name,
                        (await r.JsonAsync())!.Value.GetProperty("id").GetGuid()
                    );
            }
        }
        throw new InvalidOperationException("No matched enterprise to apply for");
    }

    private static decimal Yuan(string text) =>
        decimal.Parse(
            text.Trim().TrimStart('¥').Replace(",", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture
        );

    [Fact]
    public async Task Staff_accept_and_grant_an_application_and_the_enterprise_page_shows_the_saving()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        var (enterprise, name, application) = await RecordApplicationAsync(page);

        await page.GotoAsync($"/services/enterprises/{enterprise}");
        var before = Yuan(await page.GetByTestId("es-saved").InnerTextAsync());

        await page.GotoAsync("/services/policies");
        await Expect(page.GetByTestId("policy-applications-waiting")).ToBeVisibleAsync();
        await Journey.ClickToPageAsync(page, page.GetByTestId("policy-applications-link"));
        var row = page.Locator($"[data-app='{application}']");
        await Expect(row).ToContainTextAsync(name);
        await Expect(row.GetByTestId("app-status")).ToHaveTextAsync("已申请");
        await Expect(row).ToContainTextAsync("企业来电申请，材料已齐");
        await app.ScreenshotAsync(
            page,
            "policy-apps-01-waiting-desktop",
            docsName: "policy-applications-desktop"
        );
        await Journey.ClickToPageAsync(page, row.GetByTestId("app-accept"));
        await Expect(page.GetByTestId("apps-done")).ToContainTextAsync("已受理");
        await Expect(page.GetByTestId("apps-done")).ToContainTextAsync(name);

        await page.GetByTestId("apps-status").SelectOptionAsync("Accepted");
        await Journey.ClickToPageAsync(page, page.GetByTestId("apps-show"));
        row = page.Locator($"[data-app='{application}']");
        await Expect(row.GetByTestId("app-status")).ToHaveTextAsync("已受理");

        // A refusal without a reason is refused, in the user's language, on the row itself.
        await Journey.ClickToPageAsync(page, row.GetByTestId("app-reject"));
        row = page.Locator($"[data-app='{application}']");
        await Expect(row).ToContainTextAsync("不予通过须写明理由");
        await Expect(row.GetByTestId("app-status")).ToHaveTextAsync("已受理");

        await row.GetByTestId("app-amount-input").FillAsync("12,345.60");
        await Journey.ClickToPageAsync(page, row.GetByTestId("app-grant"));
        await Expect(page.GetByTestId("apps-done")).ToContainTextAsync("已兑现");

        await page.GotoAsync("/services/policies/applications?status=Granted");
        row = page.Locator($"[data-app='{application}']");
        await Expect(row.GetByTestId("app-amount")).ToHaveTextAsync("¥12,345.60");
        await app.ScreenshotAsync(page, "policy-apps-02-granted-desktop");
        await Journey.ClickToPageAsync(page, row.GetByTestId("app-enterprise"));
        await Expect(page.GetByTestId("es-saved"))
            .ToHaveTextAsync(
                string.Create(CultureInfo.InvariantCulture, $"¥{before + 12_345.60m:N2}")
            );
        await Expect(page.GetByTestId("es-applications")).ToContainTextAsync("¥12,345.60");
        Assert.Empty(errors);

        // On a phone: the accepted applications with their grant forms (the demo's 高新技术企业 application).
        await using var phone = await app.PhoneAsync();
        var m = await phone.NewPageAsync();
        var phoneErrors = Journey.CollectErrors(m);
        await Journey.LoginAsync(m, "secretary", Journey.DemoPassword);
        await m.GotoAsync("/services/policies/applications?status=Accepted");
        await Expect(m.GetByTestId("apps-count")).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            m,
            "policy-apps-03-accepted-phone",
            docsName: "policy-applications-phone"
        );
        Assert.Empty(phoneErrors);
    }

    [Fact]
    public async Task The_criteria_editor_picks_buildings_by_name_and_the_policy_page_names_them()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await page.GotoAsync("/services/policies/new");
        var picker = page.GetByTestId("building-picker");
        var first = picker.Locator("label").First;
        var building = (await first.InnerTextAsync()).Trim();
        Assert.DoesNotMatch("^[0-9a-f-]{36}$", building);
        await page.GetByTestId("title").FillAsync("楼宇限定测试政策（草稿）");
        await page.GetByTestId("issuer").FillAsync("北京市朝阳区商务局");
        await page.GetByTestId("summary").FillAsync("仅限所选楼宇内的企业");
        await first.Locator("input").CheckAsync();
        await picker.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(
            new()
            {
                Path = Path.Combine(
                    app.ScreenshotDir,
                    "policy-apps-04-building-picker-desktop.png"
                ),
            }
        );
        await Journey.ClickToPageAsync(page, page.GetByTestId("policy-submit"));
        await Expect(page.GetByTestId("policy-criteria"))
            .ToContainTextAsync("限于楼宇：" + building);

        // Editing keeps the chosen building ticked (saving the form no longer drops it).
        await Journey.ClickToPageAsync(page, page.GetByTestId("policy-edit"));
        await Expect(page.GetByTestId("building-picker").Locator("input:checked"))
            .ToHaveCountAsync(1);
        await Journey.ClickToPageAsync(page, page.GetByTestId("policy-submit"));
        await Expect(page.GetByTestId("policy-criteria"))
            .ToContainTextAsync("限于楼宇：" + building);
        Assert.Empty(errors);
    }
}
