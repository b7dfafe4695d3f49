namespace Louyu.Web.Platform.Data;

/// <summary>
/// A kept value's answer to a committed write that touches it: the value after the write's rows
/// (<c>Kept</c>), or not kept (the next reader computes again).
/// </summary>
public delegate (bool Kept, T Value) CachePatch<T>(IReadOnlyList<ChangedRow> touching, T value);

/// <summary>
/// Values computed from the database, kept per key until a committed write on this instance touches one of the
/// rows they are read from (<paramref name="touches"/>, by changed row: its type, state and changed columns; an
/// unknown write drops everything), or
/// until they are older than <paramref name="keep"/> (another instance's writes are not seen). A zero
/// <paramref name="keep"/> turns the cache off. A value computed while a write was announced is not kept (the next
/// reader computes again), nor is a <c>null</c> value; past <paramref name="maxEntries"/> every entry goes.
/// A value stored with a <see cref="CachePatch{T}"/> is patched by a touching write instead of dropped — when it
/// was stored before that write began (<see cref="DataChangeSignal.Stamp"/>), so the write is not in it yet.
/// </summary>
public sealed class WriteInvalidatedCache<T>
{
    private sealed record Entry(T Value, DateTime At, long Stamp, CachePatch<T>? Patch);

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
        Func<ChangedRow, bool> touches
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
                foreach (var (key, entry) in _entries.ToList())
                {
                    var (kept, value) =
                        entry.Patch is not null && entry.Stamp < began
                            ? entry.Patch(touching, entry.Value)
                            : (false, entry.Value);
                    if (kept)
                        _entries[key] = entry with { Value = value };
                    else
                        _entries.Remove(key);
                }
            }
        };
    }

    /// <summary>False when the configured age is zero: every read computes.</summary>
    public bool Enabled => _keep > TimeSpan.Zero;

    public async Task<T> GetOrComputeAsync(
        string key,
        Func<Task<T>> compute,
        CachePatch<T>? patch = null
    )
    {
        if (!Enabled)
            return await compute();
        var now = _clock.GetUtcNow().UtcDateTime;
        long generation;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit) && now - hit.At < _keep)
                return hit.Value;
            generation = _generation;
        }
        var value = await compute();
        if (value is null)
            return value;
        lock (_gate)
        {
            // Kept only when no write was announced while computing (else the next reader computes again).
            if (_generation == generation)
            {
                if (_entries.Count >= _maxEntries)
                    _entries.Clear();
                _entries[key] = new Entry(value, now, DataChangeSignal.Stamp, patch);
            }
        }
        return value;
    }
}
