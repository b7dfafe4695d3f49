using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Clock;

/// <summary>A public holiday (放假, off) or an adjusted working day (调休上班, a weekend day that is worked).</summary>
public enum CalendarDayKind
{
    Holiday,
    WorkingDay,
}

/// <summary>
/// One day of the holiday calendar table: a day off that would be a weekday, or a weekend day that is worked. Days not
/// in the table follow the week (Monday–Friday on, Saturday and Sunday off).
/// </summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }

    /// <summary>The holiday's name (e.g. 春节); for a worked weekend day, the holiday it makes up for.</summary>
    public string? Name { get; set; }

    /// <summary>The notice that set it (e.g. 国办发明电〔2024〕12号).</summary>
    public string? Source { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>The holiday calendar table (Platform: used by the 公示 clock now and the services' SLA clocks later).</summary>
public static class CalendarModelConfiguration
{
    public static void Configure(ModelBuilder b) =>
        b.Entity<CalendarDay>(e =>
        {
            e.ToTable("CalendarDays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Source).HasMaxLength(200);
        });
}

/// <summary>
/// The State Council's official holiday arrangements (国务院办公厅关于部分节假日安排的通知) for the years Louyu ships
/// with, seeded into the calendar table on first start; later years are entered or imported by an administrator.
/// </summary>
public static class OfficialHolidays
{
    /// <summary>国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）,
    /// https://m.gmw.cn/2024-11/12/content_1303894933.htm</summary>
    public const string Source2025 = "国办发明电〔2024〕12号";

    /// <summary>国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）,
    /// https://politics.gmw.cn/2025-11/04/content_38391083.htm</summary>
    public const string Source2026 = "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）";

    private sealed record Arrangement(string Name, string From, string To, string[] Worked);

    private static readonly Dictionary<int, (string Source, Arrangement[] Days)> Years = new()
    {
        [2025] = (
            Source2025,
            [
                new("元旦", "2025-01-01", "2025-01-01", []),
                new("春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"]),
                new("清明节", "2025-04-04", "2025-04-06", []),
                new("劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"]),
                new("端午节", "2025-05-31", "2025-06-02", []),
                new("国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"]),
            ]
        ),
        [2026] = (
            Source2026,
            [
                new("元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]),
                new("春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
                new("清明节", "2026-04-04", "2026-04-06", []),
                new("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]),
                new("端午节", "2026-06-19", "2026-06-21", []),
                new("中秋节", "2026-09-25", "2026-09-27", []),
                new("国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
            ]
        ),
    };

    public static IReadOnlyCollection<int> KnownYears => Years.Keys;

    /// <summary>Every day of the year's arrangement: each day of each holiday and each worked weekend day.</summary>
    public static IReadOnlyList<CalendarDay> Of(int year)
    {
        if (!Years.TryGetValue(year, out var y))
            return [];
        var days = new List<CalendarDay>();
        foreach (var a in y.Days)
        {
            for (var d = DateOnly.Parse(a.From); d <= DateOnly.Parse(a.To); d = d.AddDays(1))
                days.Add(
                    new()
                    {
                        Date = d,
                        Kind = CalendarDayKind.Holiday,
                        Name = a.Name,
                        Source = y.Source,
                    }
                );
            days.AddRange(
                a.Worked.Select(w => new CalendarDay
                {
                    Date = DateOnly.Parse(w),
                    Kind = CalendarDayKind.WorkingDay,
                    Name = a.Name,
                    Source = y.Source,
                })
            );
        }
        return days;
    }

    public static WorkingCalendar Calendar(params int[] years)
    {
        var days = years.SelectMany(Of).ToList();
        return WorkingCalendar.From(days);
    }
}
