using System.Globalization;
using System.Text.Json;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;

namespace Louyu.Web.Modules.Services.Features.Open311;

/// <summary>
/// The pure parts of the Open311 mapping (GeoReport v2): our detailed states to open/closed, w3c datetimes out
/// (Asia/Shanghai, +08:00) and in (with an offset, or a bare date taken in Asia/Shanghai), comma lists, the filer's
/// name, and the default date window of GET requests.
/// </summary>
public static class Open311Mapping
{
    /// <summary>GeoReport v2: "may not span more than 90 days"; the default window is the most recent 90 days.</summary>
    public const int MaxWindowDays = 90;

    /// <summary>GeoReport v2 "Response Volume": at most the first 1,000 requests.</summary>
    public const int MaxResults = 1000;

    /// <summary>GeoReport v2: description "limited to 4,000 characters".</summary>
    public const int MaxDescription = 4000;

    /// <summary>The spec's datatypes of an attribute.</summary>
    public static readonly string[] DataTypes =
    [
        "string",
        "number",
        "datetime",
        "text",
        "singlevaluelist",
        "multivaluelist",
    ];

    /// <summary>Open311 has two states: every state until <see cref="TicketStatus.Closed"/> is "open".</summary>
    public static string Status(TicketStatus s) => TicketStates.IsOpen(s) ? "open" : "closed";

    /// <summary>The detailed states an Open311 status filter value stands for; null for an unknown value.</summary>
    public static TicketStatus[]? StatusesOf(string value) =>
        value.Trim().ToLowerInvariant() switch
        {
            "open" => [.. Enum.GetValues<TicketStatus>().Where(TicketStates.IsOpen)],
            "closed" => [TicketStatus.Closed],
            _ => null,
        };

    /// <summary>A UTC time as a w3c datetime in Asia/Shanghai, e.g. 2026-11-27T09:30:00+08:00.</summary>
    public static string W3c(DateTime utc)
    {
        var local = ShanghaiTime.ToLocal(utc);
        var offset = ShanghaiTime.Zone.GetUtcOffset(local);
        return new DateTimeOffset(
            DateTime.SpecifyKind(local, DateTimeKind.Unspecified),
            offset
        ).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A deadline day as the end of that day in Asia/Shanghai (23:59:59+08:00).</summary>
    public static string W3c(DateOnly day) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T23:59:59+08:00";

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>
    /// A w3c datetime (W3C NOTE-datetime, as GeoReport v2 asks): a time must carry Z or an offset; a bare
    /// YYYY-MM-DD is the start of that day in Asia/Shanghai. Returns the instant in UTC, or null when malformed.
    /// </summary>
    public static DateTime? ParseW3c(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
            return null;
        if (
            v.Length == 10
            && DateOnly.TryParseExact(
                v,
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var day
            )
        )
            return TimeZoneInfo.ConvertTimeToUtc(
                day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified),
                ShanghaiTime.Zone
            );
        // A zone designator is required for a time: "2026-11-01T00:00:00" alone is refused.
        if (
            DateTimeOffset.TryParseExact(
                v,
                TimeFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var at
            )
        )
            return at.UtcDateTime;
        return null;
    }

    /// <summary>The date window asked for, the spec's defaults filling what is missing (the most recent 90 days).</summary>
    public static (DateTime From, DateTime To) Window(
        DateTime? start,
        DateTime? end,
        DateTime nowUtc
    )
    {
        var to = end ?? (start is { } s ? s.AddDays(MaxWindowDays) : nowUtc);
        var from = start ?? to.AddDays(-MaxWindowDays);
        return (from, to);
    }

    /// <summary>A comma-delimited parameter (GeoReport v2: "can be declared multiple times, comma delimited").</summary>
    public static IReadOnlyList<string> List(IEnumerable<string?> values) =>
        [
            .. values
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(v => v.Trim())
                .Where(v => v.Length > 0)
                .Distinct(StringComparer.Ordinal),
        ];

    /// <summary>
    /// The filer's name from first_name and last_name: Chinese names family name first without a space (郑 + 秋锁 =
    /// 郑秋锁), others "first last"; the key's client name when neither is given.
    /// </summary>
    public static string FilerName(string? firstName, string? lastName, string clientName)
    {
        var first = firstName?.Trim() ?? "";
        var last = lastName?.Trim() ?? "";
        if (first.Length == 0 && last.Length == 0)
            return clientName;
        if (first.Length == 0 || last.Length == 0)
            return first + last;
        return IsCjk(first) || IsCjk(last) ? last + first : $"{first} {last}";
    }

    private static bool IsCjk(string s) => s.Any(c => c is >= '\u3400' and <= '\u9fff');

    /// <summary>The allowed values of a list attribute, from its stored JSON [{"key","name"}].</summary>
    public static IReadOnlyList<Open311Value> Values(string? valuesJson)
    {
        if (string.IsNullOrWhiteSpace(valuesJson))
            return [];
        try
        {
            using var doc = JsonDocument.Parse(valuesJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
                return [];
            var list = new List<Open311Value>();
            foreach (var v in doc.RootElement.EnumerateArray())
            {
                var key = Text(v, "key");
                if (key is null)
                    continue;
                list.Add(new Open311Value(key, Text(v, "name") ?? key));
            }
            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object)
            return null;
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString(),
                    JsonValueKind.Number => p.Value.GetRawText(),
                    _ => null,
                };
        return null;
    }

    /// <summary>An event kind as an Open311 note type: Filed → filed, DocumentsRequested → documents_requested.</summary>
    public static string NoteType(string kind)
    {
        var sb = new System.Text.StringBuilder(kind.Length + 4);
        for (var i = 0; i < kind.Length; i++)
        {
            var c = kind[i];
            if (char.IsUpper(c) && i > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
