using System.Globalization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>Fen shown as yuan (¥1,234.50; whole yuan without decimals).</summary>
public static class Money
{
    public static string Yuan(long? fen) =>
        fen is not { } f ? "—"
        : f % 100 == 0 ? string.Create(CultureInfo.InvariantCulture, $"¥{f / 100:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"¥{f / 100m:N2}");
}
