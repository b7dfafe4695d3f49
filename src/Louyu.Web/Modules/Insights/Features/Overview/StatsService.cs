using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Louyu.Web.Modules.Insights.Features.Overview;

/// <summary>
/// The overview and growth figures for a caller, limited to the buildings in the caller's scope. Year-end rows of
/// past years are cached: dropped at once when data changes on this instance, after 10 minutes otherwise (another
/// instance's change). Today's figures are always counted afresh.
/// </summary>
public sealed class StatsService(
    IOrganizationFigures figures,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    IMemoryCache cache,
    DataChangeSignal changes,
    IConfiguration config
)
{
    /// <summary><c>Insights:CacheMinutes</c>, 10 by default; 0 turns the cache off (benchmarks of the queries).</summary>
    private TimeSpan CacheTime =>
        TimeSpan.FromMinutes(config.GetValue("Insights:CacheMinutes", 10));

    public const int FirstYear = 2009;

    public DateOnly Today => ShanghaiTime.Today(clock);

    public async Task<StatsOutcome<OrganizationFigures>> OverviewAsync(
        ClaimsPrincipal user,
        DateOnly? asOf,
        Guid? buildingId,
        CancellationToken ct
    )
    {
        var date = asOf ?? Today;
        if (date > Today)
            return StatsOutcome<OrganizationFigures>.Invalid("asOf", "Validation.DateInFuture");
        var (filter, failure) = await FilterAsync(user, buildingId, ct);
        if (failure is not null)
            return new StatsOutcome<OrganizationFigures>(default, failure.Value, null, null);
        return StatsOutcome<OrganizationFigures>.Ok(await FiguresAsync(date, filter, ct));
    }

    public async Task<StatsOutcome<IReadOnlyList<OrganizationFigures>>> GrowthAsync(
        ClaimsPrincipal user,
        int? from,
        int? to,
        Guid? buildingId,
        CancellationToken ct
    )
    {
        var first = from ?? FirstYear;
        var last = to ?? Today.Year;
        if (first < 1949 || first > Today.Year)
            return StatsOutcome<IReadOnlyList<OrganizationFigures>>.Invalid(
                "from",
                "Validation.YearOutOfRange"
            );
        if (last < first || last > Today.Year)
            return StatsOutcome<IReadOnlyList<OrganizationFigures>>.Invalid(
                "to",
                "Validation.YearOutOfRange"
            );
        if (last - first > 50)
            return StatsOutcome<IReadOnlyList<OrganizationFigures>>.Invalid(
                "to",
                "Validation.YearSpanTooLong"
            );
        var (filter, failure) = await FilterAsync(user, buildingId, ct);
        if (failure is not null)
            return new StatsOutcome<IReadOnlyList<OrganizationFigures>>(
                null,
                failure.Value,
                null,
                null
            );
        var rows = new List<OrganizationFigures>();
        for (var y = first; y <= last; y++)
        {
            var yearEnd = new DateOnly(y, 12, 31);
            rows.Add(await FiguresAsync(yearEnd > Today ? Today : yearEnd, filter, ct));
        }
        return StatsOutcome<IReadOnlyList<OrganizationFigures>>.Ok(rows);
    }

    private async Task<OrganizationFigures> FiguresAsync(
        DateOnly date,
        IReadOnlyCollection<Guid>? filter,
        CancellationToken ct
    )
    {
        if (date >= Today || CacheTime <= TimeSpan.Zero)
            return await figures.AsOfAsync(date, filter, ct);
        var key = ("figures", date, filter is null ? "*" : string.Join(",", filter.Order()));
        if (cache.TryGetValue(key, out OrganizationFigures? hit) && hit is not null)
            return hit;
        var token = changes.Token; // taken before counting: a change during the count drops the entry
        var value = await figures.AsOfAsync(date, filter, ct);
        cache.Set(
            key,
            value,
            new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = CacheTime,
            }.AddExpirationToken(token)
        );
        return value;
    }

    public async Task<IReadOnlyList<BuildingSummary>> BuildingsInScopeAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var scope = await scopes.ResolveAsync(user, ct);
        return scope.IsEmpty ? [] : await figures.BuildingsAsync(scope.Filter, ct);
    }

    private async Task<(IReadOnlyCollection<Guid>? Filter, StatsFailure? Failure)> FilterAsync(
        ClaimsPrincipal user,
        Guid? buildingId,
        CancellationToken ct
    )
    {
        var scope = await scopes.ResolveAsync(user, ct);
        if (scope.IsEmpty)
            return (null, StatsFailure.Forbidden);
        if (buildingId is null)
            return (scope.Filter, null);
        if (!await figures.BuildingExistsAsync(buildingId.Value, ct))
            return (null, StatsFailure.NotFound);
        if (!scope.Allows(buildingId.Value))
            return (null, StatsFailure.Forbidden);
        return ([buildingId.Value], null);
    }
}

public enum StatsFailure
{
    Invalid,
    Forbidden,
    NotFound,
}

public sealed record StatsOutcome<T>(
    T? Value,
    StatsFailure? Failure,
    string? Field,
    string? MessageKey
)
{
    public static StatsOutcome<T> Ok(T value) => new(value, null, null, null);

    public static StatsOutcome<T> Invalid(string field, string key) =>
        new(default, StatsFailure.Invalid, field, key);
}
