using System.Globalization;
using System.Text.RegularExpressions;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// Issue 3's journeys on the staff forms: a party worker at a desk registers a member (the resident ID checked by
/// GB 11643-1999, a duplicate refused naming it) and finds them in the list with the ID masked; edits the record (a
/// status change needs a reason, a stale edit is refused); forms a joint branch over two enterprises from the
/// coverage to-do list and sees coverage change; a member opens "my branch" on a phone.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed partial class OrganizationFormsJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Party_worker_adds_a_member_and_finds_them_in_the_list_with_the_id_masked()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/members");
        await Expect(page.GetByTestId("member-table")).ToBeVisibleAsync();
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-new"));
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/organization/members/new");

        var birth = new DateOnly(1986, 1, 1).AddDays(Random.Shared.Next(3000));
        var id = ResidentIdNumber.Compose("110105", birth, Random.Shared.Next(1, 450) * 2 + 1);
        var name = "测试党员" + id[^4..];
        await page.GetByTestId("name").FillAsync(name);
        await page.GetByTestId("resident-id").FillAsync(id);
        await page.GetByTestId("status").SelectOptionAsync("Full");
        await page.GetByTestId("joined-on").FillAsync(Iso(birth.AddYears(25)));
        await page.GetByTestId("full-member-on").FillAsync(Iso(birth.AddYears(26)));
        await page.GetByTestId("phone").FillAsync("13912345678");
        await page.GetByTestId("ethnicity").FillAsync("汉族");
        await page.GetByTestId("education").FillAsync("大学本科");
        await page.GetByTestId("position").FillAsync("工程师");
        await SelectFirstAsync(page.GetByTestId("organization"));
        await SelectFirstAsync(page.GetByTestId("enterprise"));

        // A birth date that is not the one in the ID is refused, naming the standard.
        await page.GetByTestId("birth-date").FillAsync(Iso(birth.AddDays(1)));
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-submit"));
        await Expect(page.GetByTestId("member-problem")).ToBeVisibleAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync(["出生日期与公民身份号码"]);
        await Expect(page.GetByTestId("id-check")).ToContainTextAsync("号码有效，但与所填不符");
        await Expect(page.GetByTestId("id-check")).ToContainTextAsync(Iso(birth));
        await app.ScreenshotAsync(page, "members-01-new-refused", docsName: "member-form-desktop");

        // Left empty, the birth date and gender come from the ID.
        await page.GetByTestId("birth-date").FillAsync("");
        await page.GetByTestId("member-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/organization/members/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("member-name")).ToHaveTextAsync(name);
        var masked = ResidentIdNumber.Mask(id);
        await Expect(page.GetByTestId("member-resident-id")).ToHaveTextAsync(masked);
        // A party worker may not see the full number: no "show full ID" action.
        await Expect(page.GetByTestId("member-reveal")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("member-status-history")).ToContainTextAsync("登记");
        var recordUrl = page.Url;

        // The list finds them by name, the ID and phone masked.
        await page.GotoAsync("/organization/members");
        await page.GetByTestId("filter-q").FillAsync(name);
        await Journey.ClickToPageAsync(page, page.GetByTestId("filter-submit"));
        await Expect(page)
            .ToHaveURLAsync(new Regex(@"q=" + Regex.Escape(Uri.EscapeDataString(name))));
        var row = page.GetByTestId("member-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("member-id")).ToHaveTextAsync(masked);
        await Expect(row).ToContainTextAsync("139****5678");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(id);
        await app.ScreenshotAsync(page, "members-02-list", docsName: "member-list-desktop");

        // Registering the same person again is refused, naming the (masked) number.
        await page.GotoAsync("/organization/members/new");
        await page.GetByTestId("name").FillAsync(name + "重");
        await page.GetByTestId("resident-id").FillAsync(id);
        await page.GetByTestId("status").SelectOptionAsync("Full");
        await page.GetByTestId("joined-on").FillAsync(Iso(birth.AddYears(25)));
        await page.GetByTestId("full-member-on").FillAsync(Iso(birth.AddYears(26)));
        await SelectFirstAsync(page.GetByTestId("organization"));
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-submit"));
        await Expect(page.GetByTestId("member-problem")).ToContainTextAsync(masked);
        await Expect(page.GetByTestId("member-problem")).ToContainTextAsync("已登记");

        // A change of organisational status needs a reason; with one it is kept in the history.
        await page.GotoAsync(recordUrl);
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-edit"));
        await page.GetByTestId("organizational-status").SelectOptionAsync("Mobile");
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-submit"));
        await Expect(page.Locator(".field-error")).ToContainTextAsync(["须填写变更原因"]);
        await page.GetByTestId("change-reason").FillAsync("外出务工，持流动党员活动证");
        await page.GetByTestId("member-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(recordUrl);
        await Expect(page.GetByTestId("member-organizational-status"))
            .ToContainTextAsync("流动党员");
        await Expect(page.GetByTestId("status-change").First).ToContainTextAsync("外出务工");
        await Expect(page.GetByTestId("status-change").First).ToContainTextAsync("赵鑫");
        await app.ScreenshotAsync(page, "members-03-record", docsName: "member-record-desktop");

        // Two edits of the same version: the second is refused and asks to reload.
        var other = await context.NewPageAsync();
        await other.GotoAsync(recordUrl + "/edit");
        await page.GotoAsync(recordUrl + "/edit");
        await page.GetByTestId("position").FillAsync("高级工程师");
        await page.GetByTestId("member-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(recordUrl);
        await other.GetByTestId("position").FillAsync("主任");
        await Journey.ClickToPageAsync(other, other.GetByTestId("member-submit"));
        await Expect(other.GetByTestId("member-problem")).ToContainTextAsync("已被他人修改");
        await Expect(other.GetByTestId("member-reload")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Party_worker_forms_a_joint_branch_from_the_coverage_todo_list_and_coverage_rises()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/coverage");
        var todo = page.GetByTestId("todo-membersNoOrganization");
        await Expect(todo).ToBeVisibleAsync();
        var rows = new List<(string Name, string Building)>();
        foreach (var tr in await todo.Locator("tbody tr").AllAsync())
        {
            var cells = await tr.Locator("td").AllInnerTextsAsync();
            rows.Add((cells[0].Trim(), cells[1].Trim()));
        }
        var pair = rows.GroupBy(r => r.Building).FirstOrDefault(g => g.Count() >= 2);
        Assert.True(pair is not null, "no two enterprises of one building in the to-do list");
        var chosen = pair.Take(2).Select(r => r.Name).ToArray();
        var rateBefore = await RateAsync(page);
        var jointBefore = await StateAsync(page, "JointOrganization");
        // An enterprise on that to-do list is "members but no organisation", or "instructor only" when an
        // instructor is assigned (the instructor does not make an organisation).
        var waitingBefore =
            await StateAsync(page, "MembersNoOrganization")
            + await StateAsync(page, "InstructorOnly");

        await page.GotoAsync("/organization/organizations");
        await Journey.ClickToPageAsync(page, page.GetByTestId("organization-new"));
        await page.GetByTestId("organization-building")
            .SelectOptionAsync(new SelectOptionValue { Label = pair.Key });
        await Journey.ClickToPageAsync(page, page.GetByTestId("organization-building-switch"));
        var name = $"{pair.Key}联合党支部{Random.Shared.Next(1000, 9999)}";
        await page.GetByTestId("type").SelectOptionAsync("JointBranch");
        await page.GetByTestId("name").FillAsync(name);
        await page.GetByTestId("grouping").SelectOptionAsync("Area");
        foreach (var enterprise in chosen)
        {
            // The filter box narrows the building's enterprises to the one typed.
            await page.GetByTestId("enterprise-filter").FillAsync(enterprise);
            var option = page.Locator(
                $"input[data-testid=enterprise-option][data-name=\"{enterprise}\"]"
            );
            await Expect(option).ToBeVisibleAsync();
            await option.CheckAsync();
        }
        await page.GetByTestId("enterprise-filter").FillAsync("");

        // Checking the rules first: the preview names each rule with its source.
        await Journey.ClickToPageAsync(page, page.GetByTestId("organization-check"));
        await Expect(page.GetByTestId("check-preview")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("enterprise-picker")).ToContainTextAsync("已选 2 家");
        await app.ScreenshotAsync(
            page,
            "org-forms-01-joint-branch",
            docsName: "organization-form-desktop"
        );

        await page.GetByTestId("organization-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/organization/organizations/[0-9a-f-]{36}$"));
        await Expect(page.Locator("main")).ToContainTextAsync(name);

        await page.GotoAsync("/organization/coverage");
        Assert.Equal(jointBefore + 2, await StateAsync(page, "JointOrganization"));
        Assert.Equal(
            waitingBefore - 2,
            await StateAsync(page, "MembersNoOrganization")
                + await StateAsync(page, "InstructorOnly")
        );
        Assert.True(
            await RateAsync(page) > rateBefore,
            "the organisation coverage rate did not rise"
        );
        var todoAfter = page.GetByTestId("todo-membersNoOrganization");
        foreach (var enterprise in chosen)
            await Expect(todoAfter.Locator("tbody tr", new() { HasText = enterprise }))
                .ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "org-forms-02-coverage-after");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Member_opens_my_branch_on_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "member", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/m");

        await Journey.ClickToPageAsync(page, page.Locator("a[href='/m/branch']").First);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/m/branch");
        await Expect(page.GetByTestId("my-branch-name")).ToContainTextAsync("支部");
        await Expect(page.GetByTestId("my-branch-building")).Not.ToHaveTextAsync("—");
        await Expect(page.GetByTestId("my-branch-secretary")).Not.ToContainTextAsync("未知");
        var count = int.Parse(
            await page.GetByTestId("my-branch-count").InnerTextAsync(),
            CultureInfo.InvariantCulture
        );
        Assert.True(
            count >= 2,
            $"the branch has {count} members; the demo puts at least two there"
        );
        await Expect(page.GetByTestId("my-record-id")).ToContainTextAsync("********");
        // Everything fits the phone's width.
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width}px wide on a 390px phone");
        await app.ScreenshotAsync(page, "member-04-my-branch", docsName: "my-branch-phone");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Member_pages_and_organisation_form_fit_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/members");
        await Expect(page.GetByTestId("member-row").First).ToBeVisibleAsync();
        await ExpectFitsAsync(page);
        await ViewportShotAsync(page, "member-list-phone");

        // The committee secretary may see the full number; the view is audited by the service.
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-link").First);
        var masked = await page.GetByTestId("member-resident-id").InnerTextAsync();
        Assert.Contains("********", masked, StringComparison.Ordinal);
        await Journey.ClickToPageAsync(page, page.GetByTestId("member-reveal"));
        await Expect(page.GetByTestId("member-revealed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("member-resident-id"))
            .ToHaveTextAsync(new Regex(@"^\d{17}[\dX]$"));
        await ExpectFitsAsync(page);
        await app.ScreenshotAsync(page, "members-05-record-phone", docsName: "member-record-phone");

        await page.GotoAsync("/organization/organizations/new");
        await page.GetByTestId("type").SelectOptionAsync("JointBranch");
        await ExpectFitsAsync(page);
        await app.ScreenshotAsync(
            page,
            "org-forms-03-form-phone",
            docsName: "organization-form-phone"
        );

        // In English the same pages speak English.
        await page.GotoAsync("/organization/members");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Party members");
        await Expect(page.GetByTestId("member-total")).ToContainTextAsync("masked");
        await app.ScreenshotAsync(page, "members-06-list-phone-en");
        Assert.Empty(errors);
    }

    /// <summary>The first screen of a long page (a phone list runs to hundreds of cards), into docs/screenshots/.</summary>
    private async Task ViewportShotAsync(IPage page, string name)
    {
        var path = Path.Combine(app.ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        var docs = Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
    }

    private static async Task ExpectFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width}px wide on a 390px phone");
    }

    private static async Task SelectFirstAsync(ILocator select)
    {
        var first = await select.Locator("option:not([value=''])").First.GetAttributeAsync("value");
        await select.SelectOptionAsync(first!);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<int> StateAsync(IPage page, string state)
    {
        var text = await page.GetByTestId("state-" + state).Locator("td").Last.InnerTextAsync();
        return int.Parse(
            text.Replace(",", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture
        );
    }

    private static async Task<double> RateAsync(IPage page)
    {
        var text = await page.GetByTestId("rate-organization")
            .Locator(".kpi-value")
            .InnerTextAsync();
        return double.Parse(Number().Match(text).Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?")]
    private static partial Regex Number();
}
