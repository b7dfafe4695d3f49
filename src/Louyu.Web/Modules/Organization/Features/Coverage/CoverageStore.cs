using System.Collections.Concurrent;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Organization.Features.Coverage;

/// <summary>One enterprise counted on a day, classified: what the report, the pages and the per-building sums need.</summary>
public readonly record struct CoverageRow(
    Guid Id,
    string Name,
    Guid BuildingId,
    string BuildingName,
    int Members,
    int FullMembers,
    CoverageState State,
    CoverageTodo Todo
);

/// <summary>
/// The classified rows of a date and building filter, consistent with every change up to <see cref="Seq"/>;
/// <see cref="BuiltUtc"/> is when they were last read in full from the database.
/// </summary>
public sealed record CoverageEntry(long Seq, DateTime BuiltUtc, CoverageRow[] Rows);

/// <summary>
/// The coverage facts kept up to date in memory (a materialised view maintained from the write log): per date and
/// building filter, every enterprise's classified row, and a log of which enterprises' facts committed writes may
/// have changed. A reader brings an entry up to date by re-reading only those enterprises
/// (<see cref="CoverageQuery"/>), so a write costs the next reader a few milliseconds instead of a pass over the
/// district. Writes are learnt from <see cref="DataChangeSignal"/> after their commit; another instance's writes are
/// not seen, so an entry is read in full again once it is older than <c>Organization:CoverageCacheMinutes</c>
/// (<see cref="CoverageWarmer"/> does that in the background for today's every-building entry).
/// </summary>
public sealed class CoverageStore
{
    /// <summary>Log records kept; a reader further behind than this reads its entry in full again.</summary>
    private const int LogLength = 4_096;

    /// <summary>Entries kept (dates × building filters); the oldest goes first.</summary>
    private const int MaxEntries = 64;

    private readonly Lock _gate = new();
    private readonly List<(
        long Seq,
        HashSet<Guid>? Enterprises,
        HashSet<Guid>? Organizations
    )> _log = [];
    private long _seq;
    private readonly ConcurrentDictionary<(DateOnly Date, string Filter), CoverageEntry> _entries =
        new();

    public CoverageStore(DataChangeSignal signal) => signal.Changed += Note;

    /// <summary>The last change's number.</summary>
    public long Seq
    {
        get
        {
            lock (_gate)
                return _seq;
        }
    }

    public static string FilterKey(IReadOnlyCollection<Guid>? filter) =>
        filter is null ? "*" : string.Join(",", filter.Order());

    public CoverageEntry? Get(DateOnly date, string filter) =>
        _entries.TryGetValue((date, filter), out var e) ? e : null;

    /// <summary>Keeps an entry unless a more recent one is already there.</summary>
    public void Put(DateOnly date, string filter, CoverageEntry entry)
    {
        _entries.AddOrUpdate((date, filter), entry, (_, old) => old.Seq > entry.Seq ? old : entry);
        if (_entries.Count > MaxEntries)
            foreach (
                var stale in _entries
                    .OrderBy(e => e.Value.BuiltUtc)
                    .Take(_entries.Count - MaxEntries)
            )
                _entries.TryRemove(stale.Key, out _);
    }

    public void Clear() => _entries.Clear();

    /// <summary>
    /// What changed after <paramref name="seq"/>: the enterprises whose facts may differ and the organisations whose
    /// enterprises' facts may differ (a link added to a branch makes its other enterprise joint), or
    /// <c>Everything</c> when that is unknown (a building changed, a bulk write, or the log no longer reaches back).
    /// </summary>
    public (bool Everything, HashSet<Guid> Enterprises, HashSet<Guid> Organizations) Since(long seq)
    {
        HashSet<Guid> enterprises = [];
        HashSet<Guid> organizations = [];
        lock (_gate)
        {
            if (seq >= _seq)
                return (false, enterprises, organizations);
            if (_log.Count == 0 || _log[0].Seq > seq + 1)
                return (true, enterprises, organizations);
            foreach (var (s, e, o) in _log)
            {
                if (s <= seq)
                    continue;
                if (e is null || o is null)
                    return (true, enterprises, organizations);
                enterprises.UnionWith(e);
                organizations.UnionWith(o);
            }
        }
        return (false, enterprises, organizations);
    }

    /// <summary>Which committed rows touch the facts coverage reads (see <c>CoverageQuery.FactsAt</c>).</summary>
    private void Note(IReadOnlyList<ChangedRow>? rows)
    {
        HashSet<Guid> enterprises = [];
        HashSet<Guid> organizations = [];
        var everything = rows is null;
        foreach (var row in rows ?? [])
        {
            switch (row.Entity)
            {
                case Member m:
                    if (m.EnterpriseId is { } now)
                        enterprises.Add(now);
                    if (row.Original.GetValueOrDefault(nameof(Member.EnterpriseId)) is Guid was)
                        enterprises.Add(was);
                    break;
                case Enterprise e:
                    enterprises.Add(e.Id);
                    break;
                case OrganizationEnterprise l:
                    enterprises.Add(l.EnterpriseId);
                    organizations.Add(l.OrganizationId);
                    break;
                case PartyOrganization o:
                    organizations.Add(o.Id);
                    break;
                case InstructorAssignment ia:
                    enterprises.Add(ia.EnterpriseId);
                    if (
                        row.Original.GetValueOrDefault(nameof(InstructorAssignment.EnterpriseId))
                        is Guid before
                    )
                        enterprises.Add(before);
                    break;
                case Building:
                    everything = true;
                    break;
            }
            if (everything)
                break;
        }
        if (!everything && enterprises.Count == 0 && organizations.Count == 0)
            return; // nothing coverage reads changed (dues, meetings, audit, accounts …)
        lock (_gate)
        {
            _seq++;
            _log.Add((_seq, everything ? null : enterprises, everything ? null : organizations));
            if (_log.Count > LogLength)
                _log.RemoveRange(0, _log.Count - LogLength);
        }
    }
}
