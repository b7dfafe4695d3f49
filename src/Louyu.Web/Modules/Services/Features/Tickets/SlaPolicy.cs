using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>
/// The SLA settings of the day: <see cref="SlaOptions"/> (section <c>Services:Sla</c>), the department × type table
/// (<see cref="DepartmentSla"/>) and the service's own limit — and the working calendar to count with.
/// </summary>
public sealed class SlaPolicy(
    LouyuDbContext db,
    HolidayCalendar calendar,
    IOptions<SlaOptions> options,
    TimeProvider clock
)
{
    public SlaOptions Options => options.Value;

    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<WorkingCalendar> CalendarAsync(CancellationToken ct) => calendar.GetAsync(ct);

    /// <summary>The time limit in working days of a ticket filed for <paramref name="service"/> now.</summary>
    public async Task<int> LimitAsync(WorkstationService service, CancellationToken ct)
    {
        if (service.SlaWorkingDays is { } own)
            return own;
        var row = await db
            .DepartmentSlas.AsNoTracking()
            .Where(s => s.DepartmentId == service.DepartmentId && s.Type == service.Type)
            .Select(s => (int?)s.WorkingDays)
            .FirstOrDefaultAsync(ct);
        return SlaClock.LimitFor(service.Type, null, row, options.Value);
    }
}
