using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Clock;

namespace Louyu.Tests;

/// <summary>
/// The holiday calendar table as seeded from the State Council's notices for 2025 (国办发明电〔2024〕12号) and 2026
/// (通知 of 4 November 2025), and the 公示 period counted in working days over 国庆 and 春节 with adjusted Saturdays
/// and Sundays. Exact dates; the calendar is built from the seed rows, no database.
/// </summary>
public sealed class HolidayCalendarTests
{
    private static readonly WorkingCalendar Cal = OfficialHolidays.Calendar(2025, 2026);
    private static readonly DevelopmentRuleBook Book = DevelopmentRuleBook.Default;

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    [Fact]
    public void The_seed_follows_the_notices_day_by_day()
    {
        var y2025 = OfficialHolidays.Of(2025);
        var y2026 = OfficialHolidays.Of(2026);
        // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; worked: 26 Jan, 8 Feb, 27 Apr, 28 Sep, 11 Oct.
        Assert.Equal(28, y2025.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(
            ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
            y2025
                .Where(d => d.Kind == CalendarDayKind.WorkingDay)
                .Select(d => d.Date.ToString("yyyy-MM-dd"))
                .Order()
        );
        // 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; worked: 4 Jan, 14 Feb, 28 Feb, 9 May, 20 Sep, 10 Oct.
        Assert.Equal(33, y2026.Count(d => d.Kind == CalendarDayKind.Holiday));
        Assert.Equal(6, y2026.Count(d => d.Kind == CalendarDayKind.WorkingDay));
        Assert.All(
            y2025.Concat(y2026).Where(d => d.Kind == CalendarDayKind.WorkingDay),
            d => Assert.True(d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        );
        Assert.All(y2025, d => Assert.Equal(OfficialHolidays.Source2025, d.Source));
        Assert.Empty(OfficialHolidays.Of(2024));
    }

    [Theory]
    [InlineData("2025-09-28", true)] // Sunday, worked before 国庆
    [InlineData("2025-10-01", false)]
    [InlineData("2025-10-06", false)] // 中秋 merged into 国庆: 8 days
    [InlineData("2025-10-08", false)] // Wednesday, still off
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)] // Saturday, worked
    [InlineData("2025-10-12", false)]
    [InlineData("2026-01-04", true)] // Sunday after 元旦, worked
    [InlineData("2026-02-14", true)] // Saturday before 春节, worked
    [InlineData("2026-02-16", false)] // 除夕 (Monday)
    [InlineData("2026-02-23", false)] // 正月初七 (Monday), off
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)] // Saturday after 春节, worked
    [InlineData("2026-05-09", true)] // Saturday after 劳动节, worked
    [InlineData("2026-09-25", false)] // 中秋 (Friday)
    [InlineData("2026-10-10", true)]
    [InlineData("2027-10-01", true)] // a Friday of a year with no arrangement: a weekday
    public void Knows_each_day(string day, bool working) =>
        Assert.Equal(working, Cal.IsWorkingDay(D(day)));

    [Theory]
    // 国庆 2025: from Friday 26 Sep, five working days are 26, 28 (Sun), 29, 30 Sep and 9 Oct.
    [InlineData("2025-09-25", 5, "2025-10-09")]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-10-08", 3, "2025-10-11")] // 9, 10, then the worked Saturday
    // 春节 2026: 12, 13, 14 (Sat) Feb, then 24 and 25 Feb.
    [InlineData("2026-02-11", 5, "2026-02-25")]
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-27", 1, "2026-02-28")]
    public void Adds_working_days_across_the_long_holidays(string start, int days, string end) =>
        Assert.Equal(D(end), Cal.AddWorkingDays(D(start), days));

    [Fact]
    public void Counts_the_working_days_of_whole_years_and_holiday_months()
    {
        // 2025: 261 weekdays − 18 weekday holidays + 5 worked weekend days = 248.
        Assert.Equal(248, Cal.CountWorkingDays(D("2025-01-01"), D("2025-12-31")));
        // 2026: 261 weekdays − 19 weekday holidays + 6 worked weekend days = 248.
        Assert.Equal(248, Cal.CountWorkingDays(D("2026-01-01"), D("2026-12-31")));
        Assert.Equal(18, Cal.CountWorkingDays(D("2025-10-01"), D("2025-10-31"))); // 23 weekdays − 6 + 11 Oct
        Assert.Equal(16, Cal.CountWorkingDays(D("2026-02-01"), D("2026-02-28"))); // 20 − 6 + 14 and 28 Feb
    }

    private static StepVerdict Publicity(
        int step,
        string from,
        string on,
        int completedBefore = 0
    ) =>
        DevelopmentRules.Judge(
            Book,
            Cal,
            new CaseFacts(
                D("1990-01-01"),
                Enumerable.Range(1, step - 1).ToDictionary(i => i, i => D("2024-01-01").AddDays(i))
            ),
            step == 23
                ? new StepSubmission(step, D(on), Vote: new(10, 8, 7, 1, 0), PublicityFrom: D(from))
                : new StepSubmission(step, D(on), PublicityFrom: D(from))
        );

    [Theory]
    // Admission (step 13) after a 公示 from Friday 26 Sep 2025: earliest Friday 10 Oct (weekdays only would say 3 Oct).
    [InlineData(13, "2025-09-26", "2025-10-09", "2025-10-10")]
    [InlineData(13, "2025-09-26", "2025-10-10", null)]
    // Conversion (step 23) after a 公示 from Thursday 12 Feb 2026: 12, 13, 14 (Sat), 24, 25 → earliest 26 Feb.
    [InlineData(23, "2026-02-12", "2026-02-25", "2026-02-26")]
    [InlineData(23, "2026-02-12", "2026-02-26", null)]
    public void The_publicity_period_counts_working_days_of_the_real_calendar(
        int step,
        string from,
        string on,
        string? earliest
    )
    {
        var v = Publicity(step, from, on);
        var rule = step == 13 ? "AdmissionPublicity" : "ConversionPublicity";
        var found = v.Refusals.Where(r => r.Rule.Id == rule).ToList();
        if (earliest is null)
            Assert.Empty(found);
        else
        {
            var f = Assert.Single(found);
            Assert.Equal(5, f.Args[0]);
            Assert.Equal(earliest, f.Args[1]);
            Assert.Contains("5个工作日", f.Message(chinese: true));
        }
    }

    [Fact]
    public void The_publicity_period_is_a_setting_of_the_rules_table()
    {
        // An administrator sets 7 working days: the table's value is what the rule applies.
        var seven = Book with
        {
            Rules =
            [
                .. Book.Rules.Select(r =>
                    r.Id == "AdmissionPublicity" ? r with { WorkingDays = 7 } : r
                ),
            ],
        };
        var facts = new CaseFacts(
            D("1990-01-01"),
            Enumerable.Range(1, 12).ToDictionary(i => i, i => D("2024-01-01").AddDays(i))
        );
        // 26, 28, 29, 30 Sep, 9, 10, 11 (Sat) Oct → earliest Sunday 12 Oct.
        var v = DevelopmentRules.Judge(
            seven,
            Cal,
            facts,
            new(13, D("2025-10-11"), PublicityFrom: D("2025-09-26"))
        );
        Assert.Equal("2025-10-12", Assert.Single(v.Refusals).Args[1]);
    }

    [Fact]
    public void The_import_text_reads_one_day_a_line()
    {
        var days = HolidayService.ParseLines(
            "# 2027\n2027-10-01 休 国庆节\n\n2027-09-26\t班\t国庆节\n2027-10-02,off\n2027-x"
        );
        Assert.Equal(4, days.Count);
        Assert.Equal(
            ("2027-10-01", "Holiday", "国庆节"),
            (days[0].Date, days[0].Kind, days[0].Name)
        );
        Assert.Equal("WorkingDay", days[1].Kind);
        Assert.Equal(("2027-10-02", "Holiday", null), (days[2].Date, days[2].Kind, days[2].Name));
        Assert.Null(days[3].Kind);
    }
}
