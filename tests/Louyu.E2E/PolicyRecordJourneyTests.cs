using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A walk-in at the workstation: the committee secretary opens a policy, finds the enterprise by part of its name,
/// sees why it qualifies criterion by criterion, records its application with a note, finds it waiting on the
/// applications page — and a second recording for the same enterprise is refused under the enterprise with the
/// rule, not with an error page. The enterprise is a matched one other than the demo contact's, without an
/// application yet, so the other journeys' figures stay as seeded.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class PolicyRecordJourneyTests(LouyuAppFixture app)
{
    private const string DemoEnterprise = "乐居乐筑(北京)新能源科技有限公司";

    /// <summary>A published policy (not granted without application) and a matched enterprise without an application.</summary>
    private static async Task<(Guid Policy, Guid Enterprise, string Name)> ChooseAsync(IPage page)
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
        async Task<JsonElement> GetAsync(string url) =>
            (await (await api.GetAsync(url, new() { Headers = bearer })).JsonAsync())!.Value;
        foreach (var p in (await GetAsync("/api/v1/policies")).EnumerateArray())
        {
            if (
                p.GetProperty("grantedWithoutApplication").GetBoolean()
                || p.GetProperty("status").GetString() != "Published"
            )
                continue;
            var id = p.GetProperty("id").GetGuid();
            var applied = (await GetAsync($"/api/v1/policy-applications?policyId={id}"))
                .EnumerateArray()
                .Select(a => a.GetProperty("enterpriseId").GetGuid())
                .ToHashSet();
            var matches = await GetAsync($"/api/v1/policies/{id}/matches?pageSize=50");
            foreach (var m in matches.GetProperty("items").EnumerateArray())
            {
                var name = m.GetProperty("enterpriseName").GetString()!;
                var enterprise = m.GetProperty("enterpriseId").GetGuid();
                if (
                    name != DemoEnterprise
                    && m.GetProperty("result").GetString() == "Eligible"
                    && !applied.Contains(enterprise)
                )
                    return (id, enterprise, name);
            }
        }
        throw new InvalidOperationException("No eligible enterprise without an application");
    }

    [Fact]
    public async Task Staff_find_the_enterprise_see_why_it_qualifies_and_record_its_application_once()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        var (policy, _, name) = await ChooseAsync(page);

        await page.GotoAsync($"/services/policies/{policy}");
        await Expect(page.GetByTestId("record-app")).ToBeVisibleAsync();
        // Part of the name is enough (the name without its last characters).
        await page.GetByTestId("record-q").FillAsync(name[..Math.Max(4, name.Length - 4)]);
        await Journey.ClickToPageAsync(page, page.GetByTestId("record-find"));
        var candidate = page.GetByTestId("record-candidate").Filter(new() { HasText = name });
        await Expect(candidate).ToHaveCountAsync(1);
        await Journey.ClickToPageAsync(page, candidate);

        var chosen = page.GetByTestId("record-chosen");
        await Expect(chosen).ToContainTextAsync(name);
        await Expect(chosen.GetByTestId("record-result")).ToHaveTextAsync("符合条件");
        await Expect(chosen.GetByTestId("reason").First).ToBeVisibleAsync();
        await page.GetByTestId("record-note")
            .FillAsync("企业经办人到工作站现场申请，营业执照复印件已收");
        await app.ScreenshotAsync(page, "policy-record-01-chosen-desktop");
        await page.GetByTestId("record-app")
            .ScreenshotAsync(new() { Path = Docs("policy-record-desktop") });
        await Journey.ClickToPageAsync(page, page.GetByTestId("record-submit"));
        await Expect(page.GetByTestId("record-done")).ToContainTextAsync(name);

        // Waiting on the applications page, marked as recorded by staff, with the note.
        await Journey.ClickToPageAsync(page, page.GetByTestId("record-done").Locator("a"));
        // The enterprise may hold other applications (other policies, other journeys): the row is this one's note.
        var row = page.GetByTestId("app-row")
            .Filter(new() { HasText = name })
            .Filter(new() { HasText = "营业执照复印件已收" });
        await Expect(row.GetByTestId("app-status")).ToHaveTextAsync("已申请");
        await Expect(row).ToContainTextAsync("营业执照复印件已收");

        // A second recording is refused under the enterprise, with the rule.
        await page.GotoAsync(
            $"/services/policies/{policy}?q={Uri.EscapeDataString(name)}&enterprise={await EnterpriseOfAsync(row)}"
        );
        await Expect(page.GetByTestId("record-existing")).ToBeVisibleAsync();
        await Journey.ClickToPageAsync(page, page.GetByTestId("record-submit"));
        await Expect(page.GetByTestId("record-form").Locator(".field-error"))
            .ToContainTextAsync("不能重复登记");
        await app.ScreenshotAsync(page, "policy-record-02-duplicate-desktop");
        await page.GetByTestId("record-app")
            .ScreenshotAsync(new() { Path = Docs("policy-record-duplicate-desktop") });
        var recordedUrl = page.Url;
        Assert.Empty(errors);

        // The same form on a phone, in English: the enterprise, why it qualifies, its application.
        await using var phone = await app.PhoneAsync("en-US");
        var m = await phone.NewPageAsync();
        var phoneErrors = Journey.CollectErrors(m);
        await Journey.LoginAsync(m, "secretary", Journey.DemoPassword);
        await m.GotoAsync("/culture/set?culture=en-US&returnUrl=%2F");
        await m.GotoAsync(recordedUrl);
        await Expect(m.GetByTestId("record-result")).ToHaveTextAsync("Eligible");
        await Expect(m.GetByTestId("record-existing")).ToContainTextAsync("already applied");
        await m.GetByTestId("record-app")
            .ScreenshotAsync(new() { Path = Docs("policy-record-phone-en") });
        Assert.Empty(phoneErrors);
    }

    private string Docs(string name) =>
        Path.Combine(app.RepoRoot, "docs", "screenshots", name + ".png");

    private static async Task<Guid> EnterpriseOfAsync(ILocator row)
    {
        var href = (await row.GetByTestId("app-enterprise").GetAttributeAsync("href"))!;
        return Guid.Parse(href[(href.LastIndexOf('/') + 1)..]);
    }
}
