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
    private CancellationTokenSource _source = new();

    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref _source).Token);

    /// <summary>Which rows changed (<c>null</c>: unknown, assume everything). Called after the commit.</summary>
    public event Action<IReadOnlyList<ChangedRow>?>? Changed;

    /// <summary>Anything may have changed.</summary>
    public void Raise() => Raise(null);

    public void Raise(IReadOnlyList<ChangedRow>? rows)
    {
        Changed?.Invoke(rows);
        var old = Interlocked.Exchange(ref _source, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}
