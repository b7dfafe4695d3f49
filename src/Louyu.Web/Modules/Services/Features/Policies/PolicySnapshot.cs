using System.Threading.Channels;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>A published policy in force, compiled for matching.</summary>
public sealed record PolicyDef(
    Guid Id,
    string Title,
    bool GrantedWithoutApplication,
    long? EstimatedAmountFen,
    PolicyCriteria Criteria,
    PolicyMatching.Compiled Compiled
);

/// <summary>One enterprise's result for a policy (Eligible or Possible; not-eligible enterprises are not listed).</summary>
public sealed record PolicyHit(PolicySubject Subject, MatchResult Result);

/// <summary>
/// The matching state of this instance, in memory: the facts of every resident enterprise (read once by streaming
/// <see cref="IEnterpriseDirectory.ResidentAsync"/>), the published policies in force (compiled), and how many
/// enterprises each policy finds eligible / possible. Matches are not stored row by row: a policy's list is evaluated
/// from the facts when it is read (≈ 115,000 evaluations, a few milliseconds) and an enterprise's package from its
/// own fresh facts; what is kept exact here, and written to the policy's row, is the counts. They are kept exact on
/// every change — an enterprise replaced is evaluated before and after against every policy, a policy replaced is
/// counted again — so a full run is only needed on start, on a new day (years since founding move) or when a write
/// did not say what it wrote. Enterprises written on this instance arrive from <see cref="DataChangeSignal"/>
/// (queued for <see cref="PolicyRematchWorker"/> and patched into the next reader). Runs are serialised by
/// <see cref="Gate"/>.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Lock _lock = new();

    // Slots: one per enterprise ever loaded today; null when it moved out (or was never resident).
    private PolicySubject?[] _subjects = [];
    private int[] _rank = []; // display order of each slot (enterprises moving in later: after the rest)

    // The same slots packed for the day's district pass (integers and bits; see PackingTable), and their table.
    private PackedSubject[] _packed = [];
    private PackingTable _table = new();
    private int _used;
    private Dictionary<Guid, int> _slot = [];
    private DateOnly _day;
    private bool _loaded;
    private bool _stale;
    private HashSet<Guid> _dirty = [];

    // Null: the policies are not loaded (the next run loads them and counts everything).
    private Dictionary<Guid, Counted>? _policies;
    private HashSet<Guid> _unsaved = [];
    private long _version;
    private readonly Dictionary<
        Guid,
        (long Version, PolicyMatching.Compiled Compiled, PolicyHit[] Hits)
    > _lists = [];

    private sealed class Counted(PolicyDef def)
    {
        public PolicyDef Def { get; } = def;
        public int Eligible;
        public int Possible;
    }

    /// <summary>How long the last <see cref="LoadAsync"/> spent reading (or patching) the district.</summary>
    public TimeSpan LastLoad { get; private set; }

    /// <summary>One matching run at a time.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Enterprises to re-match in the background (Guid.Empty: everything).</summary>
    public Channel<Guid> Queue { get; } =
        Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public PolicySnapshot(DataChangeSignal signal) => signal.Changed += Note;

    public void Note(IReadOnlyList<ChangedRow>? rows)
    {
        var ids = EnterpriseChanges.Of(rows);
        if (ids is { Count: 0 })
            return;
        lock (_lock)
        {
            if (ids is null)
                _stale = true;
            else
                _dirty.UnionWith(ids);
        }
        if (ids is null)
            Queue.Writer.TryWrite(Guid.Empty);
        else
            foreach (var id in ids)
                Queue.Writer.TryWrite(id);
    }

    /// <summary>Forgets everything (the next reader loads the district again).</summary>
    public void Invalidate()
    {
        lock (_lock)
            _stale = true;
    }

    public static PolicySubject Subject(EnterpriseFacts f) =>
        new(
            f.Id,
            f.Industry,
            f.SizeName,
            f.EmployeeCount,
            f.FoundedOn,
            f.BuildingId,
            f.BuildingName,
            [.. f.Tags],
            f.Name
        );

    private static bool Resident(EnterpriseFacts f, DateOnly day) =>
        f.MovedInOn <= day && (f.MovedOutOn is null || f.MovedOutOn > day);

    /// <summary>Whether the policies and their counts are loaded for <paramref name="day"/> (else a full run is due).</summary>
    public bool Counting(DateOnly day)
    {
        lock (_lock)
            return _loaded && !_stale && _day == day && _policies is not null;
    }

    /// <summary>
    /// Every resident enterprise on <paramref name="day"/>, up to date with this instance's writes (loaded when
    /// missing or stale; the enterprises written since patched in, the counts kept exact).
    /// </summary>
    public async Task<IReadOnlyCollection<PolicySubject>> AllAsync(
        IEnterpriseDirectory directory,
        DateOnly day,
        CancellationToken ct
    )
    {
        await EnsureAsync(directory, day, ct);
        lock (_lock)
            return [.. _subjects.AsSpan(0, _used).ToArray().Where(s => s is not null)!];
    }

    /// <summary>Whether the district is loaded for <paramref name="day"/> with nothing written since left to patch in.</summary>
    public bool Ready(DateOnly day)
    {
        lock (_lock)
            return _loaded && !_stale && _day == day && _dirty.Count == 0;
    }

    /// <summary>Loads the district when missing, stale or of another day; otherwise patches in the written enterprises.</summary>
    public async Task EnsureAsync(
        IEnterpriseDirectory directory,
        DateOnly day,
        CancellationToken ct
    )
    {
        bool reload;
        lock (_lock)
            reload = !_loaded || _stale || _day != day;
        if (reload)
        {
            lock (_lock)
                _stale = false;
            var subjects = new List<PolicySubject>(capacity: 1024);
            await foreach (var f in directory.ResidentAsync(day, ct))
                subjects.Add(Subject(f));
            // Display order (building, then name) as a rank per slot: the slots stay in reading order, so the district
            // pass walks memory in the order it was allocated; a policy's list sorts its hits by the rank.
            var order = Enumerable.Range(0, subjects.Count).ToArray();
            Array.Sort(
                order,
                (a, b) =>
                    string.CompareOrdinal(subjects[a].BuildingName, subjects[b].BuildingName)
                        is var c
                            and not 0
                        ? c
                        : string.CompareOrdinal(subjects[a].Name, subjects[b].Name)
            );
            var rank = new int[subjects.Count];
            for (var r = 0; r < order.Length; r++)
                rank[order[r]] = r;
            var table = new PackingTable();
            var packed = new PackedSubject[subjects.Count];
            for (var i = 0; i < packed.Length; i++)
                packed[i] = table.Pack(subjects[i], day);
            lock (_lock)
            {
                _subjects = [.. subjects];
                _rank = rank;
                _packed = packed;
                _table = table;
                _used = _subjects.Length;
                _slot = new Dictionary<Guid, int>(_used);
                for (var i = 0; i < _used; i++)
                    _slot[_subjects[i]!.Id] = i;
                _day = day;
                _loaded = true;
                _policies = null; // counted again by the next run
                _lists.Clear();
                _version++;
            }
            return;
        }
        HashSet<Guid> dirty;
        lock (_lock)
        {
            dirty = _dirty;
            _dirty = [];
        }
        if (dirty.Count > 0)
            await ReplaceAsync(directory, dirty, day, ct);
    }

    /// <summary>
    /// Reads the named enterprises afresh and puts them in place (those no longer resident taken out), keeping every
    /// policy's counts exact. Returns the fresh resident subjects.
    /// </summary>
    public async Task<IReadOnlyList<PolicySubject>> ReplaceAsync(
        IEnterpriseDirectory directory,
        IReadOnlyCollection<Guid> ids,
        DateOnly day,
        CancellationToken ct
    )
    {
        var facts = await directory.EnterprisesAsync(ids, ct);
        var fresh = facts.Where(f => Resident(f, day)).Select(Subject).ToList();
        lock (_lock)
        {
            _dirty.ExceptWith(ids);
            if (!_loaded || _day != day)
                return fresh;
            var byId = fresh.ToDictionary(s => s.Id);
            foreach (var id in ids)
            {
                PolicySubject? old = _slot.TryGetValue(id, out var at) ? _subjects[at] : null;
                var now = byId.GetValueOrDefault(id);
                if (old is null && now is null)
                    continue;
                if (_policies is not null)
                    foreach (var c in _policies.Values)
                    {
                        var before = old is null
                            ? MatchResult.NotEligible
                            : PolicyMatching.Evaluate(c.Def.Compiled, old, day);
                        var after = now is null
                            ? MatchResult.NotEligible
                            : PolicyMatching.Evaluate(c.Def.Compiled, now, day);
                        if (before == after)
                            continue;
                        Count(c, before, -1);
                        Count(c, after, +1);
                        _unsaved.Add(c.Def.Id);
                    }
                var packed = now is null ? default : _table.Pack(now, day);
                if (old is not null)
                {
                    _subjects[at] = now;
                    _packed[at] = packed;
                }
                else
                {
                    if (_used == _subjects.Length)
                    {
                        Array.Resize(ref _subjects, Math.Max(16, _used * 2));
                        Array.Resize(ref _rank, _subjects.Length);
                        Array.Resize(ref _packed, _subjects.Length);
                    }
                    _subjects[_used] = now;
                    _packed[_used] = packed;
                    _rank[_used] = _used;
                    _slot[id] = _used++;
                }
            }
            _version++;
        }
        return fresh;
    }

    private static void Count(Counted c, MatchResult r, int by)
    {
        if (r == MatchResult.Eligible)
            c.Eligible += by;
        else if (r == MatchResult.Possible)
            c.Possible += by;
    }

    /// <summary>Loads the district (when needed) and counts every policy in force against it (in parallel).</summary>
    public async Task LoadAsync(
        IEnterpriseDirectory directory,
        IReadOnlyList<PolicyDef> policies,
        DateOnly day,
        CancellationToken ct
    )
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await EnsureAsync(directory, day, ct);
        LastLoad = watch.Elapsed;
        var counted = policies.Select(p => new Counted(p)).ToArray();
        Pass pass;
        PackedCriteria?[] criteria;
        lock (_lock)
        {
            pass = PassNow();
            criteria = [.. counted.Select(c => _table.Pack(c.Def.Compiled))];
        }
        Parallel.For(0, counted.Length, i => CountAll(counted[i], criteria[i], pass));
        lock (_lock)
        {
            _policies = counted.ToDictionary(c => c.Def.Id);
            _unsaved = [.. _policies.Keys];
            _lists.Clear();
            _version++;
        }
    }

    /// <summary>The slots as of one moment (arrays are replaced, never shrunk, while a pass reads them).</summary>
    private readonly record struct Pass(
        PolicySubject?[] Subjects,
        PackedSubject[] Packed,
        int Used,
        DateOnly Day
    );

    private Pass PassNow() => new(_subjects, _packed, _used, _day);

    // One policy against every slot: the packed facts when its criteria pack (always, below 64 distinct tags).
    // Fully optimised from the first call: the first full run of a process should not count on unoptimised code.
    [System.Runtime.CompilerServices.MethodImpl(
        System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization
    )]
    private static void Evaluate(
        PolicyDef def,
        PackedCriteria? criteria,
        Pass pass,
        Action<int, MatchResult> hit
    )
    {
        for (var i = 0; i < pass.Used; i++)
        {
            MatchResult r;
            if (criteria is not null)
            {
                ref readonly var s = ref pass.Packed[i];
                if (!s.Present)
                    continue;
                r = PolicyMatching.Evaluate(criteria, in s);
            }
            else if (pass.Subjects[i] is { } s)
                r = PolicyMatching.Evaluate(def.Compiled, s, pass.Day);
            else
                continue;
            if (r != MatchResult.NotEligible)
                hit(i, r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(
        System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization
    )]
    private static void CountAll(Counted c, PackedCriteria? criteria, Pass pass)
    {
        int eligible = 0,
            possible = 0;
        if (criteria is not null)
        {
            // The hot loop of a district run (500 policies × 115,000 enterprises): no delegate, no indirection.
            var packed = pass.Packed;
            for (var i = 0; i < pass.Used; i++)
            {
                ref readonly var s = ref packed[i];
                if (!s.Present)
                    continue;
                switch (PolicyMatching.Evaluate(criteria, in s))
                {
                    case MatchResult.Eligible:
                        eligible++;
                        break;
                    case MatchResult.Possible:
                        possible++;
                        break;
                }
            }
        }
        else
            Evaluate(
                c.Def,
                null,
                pass,
                (_, r) =>
                {
                    if (r == MatchResult.Eligible)
                        eligible++;
                    else
                        possible++;
                }
            );
        c.Eligible = eligible;
        c.Possible = possible;
    }

    /// <summary>Puts one policy in (counted against every enterprise) or takes it out (null: withdrawn, expired).</summary>
    public void SetPolicy(Guid id, PolicyDef? def)
    {
        Pass pass;
        PackedCriteria? criteria = null;
        lock (_lock)
        {
            pass = PassNow();
            if (def is not null)
                criteria = _table.Pack(def.Compiled);
        }
        var counted = def is null ? null : new Counted(def);
        if (counted is not null)
            CountAll(counted, criteria, pass);
        lock (_lock)
        {
            if (_policies is null)
                return;
            if (counted is null)
                _policies.Remove(id);
            else
                _policies[id] = counted;
            _unsaved.Add(id);
            _lists.Remove(id);
            _version++;
        }
    }

    /// <summary>The counts changed since they were last written (taken: the caller writes them).</summary>
    public IReadOnlyList<(Guid Id, int Eligible, int Possible)> TakeUnsaved()
    {
        lock (_lock)
        {
            var list = _unsaved
                .Select(id =>
                    _policies is not null && _policies.TryGetValue(id, out var c)
                        ? (id, c.Eligible, c.Possible)
                        : (id, 0, 0)
                )
                .ToList();
            _unsaved = [];
            return list;
        }
    }

    /// <summary>A policy's counts as kept (null when it is not loaded).</summary>
    public (int Eligible, int Possible)? CountsOf(Guid id)
    {
        lock (_lock)
            return _policies?.GetValueOrDefault(id) is { } c ? (c.Eligible, c.Possible) : null;
    }

    /// <summary>The policies in force as loaded, compiled (empty when not loaded).</summary>
    public IReadOnlyList<PolicyDef> Policies()
    {
        lock (_lock)
            return _policies is null ? [] : [.. _policies.Values.Select(c => c.Def)];
    }

    /// <summary>How many enterprises are resident in the loaded district (no copy of them).</summary>
    public int ResidentCount()
    {
        lock (_lock)
        {
            var n = 0;
            for (var i = 0; i < _used; i++)
                if (_subjects[i] is not null)
                    n++;
            return n;
        }
    }

    /// <summary>The policies in force as loaded (ids).</summary>
    public IReadOnlyCollection<Guid> PolicyIds()
    {
        lock (_lock)
            return _policies is null ? [] : [.. _policies.Keys];
    }

    /// <summary>The enterprises a policy finds Eligible or Possible (Eligible first, then by building and name).</summary>
    public IReadOnlyList<PolicyHit> Hits(PolicyDef def)
    {
        Pass pass;
        PackedCriteria? criteria;
        int[] rank;
        long version;
        lock (_lock)
        {
            if (
                _lists.TryGetValue(def.Id, out var cached)
                && cached.Version == _version
                && cached.Compiled == def.Compiled
            )
                return cached.Hits;
            (pass, version, rank) = (PassNow(), _version, _rank);
            criteria = _table.Pack(def.Compiled);
        }
        var subjects = pass.Subjects;
        // Eligible first, then possible; each by building, then name (the slots' display rank).
        var eligible = new List<int>();
        var possible = new List<int>();
        Evaluate(
            def,
            criteria,
            pass,
            (i, r) => (r == MatchResult.Eligible ? eligible : possible).Add(i)
        );
        PolicyHit[] Ordered(List<int> slots, MatchResult result)
        {
            var keys = slots.Select(i => i < rank.Length ? rank[i] : i).ToArray();
            var items = slots.Select(i => new PolicyHit(subjects[i]!, result)).ToArray();
            Array.Sort(keys, items);
            return items;
        }
        PolicyHit[] sorted =
        [
            .. Ordered(eligible, MatchResult.Eligible),
            .. Ordered(possible, MatchResult.Possible),
        ];
        lock (_lock)
            if (version == _version)
                _lists[def.Id] = (version, def.Compiled, sorted);
        return sorted;
    }

    /// <summary>Building names known from resident enterprises (for office-day forms).</summary>
    public IReadOnlyDictionary<Guid, string> Buildings()
    {
        lock (_lock)
            return _subjects
                .AsSpan(0, _used)
                .ToArray()
                .Where(s => s is not null)
                .GroupBy(s => s!.BuildingId)
                .ToDictionary(g => g.Key, g => g.First()!.BuildingName);
    }
}
