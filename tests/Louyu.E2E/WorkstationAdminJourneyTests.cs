using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// The workstation's admin pages save (issue 5): the administrator (made at /setup, enrolled in TOTP) adds a tax
/// service with an extra question (an Open311 attribute with options) and changes the tax complaint time limit in
/// the SLA table; the enterprise contact's filing form on a phone then asks the new question. Its own app: it
/// creates the first administrator.
/// </summary>
public sealed class WorkstationAdminJourneyTests(LouyuAppFixture app)
    : IClassFixture<LouyuAppFixture>
{
    private const string ServiceCode = "tax-invoice-e2e";

    [Fact]
    public async Task Administrator_adds_a_service_with_a_question_and_changes_an_sla()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.SetupAdministratorAsync(page, "wsadmin", "Admin@2026-workstation");

        // A new consultation service of the tax department with a required single-choice question.
        await page.GotoAsync("/services/admin/services");
        var form = page.Locator("[data-testid=admin-service-new][data-department=tax]");
        await form.Locator("summary").ClickAsync();
        await form.GetByTestId("service-code").FillAsync(ServiceCode);
        await form.GetByTestId("service-name").FillAsync("发票领用咨询");
        await form.Locator("select[name=type]").SelectOptionAsync("Consult");
        await form.Locator("input[name=slaWorkingDays]").FillAsync("2");
        var row = form.GetByTestId("attribute-row").First;
        await row.GetByTestId("attr-code").FillAsync("invoice-kind");
        await row.GetByTestId("attr-type").SelectOptionAsync("singlevaluelist");
        await row.GetByTestId("attr-description").FillAsync("需要领用的发票种类");
        await row.GetByTestId("attr-values")
            .FillAsync("special=增值税专用发票\nnormal=增值税普通发票");
        await row.GetByTestId("attr-required").CheckAsync();
        await Journey.ClickToPageAsync(page, form.GetByTestId("service-save"));
        await Expect(page.GetByTestId("admin-done")).ToBeVisibleAsync();
        var saved = page.Locator($"[data-testid=admin-service][data-code={ServiceCode}]");
        await Expect(saved).ToContainTextAsync("发票领用咨询");
        await Expect(saved.Locator("summary")).ToContainTextAsync("1 个补充问题");
        await saved.Locator("summary").ClickAsync();
        await Expect(saved.GetByTestId("attr-code").First).ToHaveValueAsync("invoice-kind");
        await Expect(saved.GetByTestId("attr-values").First)
            .ToHaveValueAsync("special=增值税专用发票\nnormal=增值税普通发票");
        await app.ScreenshotAsync(
            page,
            "workstation-admin-service-desktop",
            docsName: "workstation-admin-service-desktop"
        );

        // A list question without options is refused on its row, and nothing changes.
        var newForm = page.Locator("[data-testid=admin-service-new][data-department=tax]");
        await newForm.Locator("summary").ClickAsync();
        await newForm.GetByTestId("service-code").FillAsync("tax-bad-e2e");
        await newForm.GetByTestId("service-name").FillAsync("缺选项的服务");
        var bad = newForm.GetByTestId("attribute-row").First;
        await bad.GetByTestId("attr-code").FillAsync("kind");
        await bad.GetByTestId("attr-type").SelectOptionAsync("multivaluelist");
        await bad.GetByTestId("attr-description").FillAsync("类型");
        await Journey.ClickToPageAsync(page, newForm.GetByTestId("service-save"));
        await Expect(page.GetByTestId("admin-problem")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-attr[0].values")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=admin-service][data-code=tax-bad-e2e]"))
            .ToHaveCountAsync(0);

        // The tax complaint time limit: 13 working days by default, now 10.
        await page.GotoAsync("/services/admin/sla");
        var complain = page.Locator(
            "[data-testid=sla-row][data-code=tax] input[name$='-Complain']"
        );
        await complain.FillAsync("10");
        await Journey.ClickToPageAsync(page, page.GetByTestId("sla-save"));
        await Expect(page.GetByTestId("admin-done")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(complain).ToHaveValueAsync("10");

        // The enterprise contact's phone: the new service, its question and options.
        await using var phoneContext = await app.PhoneAsync();
        var phone = await phoneContext.NewPageAsync();
        var phoneErrors = Journey.CollectErrors(phone);
        await Journey.LoginAsync(phone, "enterprise", Journey.DemoPassword);
        await Expect(phone).ToHaveURLAsync(new Regex("/m$"));
        await phone.GotoAsync("/m/services");
        await phone
            .Locator("[data-testid=department][data-code=tax] [data-testid=department-open]")
            .ClickAsync();
        await Journey.ClickToPageAsync(
            phone,
            phone.Locator(
                $"[data-testid=service][data-code={ServiceCode}] [data-testid=service-file]"
            )
        );
        await Expect(phone.GetByTestId("file-service")).ToHaveTextAsync("发票领用咨询");
        var question = phone.Locator("[data-testid=attribute][data-code=invoice-kind]");
        await Expect(question).ToContainTextAsync("需要领用的发票种类 *");
        await Expect(question.GetByTestId("attribute-option")).ToHaveCountAsync(2);
        await Expect(question).ToContainTextAsync("增值税专用发票");
        await app.ScreenshotAsync(
            phone,
            "workstation-admin-question-phone",
            docsName: "workstation-new-question-phone"
        );

        // Required: filing without an answer is refused on the question.
        await phone
            .GetByTestId("file-description")
            .FillAsync("想了解首次领用专票需要准备哪些材料。");
        await Journey.ClickToPageAsync(phone, phone.GetByTestId("file-submit"));
        await Expect(phone.GetByTestId("error-attributes.invoice-kind")).ToBeVisibleAsync();

        Assert.Empty(errors);
        Assert.Empty(phoneErrors);
    }
}
