using Microsoft.Extensions.Primitives;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// Fires after every SaveChanges that changed data on this instance, so that caches of derived figures can drop
/// their entries (other instances' caches expire by time).
/// </summary>
public sealed class DataChangeSignal
{
    private CancellationTokenSource _source = new();

    public IChangeToken Token => new CancellationChangeToken(Volatile.Read(ref _source).Token);

    public void Raise()
    {
        var old = Interlocked.Exchange(ref _source, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}
