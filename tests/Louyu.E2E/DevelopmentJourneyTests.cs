using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A branch secretary registers an application, records the steps of the activist stage, is refused when naming the
/// development target one day before the activist's year is up (the rule and its source are shown), and then records
/// it on the first allowed day; the case moves to the development-target stage.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed partial class DevelopmentJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task A_step_refused_too_early_is_accepted_on_its_first_allowed_day()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/party-affairs");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("link-development").GetByRole(AriaRole.Link)
        );
        await Journey.ClickToPageAsync(page, page.GetByTestId("case-new"));
        var id = ResidentIdNumber.Compose(
            $"11{RandomNumberGenerator.GetInt32(10000):0000}",
            new DateOnly(1996, 4, 12),
            RandomNumberGenerator.GetInt32(500) * 2 + 1
        );
        await page.GetByTestId("case-name").FillAsync("端到端申请人");
        await page.GetByTestId("case-resident-id").FillAsync(id);
        var org = page.GetByTestId("case-organization");
        var first = await org.Locator("option:not([value=''])").First.GetAttributeAsync("value");
        await org.SelectOptionAsync(first!);
        await page.GetByTestId("case-applied-on").FillAsync("2024-03-15");
        await page.GetByTestId("case-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/party-affairs/development/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("step-1")).ToContainTextAsync("2024-03-15");

        foreach (
            var on in new[] { "2024-03-20", "2024-04-10", "2024-04-15", "2024-04-15", "2024-10-10" }
        )
            await RecordAsync(page, on);
        await Expect(page.GetByTestId("case-next")).ToContainTextAsync("2025-04-10");

        // One day early: refused, naming the rule and its source; nothing recorded.
        await RecordAsync(page, "2025-04-09");
        await Expect(page.GetByTestId("case-problem")).ToContainTextAsync("2025-04-10");
        await Expect(page.GetByTestId("case-problem-detail"))
            .ToContainTextAsync("发展党员工作细则");
        await Expect(page.GetByTestId("step-7")).Not.ToContainTextAsync("2025");
        await app.ScreenshotAsync(page, "dev-01-refused", docsName: "development-refused-desktop");

        await RecordAsync(page, "2025-04-10");
        await Expect(page.GetByTestId("step-7")).ToContainTextAsync("2025-04-10");
        await Expect(page.GetByTestId("case-stage")).ToContainTextAsync("发展对象");

        await page.GotoAsync("/party-affairs/development");
        await Expect(page.GetByTestId("cases-table")).ToContainTextAsync("端到端申请人");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Development_pages_fit_a_phone_and_speak_english()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await page.GotoAsync("/party-affairs/development/new");
        await Expect(page.GetByTestId("case-organization")).ToBeVisibleAsync();
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the application form is {width}px wide on a 390px phone");
        await app.ScreenshotAsync(page, "dev-02-new-phone", docsName: "development-new-phone");
        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Register an application");
    }

    [Fact]
    public async Task A_document_is_attached_and_the_branch_overview_shows_what_is_late()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        // An activist since 10 April 2024 with no half-yearly assessment on file: overdue since 10 October 2024.
        await page.GotoAsync("/party-affairs/development/new");
        var id = ResidentIdNumber.Compose(
            $"11{RandomNumberGenerator.GetInt32(10000):0000}",
            new DateOnly(1997, 8, 20),
            RandomNumberGenerator.GetInt32(500) * 2
        );
        var name = "考察超期" + RandomNumberGenerator.GetInt32(1000, 9999);
        await page.GetByTestId("case-name").FillAsync(name);
        await page.GetByTestId("case-resident-id").FillAsync(id);
        var org = page.GetByTestId("case-organization");
        var orgId = await org.Locator("option:not([value=''])").First.GetAttributeAsync("value");
        await org.SelectOptionAsync(orgId!);
        await page.GetByTestId("case-applied-on").FillAsync("2024-03-15");
        await page.GetByTestId("case-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/party-affairs/development/[0-9a-f-]{36}$"));
        var caseUrl = page.Url;
        foreach (var on in new[] { "2024-03-20", "2024-04-10", "2024-04-15" })
            await RecordAsync(page, on);
        await Expect(page.GetByTestId("case-alert-HalfYearlyAssessment"))
            .ToContainTextAsync("已超期");
        await Expect(page.GetByTestId("case-alert-HalfYearlyAssessment"))
            .ToContainTextAsync("2024-10-10");

        // The branch overview: the branch counts a late case, and the case shows which rule it is late on.
        await page.GotoAsync("/party-affairs/development");
        await Journey.ClickToPageAsync(page, page.GetByTestId("branches-link"));
        var row = page.GetByTestId("branch-row")
            .Filter(new() { Has = page.Locator($"a[href$='{orgId}']") });
        await Expect(row.GetByTestId("branch-late")).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            page,
            "dev-03-branches",
            docsName: "development-branches-desktop"
        );
        await Journey.ClickToPageAsync(page, row.GetByRole(AriaRole.Link));
        var mine = page.GetByTestId("branch-case").Filter(new() { HasText = name });
        await Expect(mine.GetByTestId("branch-alert-HalfYearlyAssessment"))
            .ToContainTextAsync("已超期");
        await app.ScreenshotAsync(page, "dev-04-branch", docsName: "development-branch-desktop");

        // The assessment is attached (a PDF, dated yesterday): listed, downloadable, and no longer overdue.
        await page.GotoAsync(caseUrl);
        var yesterday = DateTime.UtcNow.AddHours(8).AddDays(-1).ToString("yyyy-MM-dd");
        var pdf = "%PDF-1.4\n% Louyu E2E\n%%EOF\n"u8.ToArray();
        await page.GetByTestId("document-kind").SelectOptionAsync("HalfYearAssessment");
        await page.GetByTestId("document-date").FillAsync(yesterday);
        await page.GetByTestId("document-file")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "半年考察.pdf",
                    MimeType = "application/pdf",
                    Buffer = pdf,
                }
            );
        await Journey.ClickToPageAsync(page, page.GetByTestId("document-submit"));
        await Expect(page.GetByTestId("case-document")).ToContainTextAsync("半年考察.pdf");
        await Expect(page.GetByTestId("case-document")).ToContainTextAsync("半年考察材料");
        await Expect(page.GetByTestId("case-alert-HalfYearlyAssessment"))
            .Not.ToContainTextAsync("已超期");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByTestId("case-document").GetByRole(AriaRole.Link).ClickAsync()
        );
        Assert.Equal("半年考察.pdf", download.SuggestedFilename);
        var saved = Path.Combine(app.ScreenshotDir, "downloaded-assessment.pdf");
        await download.SaveAsAsync(saved);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(saved));
        await app.ScreenshotAsync(
            page,
            "dev-05-case-documents",
            docsName: "development-case-documents-desktop"
        );

        // A file that is not what its name says is refused with the field's message; nothing is added.
        await page.GetByTestId("document-file")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "病毒.pdf",
                    MimeType = "application/pdf",
                    Buffer = [0x4D, 0x5A, 0x90, 0x00],
                }
            );
        await page.GetByTestId("document-date").FillAsync(yesterday);
        await Journey.ClickToPageAsync(page, page.GetByTestId("document-submit"));
        await Expect(page.GetByTestId("document-form")).ToContainTextAsync("按文件内容检查");
        await Expect(page.GetByTestId("case-document")).ToHaveCountAsync(1);
        Assert.Empty(errors);

        await using var phone = await app.PhoneAsync();
        var p = await phone.NewPageAsync();
        await Journey.LoginAsync(p, "secretary", Journey.DemoPassword);
        await Expect(p).Not.ToHaveURLAsync(new Regex("/account/login"));
        foreach (
            var (url, shot) in new[]
            {
                ("/party-affairs/development/branches", "development-branches-phone"),
                ($"/party-affairs/development/branches/{orgId}", "development-branch-phone"),
                (new Uri(caseUrl).AbsolutePath, "development-case-phone"),
            }
        )
        {
            await p.GotoAsync(url);
            var width = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{url} is {width}px wide on a 390px phone");
            await app.ScreenshotAsync(p, "dev-phone-" + shot, docsName: shot);
        }
    }

    [Fact]
    public async Task The_rules_table_and_the_holiday_calendar_are_kept_by_the_committee_secretary()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/admin/holidays?year=2025");
        await Expect(page.GetByTestId("working-days")).ToHaveTextAsync("248");
        await Expect(page.GetByTestId("holiday-2025-10-08")).ToContainTextAsync("国庆节、中秋节");
        await Expect(page.GetByTestId("holiday-2025-09-28")).ToContainTextAsync("调休上班");
        await Expect(page.GetByTestId("holiday-summary")).ToContainTextAsync("10-1 至 10-8，共8天");
        await app.ScreenshotAsync(page, "dev-06-holidays", docsName: "holidays-desktop");

        // A rule's limit changed with a reason: the history shows it; then it is set back.
        await page.GotoAsync("/admin/development-rules");
        await Expect(page.GetByTestId("rule-AdmissionPublicity")).ToContainTextAsync("5");
        await page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-months").FillAsync("4");
        await page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-reason")
            .FillAsync("端到端测试：临时调整");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-save")
        );
        await Expect(page.GetByTestId("rule-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rule-change").First).ToContainTextAsync("3 → 4");
        await page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-months").FillAsync("3");
        await page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-reason")
            .FillAsync("恢复原值");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("rule-ConversionApprovalWithinThreeMonths-save")
        );
        await Expect(page.GetByTestId("rule-change").First).ToContainTextAsync("4 → 3");
        await app.ScreenshotAsync(page, "dev-07-rules", docsName: "development-rules-desktop");
        Assert.Empty(errors);

        await using var phone = await app.PhoneAsync();
        var p = await phone.NewPageAsync();
        await Journey.LoginAsync(p, "secretary", Journey.DemoPassword);
        await Expect(p).Not.ToHaveURLAsync(new Regex("/account/login"));
        foreach (
            var (url, shot) in new[]
            {
                ("/admin/holidays?year=2026", "holidays-phone"),
                ("/admin/development-rules", "development-rules-phone"),
            }
        )
        {
            await p.GotoAsync(url);
            var width = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{url} is {width}px wide on a 390px phone");
            await app.ScreenshotAsync(p, "dev-phone-" + shot, docsName: shot);
        }
    }

    private static async Task RecordAsync(IPage page, string on)
    {
        await page.GetByTestId("step-date").FillAsync(on);
        await Journey.ClickToPageAsync(page, page.GetByTestId("step-submit"));
    }
}
