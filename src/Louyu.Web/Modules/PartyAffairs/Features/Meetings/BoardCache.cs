using System.Collections.Concurrent;
using System.Globalization;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// The compliance boards already computed today, per scope, building and language (<see cref="KeptBoard"/>), kept
/// up to date from the write log as <c>Organization/Features/Coverage/CoverageStore</c> keeps coverage: each
/// committed write that touches a meeting or a branch's maintained summary is logged with the organisations it
/// touched, and the next reader patches its kept board with only those branches (read again from the summary and
/// coloured by the same rule, <see cref="BoardBuilder.Patch"/>), so recording a meeting costs the next reader of
/// the district board a primary-key read instead of a pass over 20,000 branches. A write to the organisation tree
/// (organisations, buildings, …) or an unknown write makes every kept board be computed again. Another instance's
/// writes are not seen: a board is read in full again once older than
/// <c>PartyAffairs:Meetings:BoardCacheSeconds</c> (60; 0 turns the cache off).
/// </summary>
public sealed class BoardCache
{
    /// <summary>Log records kept; a reader further behind than this computes its board in full again.</summary>
    private const int LogLength = 4_096;

    /// <summary>Boards kept (days × buildings × languages × scopes); the oldest goes first.</summary>
    private const int MaxEntries = 256;

    /// <summary>The organisation system's tables, by namespace (this module sees that one only through its contracts).</summary>
    private const string OrganizationTables = "Louyu.Web.Modules.Organization.Data";

    private readonly Lock _gate = new();
    private readonly List<(long Seq, HashSet<Guid>? Organizations)> _log = [];
    private long _seq;
    private readonly ConcurrentDictionary<string, KeptBoard> _entries = new();
    private readonly TimeProvider _clock;

    public BoardCache(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        _clock = clock;
        Keep = TimeSpan.FromSeconds(config.GetValue("PartyAffairs:Meetings:BoardCacheSeconds", 60));
        signal.Changed += Note;
    }

    public TimeSpan Keep { get; }

    /// <summary>False when the configured age is zero: every read computes in full.</summary>
    public bool Enabled => Keep > TimeSpan.Zero;

    /// <summary>The last logged write's number.</summary>
    public long Seq
    {
        get
        {
            lock (_gate)
                return _seq;
        }
    }

    public static string Key(DateOnly day, Guid? buildingId, string scope) =>
        string.Join(
            '|',
            day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            buildingId?.ToString() ?? "*",
            CultureInfo.CurrentUICulture.Name,
            scope
        );

    /// <summary>The kept board of this key unless it is older than <see cref="Keep"/>.</summary>
    public KeptBoard? Get(string key) =>
        _entries.TryGetValue(key, out var e) && _clock.GetUtcNow().UtcDateTime - e.BuiltUtc < Keep
            ? e
            : null;

    /// <summary>Keeps a board unless a more recent one is already there.</summary>
    public void Put(string key, KeptBoard board)
    {
        if (!Enabled)
            return;
        _entries.AddOrUpdate(key, board, (_, old) => old.Seq > board.Seq ? old : board);
        if (_entries.Count > MaxEntries)
            foreach (
                var stale in _entries
                    .OrderBy(e => e.Value.BuiltUtc)
                    .Take(_entries.Count - MaxEntries)
            )
                _entries.TryRemove(stale.Key, out _);
    }

    /// <summary>
    /// What changed after <paramref name="seq"/>, up to the returned <c>Seq</c>: the organisations whose meetings or
    /// summary were written, or <c>Everything</c> when that is unknown (an organisation-tree write, an unknown
    /// write, or the log no longer reaches back).
    /// </summary>
    public (bool Everything, long Seq, HashSet<Guid> Organizations) Since(long seq)
    {
        HashSet<Guid> organizations = [];
        lock (_gate)
        {
            if (seq >= _seq)
                return (false, _seq, organizations);
            if (_log.Count == 0 || _log[0].Seq > seq + 1)
                return (true, _seq, organizations);
            foreach (var (s, o) in _log)
            {
                if (s <= seq)
                    continue;
                if (o is null)
                    return (true, _seq, organizations);
                organizations.UnionWith(o);
            }
            return (false, _seq, organizations);
        }
    }

    /// <summary>Which committed rows touch what the board reads (see <c>ComplianceService.ComputeBoardAsync</c>).</summary>
    private void Note(IReadOnlyList<ChangedRow>? rows)
    {
        HashSet<Guid> organizations = [];
        var everything = rows is null;
        foreach (var row in rows ?? [])
        {
            switch (row.Entity)
            {
                case Meeting m:
                    organizations.Add(m.OrganizationId);
                    if (row.Original.GetValueOrDefault(nameof(Meeting.OrganizationId)) is Guid was)
                        organizations.Add(was);
                    break;
                case MeetingCompliance c:
                    organizations.Add(c.OrganizationId);
                    break;
                case MeetingAttendee or MeetingPhoto:
                    break; // who came and the photos do not colour the board
                default:
                    everything =
                        row.EntityType.Namespace == OrganizationTables
                        || (
                            row.EntityType.Namespace == typeof(MeetingCompliance).Namespace
                            && row.EntityType.Name.StartsWith("Meeting", StringComparison.Ordinal)
                        );
                    break;
            }
            if (everything)
                break;
        }
        if (!everything && organizations.Count == 0)
            return; // nothing the board reads changed (dues, development, audit, accounts …)
        lock (_gate)
        {
            _seq++;
            _log.Add((_seq, everything ? null : organizations));
            if (_log.Count > LogLength)
                _log.RemoveRange(0, _log.Count - LogLength);
        }
    }
}
