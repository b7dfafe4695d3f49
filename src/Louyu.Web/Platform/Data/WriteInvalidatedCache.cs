namespace Louyu.Web.Platform.Data;

/// <summary>
/// A kept value's answer to a committed write that touches it: the value after the write's rows
/// (<c>Kept</c>), or not kept (the next reader computes again).
/// </summary>
public delegate (bool Kept, T Value) CachePatch<T>(IReadOnlyList<ChangedRow> touching, T value);

/// <summary>
/// Brings a kept value up to date with rows added since it was computed (their keys), on the next read: e.g. a
/// count plus those of the new rows its query selects. Each reader passes its own (it reads with the reader's
/// unit of work); only whether a key can catch up is kept.
/// </summary>
public delegate Task<T> CacheCatchUp<T>(IReadOnlyCollection<Guid> added, T value);

/// <summary>
/// Values computed from the database, kept per key until a committed write on this instance touches one of the
/// rows they are read from (<paramref name="touches"/>, by changed row: its type, state and changed columns; an
/// unknown write drops everything), or
/// until they are older than <paramref name="keep"/> (another instance's writes are not seen). A zero
/// <paramref name="keep"/> turns the cache off. A value computed while a write was announced is not kept (the next
/// reader computes again), nor is a <c>null</c> value; past <paramref name="maxEntries"/> every entry goes.
/// A value stored before a touching write began (<see cref="DataChangeSignal.Stamp"/>: the write is not in it yet)
/// may be kept through it: patched at once from the written rows (<see cref="CachePatch{T}"/>), or — when it cannot be
/// patched and the write only added rows (<paramref name="additions"/> names their keys) — caught up on its next read
/// from those rows alone (<see cref="CacheCatchUp{T}"/>).
/// </summary>
public sealed class WriteInvalidatedCache<T>
{
    /// <summary>Added rows a value may wait to catch up on; past this it is computed again.</summary>
    private const int MaxPending = 1_000;

    private sealed record Entry(
        T Value,
        DateTime At,
        long Stamp,
        CachePatch<T>? Patch,
        bool CatchesUp,
        HashSet<Guid>? Pending
    );

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = [];
    private long _generation;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _keep;
    private readonly int _maxEntries;

    public WriteInvalidatedCache(
        DataChangeSignal signal,
        TimeProvider clock,
        TimeSpan keep,
        int maxEntries,
        Func<ChangedRow, bool> touches,
        Func<IReadOnlyList<ChangedRow>, IReadOnlyCollection<Guid>?>? additions = null
    )
    {
        _clock = clock;
        _keep = keep;
        _maxEntries = maxEntries;
        signal.ChangedSince += (rows, began) =>
        {
            var touching = rows?.Where(touches).ToList();
            if (touching is { Count: 0 })
                return;
            lock (_gate)
            {
                _generation++;
                if (touching is null)
                {
                    _entries.Clear();
                    return;
                }
                var added = additions?.Invoke(touching);
                foreach (var (key, entry) in _entries.ToList())
                {
                    var next = Through(entry, touching, began, added);
                    if (next is null)
                        _entries.Remove(key);
                    else
                        _entries[key] = next;
                }
            }
        };
    }

    /// <summary>The entry after a touching write, or null when it cannot be kept.</summary>
    private static Entry? Through(
        Entry entry,
        IReadOnlyList<ChangedRow> touching,
        long began,
        IReadOnlyCollection<Guid>? added
    )
    {
        if (entry.Stamp >= began)
            return null;
        if (entry.Patch is not null && entry.Pending is null)
        {
            var (kept, value) = entry.Patch(touching, entry.Value);
            if (kept)
                return entry with { Value = value };
        }
        if (
            !entry.CatchesUp
            || added is null
            || (entry.Pending?.Count ?? 0) + added.Count > MaxPending
        )
            return null;
        return entry with { Pending = [.. entry.Pending ?? [], .. added] };
    }

    /// <summary>False when the configured age is zero: every read computes.</summary>
    public bool Enabled => _keep > TimeSpan.Zero;

    public async Task<T> GetOrComputeAsync(
        string key,
        Func<Task<T>> compute,
        CachePatch<T>? patch = null,
        CacheCatchUp<T>? catchUp = null
    )
    {
        if (!Enabled)
            return await compute();
        var now = _clock.GetUtcNow().UtcDateTime;
        long generation;
        Entry? behind = null;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit) && now - hit.At < _keep)
            {
                if (hit.Pending is null)
                    return hit.Value;
                if (catchUp is not null)
                    behind = hit;
            }
            generation = _generation;
        }
        // Caught up by this reader's own query (a kept delegate would hold a finished request's context).
        var value = behind is not null
            ? await catchUp!(behind.Pending!, behind.Value)
            : await compute();
        if (value is null)
            return value;
        lock (_gate)
        {
            // Kept only when no write was announced while computing (else the next reader computes again).
            if (_generation == generation)
            {
                if (_entries.Count >= _maxEntries)
                    _entries.Clear();
                _entries[key] = behind is not null
                    ? behind with
                    {
                        Value = value,
                        Stamp = DataChangeSignal.Stamp,
                        Pending = null,
                    }
                    : new Entry(
                        value,
                        now,
                        DataChangeSignal.Stamp,
                        patch,
                        catchUp is not null,
                        null
                    );
            }
        }
        return value;
    }
}
