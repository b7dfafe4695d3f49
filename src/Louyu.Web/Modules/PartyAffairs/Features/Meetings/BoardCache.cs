using System.Globalization;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// The compliance boards already computed today, per scope, building and language, kept until a committed write
/// touches a meeting, the maintained summary or an organisation/building record (then every entry goes: the next
/// reader computes again). The district board reads 23,000 branches; it changes only when one of those writes
/// happens, so readers between writes get the same answer without the work. Another instance's writes are not seen:
/// an entry also expires after <c>PartyAffairs:Meetings:BoardCacheSeconds</c> (60; 0 turns the cache off).
/// </summary>
public sealed class BoardCache(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
{
    private readonly WriteInvalidatedCache<BoardResponse?> _boards = new(
        signal,
        clock,
        TimeSpan.FromSeconds(config.GetValue("PartyAffairs:Meetings:BoardCacheSeconds", 60)),
        maxEntries: 1_000,
        touches: Touches
    );

    /// <summary>Meetings and their summary (PartyAffairs), organisations and buildings (Organization).</summary>
    private static bool Touches(Type t) =>
        t.Namespace == OrganizationTables
        || (
            t.Namespace == typeof(Data.MeetingCompliance).Namespace
            && t.Name.StartsWith("Meeting", StringComparison.Ordinal)
        );

    /// <summary>The organisation system's tables, by namespace (this module sees that one only through its contracts).</summary>
    private const string OrganizationTables = "Louyu.Web.Modules.Organization.Data";

    public static string Key(DateOnly day, Guid? buildingId, string scope) =>
        string.Join(
            '|',
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            buildingId?.ToString() ?? "*",
            CultureInfo.CurrentUICulture.Name,
            scope
        );

    public Task<BoardResponse?> GetOrComputeAsync(string key, Func<Task<BoardResponse?>> compute) =>
        _boards.GetOrComputeAsync(key, compute);
}
