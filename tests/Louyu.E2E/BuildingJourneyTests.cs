using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A party worker opens their building, reads the building map coloured by coverage, generates the rooms of a
/// basement floor, opens an enterprise from the map and adds a contact to it; the map and the enterprise page also
/// fit a phone.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class BuildingJourneyTests(LouyuAppFixture app)
{
    [Fact]
    public async Task Party_worker_reads_the_map_generates_rooms_and_adds_a_contact()
    {
        await using var context = await app.DesktopAsync();
        var page = await context.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");

        await page.GotoAsync("/organization/buildings");
        await Expect(page.GetByTestId("building-table")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "bld-00-buildings");
        await Journey.ClickToPageAsync(page, page.GetByTestId("building-link").First);
        await Expect(page).ToHaveURLAsync(new Regex("/organization/buildings/[0-9a-f-]{36}$"));

        // The map: floors of room tiles, each enterprise with its coverage state in words, a legend with counts.
        var map = page.GetByTestId("building-map");
        await Expect(map).ToBeVisibleAsync();
        await Expect(map.GetByTestId("map-enterprise").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("map-legend")).ToContainTextAsync("单独组建");
        await Expect(page.GetByTestId("legend-vacant")).ToContainTextAsync("空置");
        await app.ScreenshotAsync(page, "bld-01-map");
        await ViewAsync(
            page,
            "bld-01-map-view",
            "building-map-desktop",
            page.GetByTestId("map-section")
        );

        // Generate the rooms of the first basement: B101–B104.
        await page.GetByTestId("gen-from").FillAsync("-1");
        await page.GetByTestId("gen-to").FillAsync("-1");
        await page.GetByTestId("gen-per").FillAsync("4");
        await page.GetByTestId("gen-submit").ClickAsync();
        await Expect(page.GetByTestId("rooms-generated")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("floor-B1").Locator(".bmap-room")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("room-B103")).ToContainTextAsync("空置");

        // A bad request is refused with the rule in words.
        await page.GetByTestId("gen-from").FillAsync("0");
        await page.GetByTestId("gen-to").FillAsync("-1");
        await Journey.ClickToPageAsync(page, page.GetByTestId("gen-submit"));
        await Expect(page.GetByTestId("rooms-problem")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("generate-form")).ToContainTextAsync("没有 0 层");

        // From the map to an enterprise, and a contact added to it.
        var tile = page.GetByTestId("building-map").GetByTestId("map-enterprise").First;
        await Journey.ClickToPageAsync(page, tile);
        await Expect(page).ToHaveURLAsync(new Regex("/organization/enterprises/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("enterprise-facts")).ToContainTextAsync("GB/T 4754");
        await Expect(page.GetByTestId("enterprise-coverage")).ToBeVisibleAsync();
        var before = await page.GetByTestId("contact").CountAsync();
        await page.GetByTestId("contact-name").FillAsync("端到端联系人");
        await page.GetByTestId("contact-title").FillAsync("党建联络员");
        await page.GetByTestId("contact-phone").FillAsync("1381234");
        await Journey.ClickToPageAsync(page, page.GetByTestId("contact-submit"));
        await Expect(page.GetByTestId("contact-problem")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("contact-form")).ToContainTextAsync("010-12345678");
        await page.GetByTestId("contact-phone").FillAsync("13812345678");
        await page.GetByTestId("contact-is-primary").CheckAsync();
        await page.GetByTestId("contact-submit").ClickAsync();
        await Expect(page.GetByTestId("contact")).ToHaveCountAsync(before + 1);
        var added = page.GetByTestId("contact").Filter(new() { HasText = "端到端联系人" });
        await Expect(added.GetByTestId("contact-primary")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("contact-primary")).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "bld-02-enterprise", docsName: "enterprise-page-desktop");

        // The edit form is the registration form, filled in; a move-out before the move-in is refused.
        await Journey.ClickToPageAsync(page, page.GetByTestId("enterprise-edit"));
        await Expect(page.GetByTestId("code")).Not.ToHaveValueAsync("");
        await page.GetByTestId("moved-out").FillAsync("2000-01-01");
        await Journey.ClickToPageAsync(page, page.GetByTestId("enterprise-submit"));
        await Expect(page.GetByTestId("enterprise-problem")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("迁出日期不能早于入驻日期");
        await app.ScreenshotAsync(page, "bld-02b-enterprise-edit");
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Expect(page.GetByTestId("contacts")).ToBeVisibleAsync();

        await page.GetByTestId("language-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await Expect(page.GetByTestId("contacts")).ToContainTextAsync("Primary contact");
        await app.ScreenshotAsync(page, "bld-03-enterprise-en");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_map_and_the_enterprise_page_fit_a_phone()
    {
        await using var context = await app.PhoneAsync();
        var page = await context.NewPageAsync();
        await Journey.LoginAsync(page, "worker", Journey.DemoPassword);
        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/insights");
        await page.GotoAsync("/organization/buildings");
        await Journey.ClickToPageAsync(page, page.GetByTestId("building-link").First);
        var map = page.GetByTestId("building-map");
        await Expect(map).ToBeVisibleAsync();
        // Nothing wider than the phone: the floors wrap.
        var overflow = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"
        );
        Assert.False(overflow, "the building page scrolls sideways on a phone");
        await app.ScreenshotAsync(page, "bld-04-map-phone");
        await ViewAsync(
            page,
            "bld-04-map-phone-view",
            "building-map-phone",
            page.GetByTestId("map-section")
        );

        await Journey.ClickToPageAsync(page, map.GetByTestId("map-enterprise").First);
        await Expect(page.GetByTestId("enterprise-facts")).ToBeVisibleAsync();
        var overflow2 = await page.EvaluateAsync<bool>(
            "() => document.documentElement.scrollWidth > window.innerWidth + 1"
        );
        Assert.False(overflow2, "the enterprise page scrolls sideways on a phone");
        await app.ScreenshotAsync(
            page,
            "bld-05-enterprise-phone",
            docsName: "enterprise-page-phone"
        );
    }

    /// <summary>A screenshot of the viewport with <paramref name="top"/> scrolled to the top (the map is long).</summary>
    private async Task ViewAsync(IPage page, string name, string docsName, ILocator top)
    {
        await top.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        var path = Path.Combine(app.ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        var docs = Path.Combine(app.RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(docs);
        File.Copy(path, Path.Combine(docs, docsName + ".png"), overwrite: true);
    }
}
