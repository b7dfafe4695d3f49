using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Insights.Features.Overview;

/// <summary>GET /api/v1/stats/overview and /api/v1/stats/growth (api.md "Statistics").</summary>
public static class StatsEndpoints
{
    /// <summary>The overview row of api.md, field for field.</summary>
    public sealed record OverviewResponse(
        string AsOf,
        int Buildings,
        int Enterprises,
        int PartyOrganizations,
        int Branches,
        int Members,
        int FullMembers,
        int ProbationaryMembers,
        int PartyWorkers,
        double OrganizationCoverageRate,
        double WorkCoverageRate
    )
    {
        public static OverviewResponse From(OrganizationFigures f) =>
            new(
                f.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                f.Buildings,
                f.Enterprises,
                f.PartyOrganizations,
                f.Branches,
                f.Members,
                f.FullMembers,
                f.ProbationaryMembers,
                f.PartyWorkers,
                f.OrganizationCoverageRate,
                f.WorkCoverageRate
            );
    }

    public static void MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stats").WithTags("Statistics").RequireAuthorization();
        group
            .MapGet("/overview", OverviewAsync)
            .WithSummary(
                "Counts as they stood at the end of a day, over the caller's buildings or one building"
            );
        group.MapGet("/growth", GrowthAsync).WithSummary("One overview row per year end");
    }

    private static async Task<IResult> OverviewAsync(
        string? asOf,
        string? buildingId,
        ClaimsPrincipal user,
        StatsService stats,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        DateOnly? date = null;
        if (!string.IsNullOrEmpty(asOf))
        {
            if (
                !DateOnly.TryParseExact(
                    asOf,
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var d
                )
            )
                return ProblemsSetup.Validation(text, ("asOf", "Validation.Date", []));
            date = d;
        }
        if (!TryBuilding(buildingId, out var building))
            return ProblemsSetup.Validation(text, ("buildingId", "Validation.Id", []));
        var outcome = await stats.OverviewAsync(user, date, building, ct);
        return Answer(outcome, OverviewResponse.From, text);
    }

    private static async Task<IResult> GrowthAsync(
        string? from,
        string? to,
        string? buildingId,
        ClaimsPrincipal user,
        StatsService stats,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (!TryYear(from, out var first))
            return ProblemsSetup.Validation(text, ("from", "Validation.Year", []));
        if (!TryYear(to, out var last))
            return ProblemsSetup.Validation(text, ("to", "Validation.Year", []));
        if (!TryBuilding(buildingId, out var building))
            return ProblemsSetup.Validation(text, ("buildingId", "Validation.Id", []));
        var outcome = await stats.GrowthAsync(user, first, last, building, ct);
        return Answer(outcome, rows => rows.Select(OverviewResponse.From).ToList(), text);
    }

    private static IResult Answer<T, TOut>(
        StatsOutcome<T> o,
        Func<T, TOut> map,
        IStringLocalizer<SharedResource> text
    ) =>
        o.Failure switch
        {
            null => TypedResults.Ok(map(o.Value!)),
            StatsFailure.Invalid => ProblemsSetup.Validation(text, (o.Field!, o.MessageKey!, [])),
            StatsFailure.NotFound => ProblemsSetup.Problem(text, 404, "Problem.NotFound"),
            _ => ProblemsSetup.Problem(text, 403, "Problem.OutOfScope"),
        };

    private static bool TryYear(string? s, out int? year)
    {
        year = null;
        if (string.IsNullOrEmpty(s))
            return true;
        if (
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && s.Length == 4
        )
        {
            year = y;
            return true;
        }
        return false;
    }

    private static bool TryBuilding(string? s, out Guid? id)
    {
        id = null;
        if (string.IsNullOrEmpty(s))
            return true;
        if (Guid.TryParse(s, out var g))
        {
            id = g;
            return true;
        }
        return false;
    }
}
