using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// Meetings (三会一课): the demo branch secretary, on a phone, schedules this month's 支委会, is refused without a
/// quorum (the rule and its source shown), records attendance with a quorum, minutes and a photo, and sees the
/// branch turn green on the compliance board; a member asks for leave on a phone and reads their notifications.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class MeetingJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Branch_secretary_records_this_months_committee_meeting_on_a_phone_and_the_branch_turns_green()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "branch", Journey.DemoPassword);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));

        // Before: the branch is amber (this month's 支委会 not held yet).
        await page.GotoAsync("/party-affairs/compliance");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("compliance-buildings").GetByRole(AriaRole.Link).First
        );
        await Expect(page.GetByTestId("compliance-branches")).ToContainTextAsync("本期待开");

        await page.GotoAsync("/party-affairs/meetings");
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-new"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("安排会议");
        var branch = await page.GetByTestId("meeting-branch")
            .Locator("option:checked")
            .InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(branch));

        // Nothing filled in: each field says what is missing.
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-submit"));
        await Expect(page.GetByTestId("error-kind")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-topic")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-place")).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            page,
            "meetings-01-new-refused-phone",
            docsName: "meetings-new-errors-phone"
        );

        await page.GetByTestId("meeting-kind").SelectOptionAsync("BranchCommittee");
        await page.GetByTestId("meeting-topic").FillAsync("研究部署本月支部工作");
        await page.GetByTestId("meeting-place").FillAsync("党群服务中心 201 会议室");
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-submit"));
        await Expect(page).ToHaveURLAsync(new Regex("/party-affairs/meetings/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("meeting-facts")).ToContainTextAsync("支委会");
        await Expect(page.GetByTestId("meeting-invitees")).ToContainTextAsync("本届支部委员会成员");
        var attendees = page.GetByTestId("attendee");
        var count = await attendees.CountAsync();
        Assert.True(count >= 3, $"{count} attendees");

        // Nobody marked: everyone absent, refused with the rule and its source.
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-save"));
        await Expect(page.GetByTestId("meeting-problem")).ToContainTextAsync("到会人数不足");
        await Expect(page.GetByTestId("meeting-problem-source"))
            .ToContainTextAsync("中国共产党支部工作条例");
        await app.ScreenshotAsync(page, "meetings-02-quorum-refused-phone");
        await ViewportShotAsync(page, "meetings-quorum-refused-phone");

        // Everyone present at one tap, then one on leave with a reason.
        await Journey.ClickToPageAsync(page, page.GetByTestId("mark-all-present"));
        await Expect(page.Locator("[data-testid=att-present]:checked")).ToHaveCountAsync(count);
        var last = attendees.Nth(count - 1);
        await last.Locator("label.att-leave").ClickAsync();
        await last.GetByTestId("att-reason").FillAsync("出差");
        await page.GetByTestId("meeting-minutes-input")
            .FillAsync("传达学习上级党组织文件精神，研究部署本月支部工作。");
        await page.GetByTestId("meeting-resolutions-input")
            .FillAsync("本月开展主题党日走访楼宇企业。");
        await app.ScreenshotAsync(page, "meetings-03-record-phone");
        await attendees.Nth(count - 3).ScrollIntoViewIfNeededAsync();
        await ViewportShotAsync(page, "meetings-record-phone");
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-save"));
        await Expect(page.GetByTestId("meeting-saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("meeting-status")).ToContainTextAsync("已召开");
        await Expect(page.GetByTestId("meeting-quorum")).ToContainTextAsync("符合法定人数");
        var url = page.Url;

        // A photo of the meeting (any PNG: the page itself).
        var png = await page.ScreenshotAsync(
            new()
            {
                Clip = new()
                {
                    X = 0,
                    Y = 0,
                    Width = 390,
                    Height = 300,
                },
            }
        );
        await page.GetByTestId("meeting-photo-file")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "meeting.png",
                    MimeType = "image/png",
                    Buffer = png,
                }
            );
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-photo-submit"));
        await Expect(page.GetByTestId("meeting-uploaded")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("meeting-photo")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-testid=meeting-photo]')].every(i => i.complete && i.naturalWidth > 0)"
        );
        await app.ScreenshotAsync(
            page,
            "meetings-04-recorded-phone",
            docsName: "meetings-recorded-phone"
        );

        // After: the branch is green, in words as well as colour.
        await page.GotoAsync("/party-affairs/compliance");
        await Journey.ClickToPageAsync(
            page,
            page.GetByTestId("compliance-buildings").GetByRole(AriaRole.Link).First
        );
        var row = page.GetByTestId("compliance-branches")
            .Locator("tbody tr")
            .Filter(new() { HasText = branch.Trim() });
        await Expect(row.Locator("[data-state]")).ToHaveAttributeAsync("data-state", "Green");
        await Expect(row.Locator("[data-state]")).ToContainTextAsync("达标");
        await app.ScreenshotAsync(
            page,
            "meetings-05-compliance-green-phone",
            docsName: "meetings-compliance-green-phone"
        );
        Assert.Empty(errors);

        // The same screens on a desk, in Chinese and in English.
        await using var desk = await app.DesktopAsync();
        var d = await desk.NewPageAsync();
        var deskErrors = Journey.CollectErrors(d);
        await Journey.LoginAsync(d, "branch", Journey.DemoPassword);
        await d.GotoAsync("/party-affairs/meetings");
        await Expect(d.GetByTestId("meetings-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(d, "meetings-list-desktop", docsName: "meetings-list-desktop");
        await d.GotoAsync("/party-affairs/meetings/new");
        await app.ScreenshotAsync(d, "meetings-new-desktop", docsName: "meetings-new-desktop");
        await d.GotoAsync(url);
        await Expect(d.GetByTestId("meeting-photo")).ToHaveCountAsync(1);
        await d.GetByTestId("meeting-record-toggle").ClickAsync();
        await app.ScreenshotAsync(
            d,
            "meetings-detail-desktop",
            docsName: "meetings-detail-desktop"
        );
        var path = new Uri(url).AbsolutePath;
        await d.GotoAsync($"/culture/set?culture=en-US&returnUrl={Uri.EscapeDataString(path)}");
        await d.GetByTestId("meeting-record-toggle").ClickAsync();
        await Expect(d.GetByTestId("meeting-save")).ToHaveTextAsync("Save the record");
        var labels = await d.Locator(
                "[data-testid=meeting-record] label, [data-testid=meeting-record] legend, h2"
            )
            .AllInnerTextsAsync();
        Assert.DoesNotMatch(Journey.Cjk(), string.Join(" ", labels));
        await app.ScreenshotAsync(
            d,
            "meetings-detail-desktop-en",
            docsName: "meetings-detail-desktop-en"
        );
        Assert.Empty(deskErrors);
    }

    /// <summary>What the user sees without scrolling, for pages too long to read whole (a branch's 20 attendees).</summary>
    private async Task ViewportShotAsync(IPage page, string name)
    {
        var docs = Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        await page.ScreenshotAsync(new() { Path = Path.Combine(docs, name + ".png") });
    }

    [Fact]
    public async Task Member_asks_for_leave_on_a_phone_and_reads_notifications()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "member", Journey.DemoPassword);
        await page.GotoAsync("/m");
        await Journey.ClickToPageAsync(page, page.GetByTestId("tile-meetings"));
        var meeting = page.GetByTestId("my-meeting").Filter(new() { HasText = "党课" }).First;
        await Expect(meeting.GetByTestId("my-meeting-status")).ToHaveTextAsync("待确认");
        await app.ScreenshotAsync(page, "meetings-06-mine-phone", docsName: "meetings-mine-phone");

        // No reason: refused, with the message by the field.
        await meeting.GetByTestId("ask-leave").ClickAsync();
        await Journey.ClickToPageAsync(page, meeting.GetByTestId("leave-submit"));
        meeting = page.GetByTestId("my-meeting").Filter(new() { HasText = "党课" }).First;
        await Expect(meeting.GetByTestId("error-reason")).ToContainTextAsync("请假须说明原因");

        await meeting.GetByTestId("leave-reason").FillAsync("当天在外地出差");
        await Journey.ClickToPageAsync(page, meeting.GetByTestId("leave-submit"));
        await Expect(page.GetByTestId("leave-sent")).ToContainTextAsync("当天在外地出差");
        meeting = page.GetByTestId("my-meeting").Filter(new() { HasText = "党课" }).First;
        await Expect(meeting.GetByTestId("my-meeting-status")).ToHaveTextAsync("请假");
        await app.ScreenshotAsync(
            page,
            "meetings-07-leave-phone",
            docsName: "meetings-leave-phone"
        );

        await page.GotoAsync("/m");
        await Journey.ClickToPageAsync(page, page.GetByTestId("tile-notifications"));
        var unread = page.Locator("[data-testid=notification][data-read=false]");
        var before = await unread.CountAsync();
        Assert.True(before > 0, "the demo meeting notices are unread");
        await app.ScreenshotAsync(
            page,
            "meetings-08-notifications-phone",
            docsName: "meetings-notifications-phone"
        );
        await Journey.ClickToPageAsync(page, unread.First.GetByTestId("notification-mark-read"));
        await Expect(unread).ToHaveCountAsync(before - 1);
        Assert.Empty(errors);
    }
}
