using System.Security.Claims;

namespace Louyu.Web.Platform.Todo;

/// <summary>
/// One thing a secretary or party worker must do, with its deadline: a term to renew, a development step late, dues
/// in arrears, a transfer receipt overdue, a meeting the calendar requires …
/// </summary>
/// <param name="Kind">Which deadline (a stable code: <c>term</c>, <c>development</c>, …); the list groups by it.</param>
/// <param name="Title">What to do, in the caller's language.</param>
/// <param name="Subject">Whom or what it is about (an organisation, a member), as shown.</param>
/// <param name="DueOn">The deadline, when there is one.</param>
/// <param name="Late">Past its deadline (or flagged by its rule).</param>
/// <param name="Link">The page where it is done.</param>
/// <param name="Rule">The rule and its source, in the caller's language, when a regulation sets the deadline.</param>
public sealed record TodoItem(
    string Kind,
    string Title,
    string Subject,
    DateOnly? DueOn,
    bool Late,
    string Link,
    string? Rule
);

/// <summary>
/// A source's items for the caller: at most the asked number, most urgent first; how many there are in all and how
/// many of those are late.
/// </summary>
public sealed record TodoSlice(int Total, int Late, IReadOnlyList<TodoItem> Items)
{
    public static readonly TodoSlice Empty = new(0, 0, []);
}

/// <summary>
/// A module's deadlines for the caller, in the caller's scope (a branch secretary their branch, a party worker
/// their buildings, the committee secretary all). Registered as a scoped service; <c>TodoService</c> asks each.
/// A source must answer from indexed queries: the whole list has a 50 ms budget.
/// </summary>
public interface ITodoSource
{
    /// <summary>The <see cref="TodoItem.Kind"/> of this source's items.</summary>
    string Kind { get; }

    Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    );
}
