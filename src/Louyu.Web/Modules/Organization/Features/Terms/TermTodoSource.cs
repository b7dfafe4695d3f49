using System.Security.Claims;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Terms;

/// <summary>
/// 换届 in the to-do list: organisations without a recorded term, and current terms overdue or due within the
/// reminder window (<c>Organization:TermReminderDays</c>), as the reminders page lists them.
/// </summary>
public sealed class TermTodoSource(TermService terms, IStringLocalizer<SharedResource> text)
    : ITodoSource
{
    public string Kind => "term";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var due = await terms.DueAsync(user, null, 1, Math.Clamp(limit, 1, 200), ct);
        if (due.Value is not { } answer)
            return TodoSlice.Empty; // no organisation in the caller's scope to renew
        return new TodoSlice(
            answer.Total,
            answer.Overdue + answer.NoTerm,
            [
                .. answer.Items.Select(i => new TodoItem(
                    Kind,
                    i.State == TermService.NoTermState
                        ? text["Todo.Term.None"]
                        : text["Todo.Term.Due"],
                    i.OrganizationName,
                    i.DueOn,
                    i.State is TermService.NoTermState or "Overdue",
                    $"/organization/organizations/{i.OrganizationId}#election",
                    TermRules.Source
                )),
            ]
        );
    }
}
