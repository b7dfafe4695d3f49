using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>Steps several journeys share.</summary>
internal static partial class Journey
{
    public const string DemoPassword = "Demo@2021";

    /// <summary>Today as the app sees it: dates are days in Asia/Shanghai, a day ahead of UTC from 16:00 UTC.</summary>
    public static string Today() =>
        DateOnly
            .FromDateTime(
                TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai")
            )
            .ToString("yyyy-MM-dd");

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

    /// <summary>
    /// Makes the app's first administrator at /setup, signs in and enrols in TOTP (administrators must), leaving the
    /// page signed in. Only once per app: /setup closes after the first administrator.
    /// </summary>
    public static async Task SetupAdministratorAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/setup");
        await page.Locator("#setup-user").FillAsync(username);
        await page.Locator("#setup-name").FillAsync("系统管理员");
        await page.Locator("#setup-password").FillAsync(password);
        await ClickToPageAsync(page, page.Locator("button[type=submit]"));
        await LoginAsync(page, username, password);
        await page.GotoAsync("/account/totp");
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Replace(
            " ",
            "",
            StringComparison.Ordinal
        );
        await page.GetByTestId("totp-code").FillAsync(Totp(key));
        await ClickToPageAsync(page, page.GetByTestId("totp-submit"));
    }

    /// <summary>The current RFC 6238 code of an authenticator key (base32), as an administrator's app shows it.</summary>
    public static string Totp(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int bits = 0,
            value = 0;
        var key = new List<byte>();
        foreach (var c in base32Key.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                key.Add((byte)((value >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }
        var message = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(message);
#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1
        var hash = HMACSHA1.HashData(key.ToArray(), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary =
            ((hash[offset] & 0x7F) << 24)
            | (hash[offset + 1] << 16)
            | (hash[offset + 2] << 8)
            | hash[offset + 3];
        return (binary % 1_000_000).ToString(
            "D6",
            System.Globalization.CultureInfo.InvariantCulture
        );
    }

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF]")]
    public static partial Regex Cjk();
}
