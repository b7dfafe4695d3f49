using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// 三会一课 in the to-do list, from the compliance board (<see cref="ComplianceRules"/>): a branch secretary's
/// branches that are red (a required past period not held: late) or amber (the current period not held yet: due
/// at its end); for a committee secretary or party worker the red branches of their buildings only.
/// </summary>
public sealed class MeetingTodoSource(
    ComplianceService compliance,
    IStringLocalizer<SharedResource> text
) : ITodoSource
{
    public string Kind => "meeting";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var (total, red, rows) = await compliance.DueAsync(user, limit, ct);
        return total == 0
            ? TodoSlice.Empty
            : new TodoSlice(
                total,
                red,
                [
                    .. rows.Select(r => new TodoItem(
                        Kind,
                        text[
                            r.State == ComplianceState.Red
                                ? "Todo.Meeting.Missed"
                                : "Todo.Meeting.Due"
                        ],
                        r.Name,
                        r.DueOn,
                        r.State == ComplianceState.Red,
                        $"/party-affairs/compliance?buildingId={r.BuildingId}",
                        ComplianceRules.Source
                    )),
                ]
            );
    }
}
