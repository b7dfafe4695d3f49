using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Clock;

/// <summary>
/// The working calendar of the holiday table, read once and kept (the table is a few dozen rows a year). Dropped on
/// every change made through this instance; other instances re-read it after <see cref="Lifetime"/>.
/// </summary>
public sealed class HolidayCalendar(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Entry(WorkingCalendar Calendar, DateTimeOffset At);

    private volatile Entry? _cached;
    private int _generation;

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.At < Lifetime)
            return hit.Calendar;
        var generation = Volatile.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        var calendar = WorkingCalendar.From(days);
        // A change made while reading drops what was read: keep it only if no change happened meanwhile.
        if (Volatile.Read(ref _generation) == generation)
            _cached = new Entry(calendar, clock.GetUtcNow());
        return calendar;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cached = null;
    }
}

/// <summary>Seeds the official arrangements of the years Louyu knows, for each year that has no day in the table.</summary>
public sealed class HolidaySeed(TimeProvider clock) : IReferenceDataSeed
{
    public async Task SeedAsync(LouyuDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var year in OfficialHolidays.KnownYears)
        {
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            if (await db.CalendarDays.AnyAsync(d => d.Date >= first && d.Date <= last, ct))
                continue;
            foreach (var d in OfficialHolidays.Of(year))
            {
                d.UpdatedAtUtc = now;
                db.CalendarDays.Add(d);
            }
            added = true;
        }
        if (added)
            await db.SaveChangesAsync(ct);
    }
}
