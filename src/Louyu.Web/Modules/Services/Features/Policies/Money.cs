using System.Globalization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>Fen shown as yuan (¥1,234.50; whole yuan without decimals).</summary>
public static class Money
{
    public static string Yuan(long? fen) =>
        fen is not { } f ? "—"
        : f % 100 == 0 ? string.Create(CultureInfo.InvariantCulture, $"¥{f / 100:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"¥{f / 100m:N2}");

    /// <summary>
    /// An amount in yuan as a person types it ("12345", "1,234.5", "¥1234.50", full-width digits) in fen; null when it
    /// is not a non-negative number with at most two decimals.
    /// </summary>
    public static long? Fen(string? yuan)
    {
        var s = (yuan ?? "").Normalize(System.Text.NormalizationForm.FormKC).Trim();
        s = s.TrimStart('¥', '￥')
            .Replace(",", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal);
        if (s.EndsWith('元'))
            s = s[..^1];
        if (
            s.Length == 0
            || !decimal.TryParse(
                s,
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture,
                out var v
            )
            || v * 100 != decimal.Truncate(v * 100)
            || v > 1_000_000_000_000m
        )
            return null;
        return (long)(v * 100);
    }
}
