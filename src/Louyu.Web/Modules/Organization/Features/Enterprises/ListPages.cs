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
/// such anchor before it instead (the next page, the same page again: no walk at all). A write that only registered
/// rows (members with their first spells, enterprises) keeps a list's anchors, stored before it began, behind those
/// rows: the next read counts the new rows before its anchor in the database's own order and seeks from the anchor's
/// new place (backwards, when it moved past the page). Any other write that drops the list's totals
/// (<see cref="ListCounts"/>) drops its anchors; they also go after <c>Organization:ListCountSeconds</c>.
/// </summary>
public sealed class ListPages
{
    /// <summary>Anchors kept per query: every served page start, up to this many (then the first ones go).</summary>
    private const int MaxAnchors = 256;

    /// <summary>Registered rows anchors may wait behind; past this they are dropped.</summary>
    private const int MaxPending = 1_000;

    private sealed class Anchors(DateTime at)
    {
        public DateTime At { get; } = at;
        public SortedList<int, ListKey> ByOffset { get; } = [];

        /// <summary>When an anchor was last stored (<see cref="DataChangeSignal.Stamp"/>).</summary>
        public long Stamp { get; set; }

        /// <summary>Rows registered since the anchors were read (their offsets may have moved by as many).</summary>
        public HashSet<Guid>? Pending { get; set; }
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
        signal.ChangedSince += (rows, began) =>
        {
            var memberRows = rows?.Where(ListCounts.TouchesMemberList).ToList();
            var enterpriseRows = rows?.Where(ListCounts.TouchesEnterpriseList).ToList();
            var members = memberRows is not { Count: 0 };
            var enterprises = enterpriseRows is not { Count: 0 };
            if (!members && !enterprises)
                return;
            var addedMembers = memberRows is { Count: > 0 }
                ? ListCounts.MembersAdded(memberRows)
                : null;
            var addedEnterprises = enterpriseRows is { Count: > 0 }
                ? EnterprisesAdded(enterpriseRows)
                : null;
            lock (_gate)
            {
                _generation++;
                foreach (var (key, anchors) in _lists.ToList())
                {
                    var (touched, added) =
                        key.Item1 == typeof(Member) ? (members, addedMembers)
                        : key.Item1 == typeof(Enterprise) ? (enterprises, addedEnterprises)
                        : (true, null);
                    if (!touched)
                        continue;
                    if (
                        added is null
                        || anchors.Stamp >= began
                        || (anchors.Pending?.Count ?? 0) + added.Count > MaxPending
                    )
                        _lists.Remove(key);
                    else
                        anchors.Pending = [.. anchors.Pending ?? [], .. added];
                }
            }
        };
    }

    /// <summary>The enterprises a write registered, when that is all it did to the enterprise lists; else null.</summary>
    public static IReadOnlyCollection<Guid>? EnterprisesAdded(IReadOnlyList<ChangedRow> touching) =>
        touching.All(r => r.Entity is Enterprise && r.State == EntityState.Added)
            ? [.. touching.Select(r => ((Enterprise)r.Entity).Id)]
            : null;

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
        Guid[]? pending = null;
        lock (_gate)
        {
            generation = _generation;
            if (_lists.TryGetValue(list, out var known) && now - known.At < _keep)
            {
                anchor = Nearest(known.ByOffset, offset);
                pending = known.Pending?.ToArray();
            }
        }
        // Behind registrations: the anchors hold unless a new row is in this list; else the one used is moved by
        // the new rows before it, and the others are dropped.
        var rebuild = false;
        if (pending is not null)
        {
            var registered = rows.Where(In(id, pending));
            rebuild = await registered.AnyAsync(ct);
            if (rebuild && anchor is { } a)
                anchor = await MovedAsync(rows, registered, a, offset, name, id, ct);
        }
        var seek = anchor is { } b ? rows.Where(From(name, id, new Anchor(b.Key))) : rows;
        var skip = anchor is { } c ? offset - c.Offset : offset;
        var page = await seek.OrderBy(name)
            .ThenBy(id)
            .Skip(skip)
            .Take(size + 1)
            .Select(Key(name, id))
            .ToListAsync(ct);
        if (_keep > TimeSpan.Zero)
            lock (_gate)
            {
                // Not kept when a write was announced meanwhile (the page may be from before it).
                if (_generation == generation)
                {
                    if (
                        rebuild
                        || !_lists.TryGetValue(list, out var known)
                        || now - known.At >= _keep
                    )
                        _lists[list] = known = new Anchors(now);
                    known.Pending = null;
                    known.Stamp = DataChangeSignal.Stamp;
                    if (anchor is { } d)
                        known.ByOffset[d.Offset] = d.Key;
                    if (page.Count > 0)
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

    /// <summary>
    /// The anchor's place after the registered rows before it (counted by the database, in its order); when that is
    /// past <paramref name="offset"/>, the row at <paramref name="offset"/> itself, read backwards from the anchor.
    /// </summary>
    private static async Task<(int, ListKey)?> MovedAsync<T>(
        IQueryable<T> rows,
        IQueryable<T> registered,
        (int Offset, ListKey Key) anchor,
        int offset,
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id,
        CancellationToken ct
    )
    {
        var before = Before(name, id, new Anchor(anchor.Key));
        var moved = anchor.Offset + await registered.Where(before).CountAsync(ct);
        if (moved <= offset)
            return (moved, anchor.Key);
        var back = await rows.Where(before)
            .OrderByDescending(name)
            .ThenByDescending(id)
            .Skip(moved - offset - 1)
            .Take(1)
            .Select(Key(name, id))
            .ToListAsync(ct);
        return back.Count == 1 ? (offset, back[0]) : null;
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
    ) =>
        Beside(
            name,
            id,
            anchor,
            Expression.GreaterThanOrEqual,
            Expression.GreaterThan,
            Expression.GreaterThanOrEqual
        );

    /// <summary>
    /// <c>x => string.Compare(name(x), @name) &lt;= 0 &amp;&amp; (string.Compare(name(x), @name) &lt; 0 ||
    /// id(x).CompareTo(@id) &lt; 0)</c>: before the anchor (<see cref="From{T}"/> reversed).
    /// </summary>
    private static Expression<Func<T, bool>> Before<T>(
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id,
        Anchor anchor
    ) =>
        Beside(
            name,
            id,
            anchor,
            Expression.LessThanOrEqual,
            Expression.LessThan,
            Expression.LessThan
        );

    /// <summary><c>x => byName(name(x) vs @name, 0) &amp;&amp; (strictName(…) || byId(id(x) vs @id, 0))</c>.</summary>
    private static Expression<Func<T, bool>> Beside<T>(
        Expression<Func<T, string>> name,
        Expression<Func<T, Guid>> id,
        Anchor anchor,
        Func<Expression, Expression, BinaryExpression> byName,
        Func<Expression, Expression, BinaryExpression> strictName,
        Func<Expression, Expression, BinaryExpression> byId
    )
    {
        var x = name.Parameters[0];
        var idBody = ReplacingExpressionVisitor.Replace(id.Parameters[0], x, id.Body);
        var at = Expression.Constant(anchor);
        var names = Expression.Call(
            CompareStrings,
            name.Body,
            Expression.Property(at, nameof(Anchor.Name))
        );
        var ids = Expression.Call(idBody, CompareGuids, Expression.Property(at, nameof(Anchor.Id)));
        var zero = Expression.Constant(0);
        return Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(
                byName(names, zero),
                Expression.OrElse(strictName(names, zero), byId(ids, zero))
            ),
            x
        );
    }

    /// <summary>The registered rows' ids, read by the filter as a parameter.</summary>
    private sealed class Registered(Guid[] ids)
    {
        public Guid[] Ids { get; } = ids;
    }

    /// <summary><c>x => @ids.Contains(id(x))</c>.</summary>
    private static Expression<Func<T, bool>> In<T>(Expression<Func<T, Guid>> id, Guid[] ids) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.Call(
                typeof(Enumerable),
                nameof(Enumerable.Contains),
                [typeof(Guid)],
                Expression.Property(
                    Expression.Constant(new Registered(ids)),
                    nameof(Registered.Ids)
                ),
                id.Body
            ),
            id.Parameters
        );

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
