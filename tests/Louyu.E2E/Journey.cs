using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>Steps several journeys share.</summary>
internal static partial class Journey
{
    public const string DemoPassword = "Demo@2021";

    public static async Task LoginAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("username").FillAsync(username);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>Clicks a link or button that loads a page (no redirect) and returns that page's response.</summary>
    public static Task<IResponse> ClickToPageAsync(IPage page, ILocator target) =>
        page.RunAndWaitForResponseAsync(
            () => target.ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame
        );

    /// <summary>
    /// Waits until ECharts has drawn the growth chart and finished animating it, so screenshots show whole lines.
    /// </summary>
    public static async Task ExpectChartDrawnAsync(IPage page)
    {
        var chart = page.GetByTestId("growth-chart");
        await Expect(chart).ToHaveAttributeAsync("data-rendered", "true");
        await Expect(chart.Locator("svg path").First).ToBeAttachedAsync();
        await page.WaitForFunctionAsync(
            """
            () => {
              const el = document.getElementById("growth-chart");
              const chart = el && window.echarts && echarts.getInstanceByDom(el);
              return !!chart && chart.getZr().animation.isFinished();
            }
            """
        );
    }

    /// <summary>Every KPI figure, as the user reads it (thousands separators included).</summary>
    public static async Task ExpectFiguresAsync(
        IPage page,
        string buildings,
        string enterprises,
        string branches,
        string members,
        string workers
    )
    {
        await Expect(page.GetByTestId("kpi-buildings-value")).ToHaveTextAsync(buildings);
        await Expect(page.GetByTestId("kpi-enterprises-value")).ToHaveTextAsync(enterprises);
        await Expect(page.GetByTestId("kpi-branches-value")).ToHaveTextAsync(branches);
        await Expect(page.GetByTestId("kpi-members-value")).ToHaveTextAsync(members);
        await Expect(page.GetByTestId("kpi-workers-value")).ToHaveTextAsync(workers);
    }

    /// <summary>Collects script errors and failed requests, so a broken asset fails the journey.</summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add("page error: " + e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
                errors.Add("console: " + m.Text);
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
                errors.Add($"HTTP {r.Status}: {r.Url}");
        };
        return errors;
    }

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF]")]
    public static partial Regex Cjk();
}
