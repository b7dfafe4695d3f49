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
public sealed class BoardCache
{
    private const int MaxEntries = 1_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (BoardResponse Board, DateTime At)> _boards = [];
    private long _generation;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _keep;

    public BoardCache(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        _clock = clock;
        _keep = TimeSpan.FromSeconds(
            config.GetValue("PartyAffairs:Meetings:BoardCacheSeconds", 60)
        );
        signal.Changed += rows =>
        {
            if (rows is not null && !rows.Any(r => Touches(r.EntityType)))
                return;
            lock (_gate)
            {
                _generation++;
                _boards.Clear();
            }
        };
    }

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

    public async Task<BoardResponse?> GetOrComputeAsync(
        string key,
        Func<Task<BoardResponse?>> compute
    )
    {
        if (_keep <= TimeSpan.Zero)
            return await compute();
        var now = _clock.GetUtcNow().UtcDateTime;
        long generation;
        lock (_gate)
        {
            if (_boards.TryGetValue(key, out var hit) && now - hit.At < _keep)
                return hit.Board;
            generation = _generation;
        }
        var board = await compute();
        if (board is null)
            return null;
        lock (_gate)
        {
            // Kept only when no write was announced while computing (else the next reader computes again).
            if (_generation == generation)
            {
                if (_boards.Count >= MaxEntries)
                    _boards.Clear();
                _boards[key] = (board, now);
            }
        }
        return board;
    }
}
