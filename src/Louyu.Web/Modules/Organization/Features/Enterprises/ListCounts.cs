using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// The exact <c>total</c> of the organisation lists (members, enterprises), kept per query (its SQL with the
/// caller's filter and scope values) until a committed write touches one of this module's tables — so paging
/// through a list of 700,000 members does not count them again on every page. Another instance's writes are not
/// seen: an entry also expires after <c>Organization:ListCountSeconds</c> (60).
/// </summary>
public sealed class ListCounts
{
    private const int MaxEntries = 10_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Count, DateTime At)> _counts = [];
    private long _generation;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _keep;

    public ListCounts(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        _clock = clock;
        _keep = TimeSpan.FromSeconds(config.GetValue("Organization:ListCountSeconds", 60));
        signal.Changed += rows =>
        {
            if (rows is not null && !rows.Any(r => r.EntityType.Namespace == ModuleTables))
                return;
            lock (_gate)
            {
                _generation++;
                _counts.Clear();
            }
        };
    }

    private static readonly string? ModuleTables = typeof(Member).Namespace;

    public async Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken ct)
    {
        if (_keep <= TimeSpan.Zero)
            return await query.CountAsync(ct);
        var key = query.ToQueryString();
        var now = _clock.GetUtcNow().UtcDateTime;
        long generation;
        lock (_gate)
        {
            if (_counts.TryGetValue(key, out var hit) && now - hit.At < _keep)
                return hit.Count;
            generation = _generation;
        }
        var count = await query.CountAsync(ct);
        lock (_gate)
        {
            // Kept only when no write was announced while counting (else the next reader counts again).
            if (_generation == generation)
            {
                if (_counts.Count >= MaxEntries)
                    _counts.Clear();
                _counts[key] = (count, now);
            }
        }
        return count;
    }
}
