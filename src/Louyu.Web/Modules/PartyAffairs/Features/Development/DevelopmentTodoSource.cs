using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Development;

/// <summary>
/// 发展党员 in the to-do list: cases of the caller's organisations with a step late or due within 30 days (talk within
/// a month, half-yearly assessments, approval within 3 months, end of probation …), each with the rule it follows.
/// </summary>
public sealed class DevelopmentTodoSource(
    DevelopmentService development,
    IStringLocalizer<SharedResource> text
) : ITodoSource
{
    public string Kind => "development";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var (total, late, items) = await development.AttentionForAsync(user, limit, ct);
        return total == 0
            ? TodoSlice.Empty
            : new TodoSlice(
                total,
                late,
                [
                    .. items.Select(i => new TodoItem(
                        Kind,
                        i.Alert.Late ? text["Todo.Development.Late"] : text["Todo.Development.Due"],
                        $"{i.Row.Name} · {i.Organization}",
                        i.Alert.Due,
                        i.Alert.Late,
                        $"/party-affairs/development/{i.Row.Id}",
                        $"{i.Alert.Message} {i.Alert.Source}"
                    )),
                ]
            );
    }
}
