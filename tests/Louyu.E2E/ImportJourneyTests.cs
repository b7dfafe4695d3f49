using System.Security.Cryptography;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// The committee secretary imports members from Excel: downloads nothing but uploads a filled sheet with one bad row,
/// sees the preview (counts and the error table with row, column and message), and imports the good rows.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class ImportJourneyTests(LouyuAppFixture app)
{
    private static byte[] Sheet()
    {
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            yield return new()
            {
                ["a"] = "姓名",
                ["b"] = "公民身份号码",
                ["c"] = "人员类别",
                ["d"] = "入党日期",
                ["e"] = "转正日期",
            };
            for (var i = 0; i < 3; i++)
            {
                var birth = new DateOnly(1970, 1, 1).AddDays(RandomNumberGenerator.GetInt32(9000));
                var id = ResidentIdNumber.Compose(
                    $"11{RandomNumberGenerator.GetInt32(10000):0000}",
                    birth,
                    101 + 2 * i
                );
                if (i == 1)
                    id = id[..17] + (id[17] == '0' ? '1' : '0');
                yield return new()
                {
                    ["a"] = $"导入演示{i + 1}",
                    ["b"] = id,
                    ["c"] = "正式党员",
                    ["d"] = birth.AddYears(25).ToString("yyyy-MM-dd"),
                    ["e"] = birth.AddYears(26).ToString("yyyy-MM-dd"),
                };
            }
        }
        using var ms = new MemoryStream();
        MiniExcel.SaveAs(ms, Rows(), printHeader: false, excelType: ExcelType.XLSX);
        return ms.ToArray();
    }

    private static async Task UploadAsync(IPage page)
    {
        await page.GetByTestId("import-file")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "党员.xlsx",
                    MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    Buffer = Sheet(),
                }
            );
        await Journey.ClickToPageAsync(page, page.GetByTestId("import-preview-submit"));
    }

    [Fact]
    public async Task Secretary_previews_a_sheet_with_a_bad_row_and_imports_the_good_rows()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync("/organization");
        await Journey.ClickToPageAsync(page, page.GetByTestId("link-import-members"));
        await Expect(page.GetByTestId("import-template"))
            .ToHaveAttributeAsync("href", "/api/v1/members/import/template");

        await UploadAsync(page);
        await Expect(page.GetByTestId("import-preview")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-rows")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("import-bad")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("GB 11643");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("公民身份号码");
        await app.ScreenshotAsync(page, "import-01-preview", docsName: "import-preview-desktop");

        await Journey.ClickToPageAsync(page, page.GetByTestId("import-partial"));
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("2");
        await app.ScreenshotAsync(page, "import-02-done", docsName: "import-done-desktop");
    }

    [Fact]
    public async Task The_import_page_fits_a_phone_in_english()
    {
        await using var context = await app.PhoneAsync("en-US");
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync(
            "/culture/set?culture=en-US&returnUrl=/organization/import%3Fkind%3Dmembers"
        );
        await Expect(page.Locator("h1")).ToContainTextAsync("Import");
        await UploadAsync(page);
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("Resident ID");
        await app.ScreenshotAsync(page, "import-03-phone-en", docsName: "import-preview-phone-en");
    }
}
