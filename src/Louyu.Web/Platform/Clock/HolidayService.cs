using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Clock;

public sealed record HolidayDayRequest(string? Kind, string? Name = null, string? Source = null);

public sealed record HolidayImportDay(
    string? Date,
    string? Kind,
    string? Name = null,
    string? Source = null
);

/// <summary>A year's list: replaces every day of that year in the table (nothing is written when a row is bad).</summary>
public sealed record HolidayImportRequest(int? Year, IReadOnlyList<HolidayImportDay>? Days);

public sealed record HolidayDayResponse(
    DateOnly Date,
    string Kind,
    string? Name,
    string? Source,
    string DayOfWeek
);

/// <summary>A year of the calendar: the listed days, and the year's count of working days by the table.</summary>
public sealed record HolidayYearResponse(
    int Year,
    int WorkingDays,
    int Holidays,
    int AdjustedWorkingDays,
    IReadOnlyList<HolidayDayResponse> Days
);

/// <summary>400 with field errors, 403, or 404.</summary>
public sealed record HolidayProblem(
    int Status,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null
);

/// <summary>
/// The holiday calendar table (法定节假日 and 调休上班): read by every staff user, edited by an administrator or a
/// building committee secretary. Every change drops the cached <see cref="HolidayCalendar"/>.
/// </summary>
public sealed class HolidayService(LouyuDbContext db, HolidayCalendar calendar, TimeProvider clock)
{
    public static readonly string[] Editors =
    [
        LouyuRoles.Administrator,
        LouyuRoles.CommitteeSecretary,
    ];

    public static bool CanEdit(ClaimsPrincipal user) => Editors.Any(user.IsInRole);

    public async Task<HolidayYearResponse> YearAsync(int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var days = await db
            .CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .ToListAsync(ct);
        var cal = WorkingCalendar.From(days);
        return new(
            year,
            cal.CountWorkingDays(first, last),
            days.Count(d => d.Kind == CalendarDayKind.Holiday),
            days.Count(d => d.Kind == CalendarDayKind.WorkingDay),
            [.. days.Select(Describe)]
        );
    }

    public async Task<(HolidayDayResponse? Day, HolidayProblem? Problem)> PutAsync(
        ClaimsPrincipal user,
        string date,
        HolidayDayRequest r,
        CancellationToken ct
    )
    {
        if (!CanEdit(user))
            return (null, new(403));
        var errors = new List<(string, string, object[])>();
        var day = Check(errors, "", date, r.Kind, r.Name, r.Source);
        if (day is null)
            return (null, new(400, errors));
        var row = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == day.Date, ct);
        if (row is null)
            db.CalendarDays.Add(row = new CalendarDay { Date = day.Date });
        row.Kind = day.Kind;
        row.Name = day.Name;
        row.Source = day.Source;
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return (Describe(row), null);
    }

    public async Task<HolidayProblem?> DeleteAsync(
        ClaimsPrincipal user,
        string date,
        CancellationToken ct
    )
    {
        if (!CanEdit(user))
            return new(403);
        if (!TryDate(date, out var d))
            return new(400, [("date", "Validation.Date", [])]);
        var row = await db.CalendarDays.FirstOrDefaultAsync(x => x.Date == d, ct);
        if (row is null)
            return new(404);
        db.CalendarDays.Remove(row);
        await db.SaveChangesAsync(ct);
        calendar.Invalidate();
        return null;
    }

    /// <summary>Replaces the year's days with the list, all or nothing.</summary>
    public async Task<(HolidayYearResponse? Year, HolidayProblem? Problem)> ImportAsync(
        ClaimsPrincipal user,
        HolidayImportRequest r,
        CancellationToken ct
    )
    {
        if (!CanEdit(user))
            return (null, new(403));
        var errors = new List<(string, string, object[])>();
        if (r.Year is not (>= 2000 and <= 2100))
            errors.Add(("year", "Holidays.YearRange", [2000, 2100]));
        var days = new List<CalendarDay>();
        var list = r.Days ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var x = list[i];
            var d = Check(errors, $"days[{i}].", x.Date, x.Kind, x.Name, x.Source);
            if (d is null)
                continue;
            if (r.Year is { } y && d.Date.Year != y)
                errors.Add(($"days[{i}].date", "Holidays.OutsideYear", [y]));
            else if (days.Any(o => o.Date == d.Date))
                errors.Add(($"days[{i}].date", "Holidays.Duplicate", []));
            else
                days.Add(d);
        }
        if (errors.Count > 0)
            return (null, new(400, errors));
        var year = r.Year!.Value;
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CalendarDays.RemoveRange(
            await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct)
        );
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in days)
        {
            d.UpdatedAtUtc = now;
            db.CalendarDays.Add(d);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        calendar.Invalidate();
        return (await YearAsync(year, ct), null);
    }

    /// <summary>
    /// Reads the page's import text, one day a line: <c>YYYY-MM-DD 休|班 [name]</c> (also <c>off|on</c>,
    /// <c>Holiday|WorkingDay</c>); blank lines and lines starting with # are skipped.
    /// </summary>
    public static List<HolidayImportDay> ParseLines(string? text)
    {
        var days = new List<HolidayImportDay>();
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split(
                [' ', '\t', ',', '，'],
                3,
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            );
            var kind = parts.Length > 1 ? parts[1] : null;
            kind = kind switch
            {
                "休" or "off" or "Off" => nameof(CalendarDayKind.Holiday),
                "班" or "on" or "On" => nameof(CalendarDayKind.WorkingDay),
                _ => kind,
            };
            days.Add(new(parts[0], kind, parts.Length > 2 ? parts[2] : null));
        }
        return days;
    }

    private static CalendarDay? Check(
        List<(string, string, object[])> errors,
        string prefix,
        string? date,
        string? kind,
        string? name,
        string? source
    )
    {
        var ok = true;
        if (!TryDate(date, out var d))
        {
            errors.Add(
                (
                    prefix + "date",
                    string.IsNullOrWhiteSpace(date) ? "Validation.Required" : "Validation.Date",
                    []
                )
            );
            ok = false;
        }
        CalendarDayKind k = default;
        if (
            string.IsNullOrWhiteSpace(kind)
            || !Enum.TryParse(kind.Trim(), false, out k)
            || !Enum.IsDefined(k)
        )
        {
            errors.Add((prefix + "kind", "Holidays.KindUnknown", []));
            ok = false;
        }
        else if (
            ok
            && k == CalendarDayKind.WorkingDay
            && d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        )
        {
            errors.Add((prefix + "kind", "Holidays.WorkingDayOnWeekday", []));
            ok = false;
        }
        if (name?.Trim().Length > 50)
        {
            errors.Add((prefix + "name", "Validation.TooLong", [50]));
            ok = false;
        }
        if (source?.Trim().Length > 200)
        {
            errors.Add((prefix + "source", "Validation.TooLong", [200]));
            ok = false;
        }
        return ok
            ? new CalendarDay
            {
                Date = d,
                Kind = k,
                Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
                Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim(),
            }
            : null;
    }

    private static bool TryDate(string? s, out DateOnly d) =>
        DateOnly.TryParseExact(
            s?.Trim(),
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out d
        );

    private static HolidayDayResponse Describe(CalendarDay d) =>
        new(d.Date, d.Kind.ToString(), d.Name, d.Source, d.Date.DayOfWeek.ToString());
}
