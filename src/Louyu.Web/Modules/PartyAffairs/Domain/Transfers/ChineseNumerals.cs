using System.Text;

namespace Louyu.Web.Modules.PartyAffairs.Domain.Transfers;

/// <summary>
/// Numbers and dates written in Chinese for the transfer letter (组织关系介绍信, domain-rules §5.4).
/// <para>
/// Source: 中组部《关于印发〈中国共产党流动党员活动证〉和〈中国共产党党员组织关系介绍信〉修订式样的通知》
/// (组通字〔2006〕45号) and its 填写使用说明: "党费交至的年、月以及介绍信的有效期均要采用大写的数字表示，以免涂改".
/// </para>
/// <para>
/// Choice (documented in docs/transfers.md): the amounts that must resist alteration — the dues-paid year and month
/// and the validity — use the financial capitals 壹贰叁肆伍陆柒捌玖拾佰仟 with a leading 壹 before 拾 (壹拾, 壹拾壹),
/// the anti-alteration convention of 大写 (nothing can be written in front of it): "贰零贰陆年壹拾壹月",
/// "有效期叁拾天". Calendar dates (the date under the seal, the receipt date) are written the way dates on party
/// documents are printed in Chinese, digit by digit for the year with 〇 and in words for month and day:
/// "二〇二六年十一月二十七日".
/// </para>
/// </summary>
public static class ChineseNumerals
{
    private const string CapitalDigits = "零壹贰叁肆伍陆柒捌玖";
    private const string LowerDigits = "〇一二三四五六七八九";
    private static readonly string[] CapitalUnits = ["", "拾", "佰", "仟"];

    /// <summary>0–9999 in financial capitals: 30 → 叁拾, 10 → 壹拾, 105 → 壹佰零伍, 1010 → 壹仟零壹拾.</summary>
    public static string Capital(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 9999);
        if (n == 0)
            return "零";
        var sb = new StringBuilder();
        var digits = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pendingZero = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            var unit = digits.Length - 1 - i;
            if (d == 0)
            {
                pendingZero = true;
                continue;
            }
            if (pendingZero && sb.Length > 0)
                sb.Append('零');
            pendingZero = false;
            sb.Append(CapitalDigits[d]).Append(CapitalUnits[unit]);
        }
        return sb.ToString();
    }

    /// <summary>A year digit by digit in capitals: 2026 → 贰零贰陆.</summary>
    public static string CapitalYear(int year) =>
        string.Concat(
            year.ToString(System.Globalization.CultureInfo.InvariantCulture)
                .Select(c => CapitalDigits[c - '0'])
        );

    /// <summary>"党费已交到" year and month: 2026-11 → 贰零贰陆年壹拾壹月.</summary>
    public static string CapitalYearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return $"{CapitalYear(year)}年{Capital(month)}月";
    }

    /// <summary>1–99 in ordinary numerals as dates say them: 10 → 十, 11 → 十一, 20 → 二十, 27 → 二十七.</summary>
    public static string Lower(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 99);
        var tens = n / 10;
        var ones = n % 10;
        return (
                tens switch
                {
                    0 => "",
                    1 => "十",
                    _ => $"{LowerDigits[tens]}十",
                }
            ) + (ones == 0 ? "" : LowerDigits[ones].ToString());
    }

    /// <summary>A calendar date: 2026-11-27 → 二〇二六年十一月二十七日; 2030-01-01 → 二〇三〇年一月一日.</summary>
    public static string Date(DateOnly d) =>
        string.Concat(
            d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)
                .Select(c => LowerDigits[c - '0'])
        ) + $"年{Lower(d.Month)}月{Lower(d.Day)}日";
}
