using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>
/// 组织关系转接 in the to-do list: transfer receipts (回执, 组通字〔2006〕45号) overdue (late) or due by the end of the
/// month, as the transfers list shows them; and mobile members away at a fixed place for six months or more, flagged
/// for a transfer (第二十五条), as the mobile members list shows them.
/// </summary>
public sealed class TransferTodoSource(
    TransferService transfers,
    MobileMemberService mobile,
    IStringLocalizer<SharedResource> text
) : ITodoSource
{
    public string Kind => "transfer";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var endOfMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var receipts = await transfers.ReceiptsDueAsync(user, endOfMonth, limit, ct);
        var away = await mobile.TransferDueAsync(user, limit, ct);
        var items = receipts
            .Items.Select(r => new TodoItem(
                Kind,
                text[
                    r.MayAccept ? "Todo.Transfer.Accept"
                    : r.Overdue ? "Todo.Transfer.ReceiptOverdue"
                    : "Todo.Transfer.ReceiptDue"
                ],
                r.MemberName,
                r.DueOn,
                r.Overdue,
                $"/party-affairs/transfers/{r.Id}",
                TransferRules.LetterSource
            ))
            .Concat(
                away.Items.Select(m => new TodoItem(
                    Kind,
                    text["Todo.Transfer.Mobile"],
                    m.MemberName,
                    m.DueOn,
                    m.Late,
                    $"/party-affairs/transfers/new?from={m.OrganizationId}",
                    TransferRules.TransferSource
                ))
            )
            .OrderByDescending(i => i.Late)
            .ThenBy(i => i.DueOn)
            .ThenBy(i => i.Subject, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 200))
            .ToList();
        return new TodoSlice(receipts.Total + away.Total, receipts.Overdue + away.Late, items);
    }
}
