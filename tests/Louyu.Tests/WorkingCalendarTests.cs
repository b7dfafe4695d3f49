using Louyu.Web.Platform.Clock;

namespace Louyu.Tests;

/// <summary>Working days with public holidays and adjusted working days (调休), as the SLA and 公示 clocks count them.</summary>
public sealed class WorkingCalendarTests
{
    // Spring Festival 2025: 28 Jan – 4 Feb off; Sunday 26 Jan and Saturday 8 Feb are working days.
    private static readonly WorkingCalendar Cal = new(
        new HashSet<DateOnly>(
            Enumerable.Range(0, 8).Select(i => new DateOnly(2025, 1, 28).AddDays(i))
        ),
        new HashSet<DateOnly> { new(2025, 1, 26), new(2025, 2, 8) }
    );

    [Theory]
    [InlineData("2025-01-26", true)] // adjusted Sunday
    [InlineData("2025-01-27", true)]
    [InlineData("2025-01-28", false)] // holiday
    [InlineData("2025-02-04", false)] // holiday (Tuesday)
    [InlineData("2025-02-05", true)]
    [InlineData("2025-02-08", true)] // adjusted Saturday
    [InlineData("2025-02-09", false)] // Sunday
    public void Knows_working_days(string day, bool working) =>
        Assert.Equal(working, Cal.IsWorkingDay(DateOnly.Parse(day)));

    [Theory]
    [InlineData("2025-01-24", 1, "2025-01-26")] // Friday + 1 → the adjusted Sunday
    [InlineData("2025-01-24", 3, "2025-02-05")] // 26, 27, then after the holiday
    [InlineData("2025-02-07", 1, "2025-02-08")]
    [InlineData("2025-02-07", 0, "2025-02-07")]
    public void Adds_working_days(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Cal.AddWorkingDays(DateOnly.Parse(start), days));

    [Fact]
    public void Counts_working_days_inclusive()
    {
        Assert.Equal(5, Cal.CountWorkingDays(new(2025, 1, 24), new(2025, 2, 6))); // 24, 26, 27, 5, 6
        Assert.Equal(0, Cal.CountWorkingDays(new(2025, 2, 6), new(2025, 2, 5)));
        Assert.Equal(
            5,
            WorkingCalendar.WeekdaysOnly.CountWorkingDays(new(2024, 10, 14), new(2024, 10, 20))
        );
    }
}
