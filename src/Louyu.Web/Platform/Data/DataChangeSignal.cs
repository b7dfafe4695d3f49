using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// One row written by a committed unit of work: its entity type, what happened to it, the entity as saved and the
/// original values of the properties that changed (for a moved foreign key: where it was before).
/// </summary>
public sealed record ChangedRow(
    Type EntityType,
    EntityState State,
    object Entity,
    IReadOnlyDictionary<string, object?> Original
);

/// <summary>
/// Fires after data changed on this instance and the change is committed, so that caches of derived figures can
/// drop or patch their entries (other instances' caches expire by time). <see cref="Token"/> is for caches that
/// simply drop everything; <see cref="Changed"/> tells listeners which rows changed, or <c>null</c> when anything
/// may have changed (a bulk write that did not say what it wrote).
/// </summary>
public sealed class DataChangeSignal
{
    private static long _stamp;
    private CancellationTokenSource _source = new();

    /// <summary>
    /// The write sequence: a unit of work takes a stamp (<see cref="Begin"/>) before its first statement, and a cache
    /// notes <see cref="Stamp"/> when it stores a value. A value stored before a write began was read before that
    /// write's commit, so the write's rows may patch it (a count +1/−1); one stored later may already hold the write.
    /// </summary>
    public static long Stamp => Interlocked.Read(ref _stamp);

    /// <summary>A new stamp, taken when a unit of work is about to write.</summary>
    public static long Begin() => Interlocked.Increment(ref _stamp);

    /// <summary>
    /// As <see cref="Changed"/>, with the stamp the writing unit of work took before its first statement
    /// (<see cref="long.MinValue"/> when unknown: then no kept value may be patched).
    /// </summary>
    public event Action<IReadOnlyList<ChangedRow>?, long>? ChangedSince;

    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref _source).Token);

    /// <summary>Which rows changed (<c>null</c>: unknown, assume everything). Called after the commit.</summary>
    public event Action<IReadOnlyList<ChangedRow>?>? Changed;

    /// <summary>Anything may have changed.</summary>
    public void Raise() => Raise(null);

    public void Raise(IReadOnlyList<ChangedRow>? rows, long began = long.MinValue)
    {
        Changed?.Invoke(rows);
        ChangedSince?.Invoke(rows, began);
        var old = Interlocked.Exchange(ref _source, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}
