using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;

/// <summary>
/// 失联党员 in the to-do list: open cases whose clock of 第二十四条 has run out — six months lost (propose stopping
/// party standing) or two years since standing was stopped (propose removal). The proposal is due: late.
/// </summary>
public sealed class LostContactTodoSource(
    LostContactService cases,
    IStringLocalizer<SharedResource> text
) : ITodoSource
{
    public string Kind => "lost-contact";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var (total, rows) = await cases.ProposalsDueAsync(user, limit, ct);
        return total == 0
            ? TodoSlice.Empty
            : new TodoSlice(
                total,
                total,
                [
                    .. rows.Select(r => new TodoItem(
                        Kind,
                        text[
                            r.Removal ? "Todo.LostContact.Removal" : "Todo.LostContact.StopStanding"
                        ],
                        r.MemberName,
                        r.DueOn,
                        true,
                        $"/party-affairs/lost-contact/{r.Id}",
                        LostContactRules.Source
                    )),
                ]
            );
    }
}
