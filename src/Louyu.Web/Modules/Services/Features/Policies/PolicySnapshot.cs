using System.Threading.Channels;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>
/// The facts of every resident enterprise that policies match on, kept compact in memory: read once by streaming
/// <see cref="IEnterpriseDirectory.ResidentAsync"/>, then patched from <see cref="DataChangeSignal"/> — an enterprise
/// written on this instance is read again (and queued for re-matching), a write that did not say what it wrote makes
/// the next reader load everything again. Runs are serialised by <see cref="Gate"/> (one matching run at a time per
/// instance; the database's upserts keep several instances consistent).
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Lock _lock = new();
    private Dictionary<Guid, PolicySubject>? _subjects;
    private DateOnly _day;
    private HashSet<Guid> _dirty = [];
    private bool _stale;

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
            [.. f.Tags]
        );

    /// <summary>Every resident enterprise on <paramref name="day"/>, up to date with this instance's writes.</summary>
    public async Task<IReadOnlyCollection<PolicySubject>> AllAsync(
        IEnterpriseDirectory directory,
        DateOnly day,
        CancellationToken ct
    )
    {
        Dictionary<Guid, PolicySubject>? current;
        HashSet<Guid> dirty;
        lock (_lock)
        {
            current = _stale || _day != day ? null : _subjects;
            dirty = _dirty;
            _dirty = [];
            if (current is null)
                _stale = false;
        }
        if (current is null)
        {
            var fresh = new Dictionary<Guid, PolicySubject>();
            await foreach (var f in directory.ResidentAsync(day, ct))
                fresh[f.Id] = Subject(f);
            lock (_lock)
            {
                _subjects = fresh;
                _day = day;
            }
            return [.. fresh.Values];
        }
        if (dirty.Count > 0)
            await PatchAsync(directory, current, dirty, day, ct);
        lock (_lock)
            return [.. current.Values];
    }

    /// <summary>The named enterprises read afresh (the snapshot patched with them); those not resident are left out.</summary>
    public async Task<IReadOnlyList<PolicySubject>> FreshAsync(
        IEnterpriseDirectory directory,
        IReadOnlyCollection<Guid> ids,
        DateOnly day,
        CancellationToken ct
    )
    {
        Dictionary<Guid, PolicySubject>? current;
        lock (_lock)
        {
            current = _stale || _day != day ? null : _subjects;
            _dirty.ExceptWith(ids);
        }
        var facts = await directory.EnterprisesAsync(ids, ct);
        var resident = facts
            .Where(f => f.MovedInOn <= day && (f.MovedOutOn is null || f.MovedOutOn > day))
            .Select(Subject)
            .ToList();
        if (current is not null)
            lock (_lock)
            {
                foreach (var id in ids)
                    current.Remove(id);
                foreach (var s in resident)
                    current[s.Id] = s;
            }
        return resident;
    }

    /// <summary>Building names known from resident enterprises (for office-day forms).</summary>
    public IReadOnlyDictionary<Guid, string> Buildings()
    {
        lock (_lock)
            return (_subjects?.Values.AsEnumerable() ?? [])
                .GroupBy(s => s.BuildingId)
                .ToDictionary(g => g.Key, g => g.First().BuildingName);
    }

    private async Task PatchAsync(
        IEnterpriseDirectory directory,
        Dictionary<Guid, PolicySubject> current,
        HashSet<Guid> ids,
        DateOnly day,
        CancellationToken ct
    )
    {
        var facts = await directory.EnterprisesAsync(ids, ct);
        lock (_lock)
        {
            foreach (var id in ids)
                current.Remove(id);
            foreach (var f in facts)
                if (f.MovedInOn <= day && (f.MovedOutOn is null || f.MovedOutOn > day))
                    current[f.Id] = Subject(f);
        }
    }
}
