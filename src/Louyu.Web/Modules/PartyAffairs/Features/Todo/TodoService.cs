using System.Security.Claims;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Todo;

namespace Louyu.Web.Modules.PartyAffairs.Features.Todo;

/// <summary>GET /api/v1/todo: the caller's deadlines from every module, late first, then by date.</summary>
public sealed record TodoResponse(
    DateOnly AsOf,
    int Total,
    int Late,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyList<TodoItem> Items
);

/// <summary>
/// 待办: one list of everything due for a secretary or party worker — term expiry, development steps, dues arrears,
/// transfer receipts, lost-contact clocks, meetings the calendar requires — gathered from each module's
/// <see cref="ITodoSource"/> (each scoped to the caller in its own queries). Late items first, then by deadline.
/// </summary>
public sealed class TodoService(IEnumerable<ITodoSource> sources, TimeProvider clock)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public async Task<TodoResponse> ListAsync(
        ClaimsPrincipal user,
        int? limit,
        CancellationToken ct
    )
    {
        var today = ShanghaiTime.Today(clock);
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var byKind = new Dictionary<string, int>();
        var items = new List<TodoItem>();
        var total = 0;
        var late = 0;
        // One after the other: the sources share the request's DbContext.
        foreach (var source in sources)
        {
            var slice = await source.ItemsAsync(user, today, take, ct);
            total += slice.Total;
            late += slice.Late;
            if (slice.Total > 0)
                byKind[source.Kind] = byKind.GetValueOrDefault(source.Kind) + slice.Total;
            items.AddRange(slice.Items);
        }
        var ordered = items
            .OrderByDescending(i => i.Late)
            .ThenBy(i => i.DueOn ?? DateOnly.MaxValue)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Subject, StringComparer.Ordinal)
            .Take(take)
            .ToList();
        return new TodoResponse(today, total, late, byKind, ordered);
    }
}
