using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Platform.Clock;

/// <summary>
/// GET /api/v1/holidays?year=2026, PUT|DELETE /api/v1/holidays/{date}, POST /api/v1/holidays/import: the holiday
/// calendar table (read by any signed-in user; changed by an administrator or a building committee secretary).
/// </summary>
public static class HolidayEndpoints
{
    public static IServiceCollection AddLouyuCalendar(this IServiceCollection services)
    {
        services.AddSingleton<HolidayCalendar>();
        services.AddScoped<HolidayService>();
        services.AddSingleton<Data.IReferenceDataSeed, HolidaySeed>();
        return services;
    }

    public static void MapHolidayEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/holidays").WithTags("Calendar").RequireAuthorization();
        group
            .MapGet("/", YearAsync)
            .WithSummary(
                "The year's holidays (off) and adjusted working days (on); default this year"
            );
        var edit = group
            .MapGroup("")
            .RequireAuthorization(p => p.RequireRole(HolidayService.Editors));
        edit.MapPut("/{date}", PutAsync)
            .WithSummary(
                "Sets a day: {\"kind\": \"Holiday\"|\"WorkingDay\", \"name\", \"source\"}"
            );
        edit.MapDelete("/{date}", DeleteAsync).WithSummary("Removes a day from the table");
        edit.MapPost("/import", ImportAsync)
            .WithSummary(
                "Replaces a year's list: {\"year\", \"days\": [{\"date\", \"kind\", \"name\"}]}; all or nothing"
            );
    }

    private static async Task<IResult> YearAsync(
        int? year,
        HolidayService service,
        TimeProvider clock,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var y = year ?? ShanghaiTime.Today(clock).Year;
        if (y is < 2000 or > 2100)
            return ProblemsSetup.Validation(text, ("year", "Holidays.YearRange", [2000, 2100]));
        return TypedResults.Ok(await service.YearAsync(y, ct));
    }

    private static async Task<IResult> PutAsync(
        string date,
        HolidayDayRequest request,
        ClaimsPrincipal user,
        HolidayService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (day, problem) = await service.PutAsync(user, date, request, ct);
        return problem is null ? TypedResults.Ok(day) : ToResult(problem, text);
    }

    private static async Task<IResult> DeleteAsync(
        string date,
        ClaimsPrincipal user,
        HolidayService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var problem = await service.DeleteAsync(user, date, ct);
        return problem is null ? TypedResults.NoContent() : ToResult(problem, text);
    }

    private static async Task<IResult> ImportAsync(
        HolidayImportRequest request,
        ClaimsPrincipal user,
        HolidayService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (year, problem) = await service.ImportAsync(user, request, ct);
        return problem is null ? TypedResults.Ok(year) : ToResult(problem, text);
    }

    private static IResult ToResult(HolidayProblem p, IStringLocalizer<SharedResource> text) =>
        p.Status switch
        {
            400 => ProblemsSetup.Validation(text, [.. p.Errors ?? []]),
            403 => ProblemsSetup.Problem(text, 403, "Problem.ReadOnly"),
            _ => ProblemsSetup.Problem(text, 404, "Problem.NotFound"),
        };
}
