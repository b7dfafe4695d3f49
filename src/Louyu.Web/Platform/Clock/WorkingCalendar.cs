namespace Louyu.Web.Platform.Clock;

/// <summary>
/// Working days in mainland China: Monday–Friday, except public holidays (法定节假日), plus the weekend days the State
/// Council adjusts into working days (调休上班). Pure: the two sets come from a table an administrator edits.
/// </summary>
public sealed class WorkingCalendar(
    IReadOnlySet<DateOnly> holidays,
    IReadOnlySet<DateOnly> adjustedWorkingDays
)
{
    public static readonly WorkingCalendar WeekdaysOnly = new(
        new HashSet<DateOnly>(),
        new HashSet<DateOnly>()
    );

    /// <summary>The calendar of a table's rows.</summary>
    public static WorkingCalendar From(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        return new(
            list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
            list.Where(d => d.Kind == CalendarDayKind.WorkingDay).Select(d => d.Date).ToHashSet()
        );
    }

    public bool IsWorkingDay(DateOnly d) =>
        adjustedWorkingDays.Contains(d)
        || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d));

    /// <summary>Working days d with <paramref name="from"/> ≤ d ≤ <paramref name="to"/> (0 when to &lt; from).</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d))
                n++;
        return n;
    }

    /// <summary>
    /// The day on which <paramref name="days"/> working days after <paramref name="start"/> have elapsed: the
    /// <paramref name="days"/>-th working day strictly after the start (the start itself does not count).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var d = start;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
                days--;
        }
        return d;
    }
}
