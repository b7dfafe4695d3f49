using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// Party work (跑楼 and 换届): a party worker on a phone logs a visit while walking the building and finds it in the
/// log with its follow-up open; the committee secretary at a desk sees a term due soon and records the election.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class PartyWorkJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Party_worker_logs_a_visit_on_a_phone_and_sees_it_in_the_log()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/visits");
        await Expect(page.GetByTestId("visit-list")).ToBeVisibleAsync();
        await Journey.ClickToPageAsync(page, page.GetByTestId("visit-new"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("记录跑楼");
        // The date defaults to today in Asia/Shanghai.
        var today = DateOnly.Parse(Journey.Today());
        await Expect(page.GetByTestId("visited-on")).ToHaveValueAsync(today.ToString("yyyy-MM-dd"));

        // Purpose missing: refused with the field named, nothing saved.
        await Journey.ClickToPageAsync(page, page.GetByTestId("visit-submit"));
        await Expect(page.GetByTestId("visit-problem")).ToBeVisibleAsync();
        await Expect(page.Locator(".field-error")).ToContainTextAsync("必填");

        var purpose = $"端到端走访{Random.Shared.Next(100000, 999999)}";
        var enterprise = page.GetByTestId("enterprise");
        var options = await enterprise.Locator("option").AllAsync();
        Assert.True(options.Count > 1, "the worker's building lists its enterprises");
        await enterprise.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByTestId("purpose").FillAsync(purpose);
        await page.GetByTestId("findings").FillAsync("企业新招聘两名党员，组织关系在外地。");
        await page.GetByTestId("follow-up").FillAsync("协助两名党员转接组织关系");
        await page.GetByTestId("follow-up-by").FillAsync(today.AddDays(14).ToString("yyyy-MM-dd"));
        await app.ScreenshotAsync(page, "party-01-visit-new-phone", docsName: "visit-new-phone");
        await page.GetByTestId("visit-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/organization/visits\\?recorded=1"));
        await Expect(page.GetByTestId("visit-recorded")).ToBeVisibleAsync();
        var mine = page.GetByTestId("visit").Filter(new() { HasText = purpose });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine).ToContainTextAsync("赵鑫");
        await Expect(mine.GetByTestId("follow-state")).ToContainTextAsync("待跟进");
        await ViewportShotAsync(page, "visits-phone");

        // The phone page fits: nothing scrolls sideways.
        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"
        );
        Assert.False(overflow, "the visit log scrolls sideways on a phone");

        // Follow-up done from the log.
        await Journey.ClickToPageAsync(page, mine.GetByTestId("follow-done"));
        await Expect(
                page.GetByTestId("visit")
                    .Filter(new() { HasText = purpose })
                    .GetByTestId("follow-state")
            )
            .ToContainTextAsync("已办结");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Secretary_sees_a_term_due_soon_and_records_the_election()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/terms");
        await Expect(page.Locator("h1")).ToHaveTextAsync("换届提醒");
        var dueSoon = page.Locator("[data-testid=due-row][data-state=DueSoon]");
        await Expect(dueSoon.First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=due-row][data-state=Overdue]").First)
            .ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "party-03-terms-desktop", docsName: "terms-due-desktop");

        var row = dueSoon.First;
        var name = (await row.GetByTestId("due-link").InnerTextAsync()).Trim();
        await Journey.ClickToPageAsync(page, row.GetByTestId("due-link"));
        await Expect(page.GetByTestId("organization-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("current-term").GetByTestId("term-state"))
            .ToContainTextAsync("即将届满");
        await Expect(page.GetByTestId("organization-checks")).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            page,
            "party-04-detail-desktop",
            docsName: "organization-detail-desktop"
        );

        // The election: today, the first member as secretary, approval reference for an early election.
        var member = page.GetByTestId("member-0");
        var options = await member.Locator("option").AllAsync();
        Assert.True(options.Count > 1, "the organisation's members are offered for positions");
        await page.GetByTestId("role-0").SelectOptionAsync("Secretary");
        await member.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var secretary = (await member.Locator("option:checked").InnerTextAsync()).Trim();
        for (var i = 1; i < 5; i++)
        {
            await page.GetByTestId($"member-{i}").SelectOptionAsync("");
            await page.GetByTestId($"person-{i}").FillAsync("");
        }
        await page.GetByTestId("approval").FillAsync("丰两新党字〔2026〕8号");
        await page.GetByTestId("election-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("elected=1"));
        var current = page.GetByTestId("current-term");
        await Expect(current.GetByTestId("term-state")).ToContainTextAsync("任期内");
        await Expect(current.GetByTestId("positions")).ToContainTextAsync(secretary);
        await Expect(page.GetByTestId("term-history")).ToContainTextAsync("已换届");

        // The reminders no longer list it as due.
        await page.GotoAsync("/organization/terms?withinDays=365");
        await Expect(page.Locator("[data-testid=due-row]").Filter(new() { HasText = name }))
            .ToHaveCountAsync(0);

        await page.GotoAsync("/organization/workers");
        await Expect(page.GetByTestId("workers-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("todo-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "party-05-workers-desktop", docsName: "workers-desktop");

        await page.GotoAsync("/organization/pocket-members");
        await Expect(page.GetByTestId("pocket-row").First).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            page,
            "party-06-pocket-desktop",
            docsName: "pocket-members-desktop"
        );

        await page.GotoAsync("/organization/visits");
        await Expect(page.GetByTestId("visit").First).ToBeVisibleAsync();
        await ViewportShotAsync(page, "visits-desktop");

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await page.GotoAsync("/organization/terms");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Term reminders");
        await app.ScreenshotAsync(page, "party-08-terms-en");
        Assert.Empty(errors);
    }

    /// <summary>What the phone shows without scrolling (a long log as a full page is unreadable).</summary>
    private async Task ViewportShotAsync(IPage page, string name)
    {
        var path = Path.Combine(app.ScreenshotDir, "party-" + name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        var docs = Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
    }

    [Fact]
    public async Task Organisation_detail_and_term_reminders_fit_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync("/organization/terms");
        await Expect(page.GetByTestId("terms-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "party-09-terms-phone", docsName: "terms-due-phone");
        await Journey.ClickToPageAsync(page, page.GetByTestId("due-link").First);
        await Expect(page.GetByTestId("election")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"
        );
        Assert.False(overflow, "the organisation detail scrolls sideways on a phone");
        await app.ScreenshotAsync(
            page,
            "party-10-detail-phone",
            docsName: "organization-detail-phone"
        );
    }
}
