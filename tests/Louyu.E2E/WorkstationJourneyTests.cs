using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// The workstation (issue 5): the demo enterprise contact (郑秋锁, user "enterprise") files a complaint with the tax
/// department on a phone; the tax officer (user "tax") signs for it at the desk and asks for a document; the contact
/// uploads it; the officer replies and closes; the contact rates it. A dissatisfied rating reopens a ticket for a
/// second round. The department's board counts a newly filed ticket without a reload (SignalR).
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class WorkstationJourneyTests(LouyuAppFixture app)
{
    private const string ComplaintCode = "tax-complain";

    [Fact]
    public async Task Contact_files_a_complaint_officer_handles_it_and_the_contact_rates_it()
    {
        await using var phoneContext = await app.PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        var phoneErrors = Journey.CollectErrors(phone);
        await Journey.LoginAsync(phone, "enterprise", Journey.DemoPassword);
        await Expect(phone).ToHaveURLAsync(new Regex("/m$"));

        // From the phone home to the services and the tax department's complaint.
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("tile-services"));
        await Expect(phone.GetByTestId("directory")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("department")).ToHaveCountAsync(8);
        await app.ScreenshotAsync(
            phone,
            "workstation-01-services-phone",
            docsName: "workstation-services-phone"
        );
        await Journey.ClickToPageAsync(phone, await OpenComplaintAsync(phone));

        // Nothing written: refused with the field named.
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("file-submit"));
        await Expect(phone.GetByTestId("error-description")).ToBeVisibleAsync();
        await app.ScreenshotAsync(
            phone,
            "workstation-02-file-refused-phone",
            docsName: "workstation-file-errors-phone"
        );

        var number = await FileComplaintAsync(
            phone,
            "发票系统连续三天无法开具电子专票，影响与客户结算，请尽快协调解决。"
        );
        await app.ScreenshotAsync(
            phone,
            "workstation-03-filed-phone",
            docsName: "workstation-ticket-filed-phone"
        );

        // The officer at the desk: the queue, the ticket, sign, ask for a document.
        await using var deskContext = await app.DesktopAsync();
        var desk = await deskContext.NewPageAsync();
        var deskErrors = Journey.CollectErrors(desk);
        await Journey.LoginAsync(desk, "tax", Journey.DemoPassword);
        await Expect(desk).ToHaveURLAsync(new Regex("/services$"));
        await Journey.ClickToPageAsync(
            desk,
            desk.GetByTestId("link-queue").GetByRole(AriaRole.Link)
        );
        var row = desk.Locator($"[data-testid=ticket][data-number='{number}']");
        await Expect(row).ToContainTextAsync("待签收");
        await app.ScreenshotAsync(
            desk,
            "workstation-04-queue-desktop",
            docsName: "workstation-queue-desktop"
        );
        await Journey.ClickToPageAsync(desk, row.GetByTestId("ticket-link"));
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-sign"));
        await Expect(desk.GetByTestId("action-done")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
        await desk.GetByTestId("request-what").FillAsync("请上传开票失败页面的截图。");
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-request-documents"));
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("待补件");
        await Expect(desk.GetByTestId("ticket-due")).ToContainTextAsync("暂停计时");
        await app.ScreenshotAsync(
            desk,
            "workstation-05-ticket-desktop",
            docsName: "workstation-ticket-desktop"
        );

        // The contact sees the request on the phone and uploads the screenshot.
        await phone.GotoAsync("/m/services/tickets");
        await Journey.ClickToPageAsync(
            phone,
            phone.Locator($"[data-testid=ticket][data-number='{number}'] [data-testid=ticket-link]")
        );
        await Expect(phone.GetByTestId("documents-asked")).ToContainTextAsync("截图");
        var png = await phone.ScreenshotAsync(
            new()
            {
                Clip = new()
                {
                    X = 0,
                    Y = 0,
                    Width = 390,
                    Height = 200,
                },
            }
        );
        await phone
            .GetByTestId("documents-files")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "开票失败.png",
                    MimeType = "image/png",
                    Buffer = png,
                }
            );
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("documents-submit"));
        await Expect(phone.GetByTestId("action-done")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
        await Expect(phone.GetByTestId("ticket-file")).ToHaveCountAsync(1);

        // The officer replies and closes.
        await desk.ReloadAsync();
        await desk.GetByTestId("reply-text")
            .FillAsync("已联系税务局信息中心重置开票设备，现已恢复正常开具。");
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-reply"));
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("已答复");
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-close"));
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("已办结");

        // The contact reads every public step and rates it.
        await phone.ReloadAsync();
        await Expect(phone.GetByTestId("ticket-reply")).ToContainTextAsync("恢复正常");
        foreach (var step in new[] { "提交", "签收", "要求补件", "补件收齐", "答复", "办结" })
            await Expect(phone.GetByTestId("timeline")).ToContainTextAsync(step);
        await phone.GetByTestId("grade-Satisfied").CheckAsync();
        await phone.GetByTestId("rate-comment").FillAsync("处理及时，谢谢。");
        await app.ScreenshotAsync(
            phone,
            "workstation-06-rate-phone",
            docsName: "workstation-rate-phone"
        );
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("rate-submit"));
        await Expect(phone.GetByTestId("ticket-rating")).ToContainTextAsync("满意");
        await Expect(phone.GetByTestId("ticket-status")).ToHaveTextAsync("已办结");

        // The same screens in English.
        await using var enContext = await app.PhoneAsync("en-US");
        var en = await enContext.NewPageAsync();
        await Journey.LoginAsync(en, "enterprise", Journey.DemoPassword);
        await en.GotoAsync("/culture/set?culture=en-US&returnUrl=/m/services/tickets");
        await app.ScreenshotAsync(
            en,
            "workstation-09-my-tickets-en-phone",
            docsName: "workstation-my-tickets-en-phone"
        );
        await Expect(en.GetByTestId("tickets")).ToContainTextAsync("Closed");
        Assert.DoesNotMatch(Journey.Cjk(), await en.Locator("h1").First.InnerTextAsync());

        Assert.Empty(phoneErrors);
        Assert.Empty(deskErrors);
    }

    [Fact]
    public async Task A_dissatisfied_rating_reopens_the_ticket_for_a_second_round()
    {
        await using var phoneContext = await app.PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        await Journey.LoginAsync(phone, "enterprise", Journey.DemoPassword);
        await phone.GotoAsync("/m/services");
        await Journey.ClickToPageAsync(phone, await OpenComplaintAsync(phone));
        var number = await FileComplaintAsync(phone, "园区税务大厅取号机经常故障，排队秩序混乱。");

        await using var deskContext = await app.DesktopAsync();
        var desk = await deskContext.NewPageAsync();
        await Journey.LoginAsync(desk, "tax", Journey.DemoPassword);
        await desk.GotoAsync("/services/queue");
        await Journey.ClickToPageAsync(
            desk,
            desk.Locator($"[data-testid=ticket][data-number='{number}'] [data-testid=ticket-link]")
        );
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-sign"));
        await desk.GetByTestId("reply-text").FillAsync("已提醒大厅管理方检修取号机。");
        await Journey.ClickToPageAsync(desk, desk.GetByTestId("act-reply"));
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("已答复");

        await phone.ReloadAsync();
        await phone.GetByTestId("grade-Dissatisfied").CheckAsync();
        await phone.GetByTestId("rate-comment").FillAsync("只是提醒，没有解决问题。");
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("rate-submit"));
        await Expect(phone.GetByTestId("ticket-reopened")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
        await Expect(phone.GetByTestId("timeline")).ToContainTextAsync("重新办理");
        await app.ScreenshotAsync(
            phone,
            "workstation-07-reopened-phone",
            docsName: "workstation-reopened-phone"
        );

        await desk.ReloadAsync();
        await Expect(desk.GetByTestId("ticket-reopened")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("ticket-status")).ToHaveTextAsync("办理中");
    }

    [Fact]
    public async Task The_department_board_counts_a_new_ticket_without_a_reload()
    {
        await using var deskContext = await app.DesktopAsync();
        var board = await deskContext.NewPageAsync();
        var errors = Journey.CollectErrors(board);
        await Journey.LoginAsync(board, "tax", Journey.DemoPassword);
        await board.GotoAsync("/services/board");
        await Expect(board.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "live");
        var before = int.Parse(await board.GetByTestId("count-Submitted-value").InnerTextAsync());
        await app.ScreenshotAsync(
            board,
            "workstation-08-board-desktop",
            docsName: "workstation-board-desktop"
        );

        await using var phoneContext = await app.PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        await Journey.LoginAsync(phone, "enterprise", Journey.DemoPassword);
        await phone.GotoAsync("/m/services");
        await Journey.ClickToPageAsync(phone, await OpenComplaintAsync(phone));
        await FileComplaintAsync(phone, "电子税务局登录后页面空白。");

        // No reload: the count changes through the live push.
        await Expect(board.GetByTestId("count-Submitted-value"))
            .ToHaveTextAsync((before + 1).ToString());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Screens_on_a_phone_and_a_desk()
    {
        await using var phoneContext = await app.PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        await Journey.LoginAsync(phone, "tax", Journey.DemoPassword);
        foreach (
            var (path, name) in new[]
            {
                ("/services", "workstation-home-phone"),
                ("/services/queue", "workstation-queue-phone"),
                ("/services/board", "workstation-board-phone"),
            }
        )
        {
            await phone.GotoAsync(path);
            await Expect(phone.Locator("h1").First).ToBeVisibleAsync();
            await app.ScreenshotAsync(phone, name, docsName: name);
        }

        // The officer files a walk-in's complaint at the desk, for the enterprise found by name.
        await phone.GotoAsync("/services/file");
        await phone
            .GetByTestId("desk-service")
            .SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await phone.GetByTestId("desk-q").FillAsync("乐居");
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("desk-next"));
        await Expect(phone.GetByTestId("desk-enterprise")).ToHaveCountAsync(1);
        await phone.GetByTestId("desk-filer-name").FillAsync("郑秋锁");
        await phone.GetByTestId("desk-filer-phone").FillAsync("13800000005");
        await phone
            .GetByTestId("desk-description")
            .FillAsync("来窗口咨询研发费用加计扣除的申报时间。");
        await app.ScreenshotAsync(
            phone,
            "workstation-desk-file-filled-phone",
            docsName: "workstation-desk-file-phone"
        );
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("desk-submit"));
        await Expect(phone).ToHaveURLAsync(new Regex("/services/tickets/[0-9a-f-]{36}"));
        await Expect(phone.GetByTestId("ticket-head")).ToContainTextAsync("窗口登记");
        await app.ScreenshotAsync(
            phone,
            "workstation-desk-ticket-phone",
            docsName: "workstation-ticket-phone"
        );

        await using var deskContext = await app.DesktopAsync();
        var desk = await deskContext.NewPageAsync();
        await Journey.LoginAsync(desk, "secretary", Journey.DemoPassword);
        foreach (
            var (path, name) in new[]
            {
                ("/services", "workstation-home-desktop"),
                ("/services/boards", "workstation-boards-desktop"),
                ("/services/sent-back", "workstation-sent-back-desktop"),
                ("/services/extensions", "workstation-extensions-desktop"),
                ("/services/departments", "workstation-directory-desktop"),
                ("/services/admin/departments", "workstation-admin-departments-desktop"),
                ("/services/admin/services", "workstation-admin-services-desktop"),
                ("/services/admin/officers", "workstation-admin-officers-desktop"),
                ("/services/admin/sla", "workstation-admin-sla-desktop"),
            }
        )
        {
            await desk.GotoAsync(path);
            await Expect(desk.Locator("h1").First).ToBeVisibleAsync();
            await app.ScreenshotAsync(desk, name, docsName: name);
        }
    }

    /// <summary>Unfolds the tax department on the phone's services page and returns its complaint's link.</summary>
    private static async Task<ILocator> OpenComplaintAsync(IPage phone)
    {
        await phone
            .Locator("[data-testid=department][data-code=tax] [data-testid=department-open]")
            .ClickAsync();
        return phone.Locator(
            $"[data-testid=service][data-code={ComplaintCode}] [data-testid=service-file]"
        );
    }

    /// <summary>Fills the open filing form (answering any required extra question) and returns the ticket's number.</summary>
    private static async Task<string> FileComplaintAsync(IPage phone, string description)
    {
        await phone.GetByTestId("file-description").FillAsync(description);
        var attributes = phone.GetByTestId("attribute");
        for (var i = 0; i < await attributes.CountAsync(); i++)
        {
            var a = attributes.Nth(i);
            if (await a.GetByTestId("attribute-option").CountAsync() > 0)
                await a.GetByTestId("attribute-option").First.CheckAsync();
            else if (await a.Locator("input[type=datetime-local]").CountAsync() > 0)
                await a.GetByTestId("attribute-input").FillAsync("2026-11-20T10:00");
            else if (await a.Locator("input[inputmode=decimal]").CountAsync() > 0)
                await a.GetByTestId("attribute-input").FillAsync("1");
            else
                await a.GetByTestId("attribute-input").FillAsync("电子税务局");
        }
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("file-submit"));
        await Expect(phone.GetByTestId("ticket-filed")).ToBeVisibleAsync();
        return (await phone.GetByTestId("ticket-number").InnerTextAsync()).Trim();
    }
}
