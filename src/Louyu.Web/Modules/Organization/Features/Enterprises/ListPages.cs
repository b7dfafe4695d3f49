using System.Linq.Expressions;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>A row's place in a list's order (name, then id).</summary>
public readonly record struct ListKey(string Name, Guid Id);

/// <summary>
/// The page ids of the organisation lists (members, enterprises; ordered by name, then id). A deep page is an offset
/// walk of the order's index (page 2,000 reads 99,950 entries); so the list remembers, per query, which row starts
/// each page it has served — and the page after it, read as one row more — and a later page seeks from the nearest
/// such anchor before it instead (the next page, the same page again: no walk at all). Anchors are dropped by the
/// writes that drop the list's totals (<see cref="ListCounts"/>) and after <c>Organization:ListCountSeconds</c>.
/// </summary>
public sealed class ListPages
{
    /// <summary>Anchors kept per query: every served page start, up to this many (then the first ones go).</summary>
    private const int MaxAnchors = 256;

    private sealed class Anchors(DateTime at)
    {
        public DateTime At { get; } = at;
        public SortedList<int, ListKey> ByOffset { get; } = [];
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<(Type, string), Anchors> _lists = [];
    private long _generation;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _keep;

    public ListPages(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        _clock = clock;
        _keep = TimeSpan.FromSeconds(config.GetValue("Organization:ListCountSeconds", 60));
        signal.ChangedSince += (rows, _) =>
        {
            var members = rows is null || rows.Any(ListCounts.TouchesMemberList);
            var enterprises = rows is null || rows.Any(ListCounts.TouchesEnterpriseList);
            if (!members && !enterprises)
                return;
            lock (_gate)
            {
                _generation++;
                foreach (var key in _lists.Keys.ToList())
                    if (
                        key.Item1 == typeof(Member) ? members
                        : key.Item1 == typeof(Enterprise) ? enterprises
                        : true
                    )
                        _lists.Remove(key);
            }
        };
    }

    /// <summary>
    /// The ids of the page at <paramref name="offset"/> of <paramref name="rows"/> in (name, id) order.
    /// <paramref name="name"/> and <paramref name="id"/> read a row's place (see <see cref="From{T}"/> for the seek).
    /// </summary>
    public async Task<List<Guid>> IdsAsync<T>(
        IQueryable<T> rows,
        int offset,
        int size,
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id,
        CancellationToken ct
    )
    {
        var list = (typeof(T), rows.ToQueryString());
        var now = _clock.GetUtcNow().UtcDateTime;
        long generation;
        (int Offset, ListKey Key)? anchor = null;
        lock (_gate)
        {
            generation = _generation;
            if (_lists.TryGetValue(list, out var known) && now - known.At < _keep)
                anchor = Nearest(known.ByOffset, offset);
        }
        var seek = anchor is { } a ? rows.Where(From(name, id, new Anchor(a.Key))) : rows;
        var skip = anchor is { } b ? offset - b.Offset : offset;
        var page = await seek.OrderBy(name)
            .ThenBy(id)
            .Skip(skip)
            .Take(size + 1)
            .Select(Key(name, id))
            .ToListAsync(ct);
        if (page.Count > 0 && _keep > TimeSpan.Zero)
            lock (_gate)
            {
                // Not kept when a write was announced meanwhile (the page may be from before it).
                if (_generation == generation)
                {
                    if (!_lists.TryGetValue(list, out var known) || now - known.At >= _keep)
                        _lists[list] = known = new Anchors(now);
                    known.ByOffset[offset] = page[0];
                    if (page.Count > size)
                        known.ByOffset[offset + size] = page[size];
                    while (known.ByOffset.Count > MaxAnchors)
                        known.ByOffset.RemoveAt(0);
                    if (_lists.Count > 10_000)
                        _lists.Clear();
                }
            }
        return [.. page.Take(size).Select(k => k.Id)];
    }

    /// <summary>The anchor at or before <paramref name="offset"/> nearest to it.</summary>
    private static (int, ListKey)? Nearest(SortedList<int, ListKey> anchors, int offset)
    {
        var keys = anchors.Keys;
        int lo = 0,
            hi = keys.Count - 1,
            found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (keys[mid] <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else
                hi = mid - 1;
        }
        return found < 0 ? null : (keys[found], anchors.Values[found]);
    }

    /// <summary>The anchor's place, read by the filter as a parameter (not a literal in the SQL).</summary>
    private sealed class Anchor(ListKey key)
    {
        public string Name { get; } = key.Name;
        public Guid Id { get; } = key.Id;
    }

    private static readonly System.Reflection.MethodInfo CompareStrings = typeof(string).GetMethod(
        nameof(string.Compare),
        [typeof(string), typeof(string)]
    )!;

    private static readonly System.Reflection.MethodInfo CompareGuids = typeof(Guid).GetMethod(
        nameof(Guid.CompareTo),
        [typeof(Guid)]
    )!;

    /// <summary>
    /// <c>x => string.Compare(name(x), @name) &gt;= 0 &amp;&amp; (string.Compare(name(x), @name) &gt; 0 ||
    /// id(x).CompareTo(@id) &gt;= 0)</c>: at or after the anchor in (name, id) order, compared by the database as it
    /// orders, with <c>name &gt;= @name</c> on its own so that the index is entered there.
    /// </summary>
    private static Expression<Func<T, bool>> From<T>(
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id,
        Anchor anchor
    )
    {
        var x = name.Parameters[0];
        var idBody = ReplacingExpressionVisitor.Replace(id.Parameters[0], x, id.Body);
        var at = Expression.Constant(anchor);
        var byName = Expression.Call(
            CompareStrings,
            name.Body,
            Expression.Property(at, nameof(Anchor.Name))
        );
        var byId = Expression.Call(
            idBody,
            CompareGuids,
            Expression.Property(at, nameof(Anchor.Id))
        );
        var zero = Expression.Constant(0);
        return Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(
                Expression.GreaterThanOrEqual(byName, zero),
                Expression.OrElse(
                    Expression.GreaterThan(byName, zero),
                    Expression.GreaterThanOrEqual(byId, zero)
                )
            ),
            x
        );
    }

    /// <summary><c>x => new ListKey(name(x), id(x))</c>, for the query's projection.</summary>
    private static Expression<Func<T, ListKey>> Key<T>(
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id
    )
    {
        var x = name.Parameters[0];
        var idBody = ReplacingExpressionVisitor.Replace(id.Parameters[0], x, id.Body);
        var ctor = typeof(ListKey).GetConstructor([typeof(string), typeof(Guid)])!;
        return Expression.Lambda<Func<T, ListKey>>(Expression.New(ctor, name.Body, idBody), x);
    }
}
