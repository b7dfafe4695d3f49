using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Todo;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// 党费 in the to-do list: members in the caller's dues scope with <see cref="DuesLedgerRules.WarningMonths"/> or
/// more consecutive unpaid months (a warning, due on the day the run would reach
/// <see cref="DuesLedgerRules.FlagMonths"/>) and those at six or more (late: 中组发〔2008〕3号 第十三条), as the
/// arrears page lists them.
/// </summary>
public sealed class DuesTodoSource(DuesService dues, IStringLocalizer<SharedResource> text)
    : ITodoSource
{
    public string Kind => "dues";

    public async Task<TodoSlice> ItemsAsync(
        ClaimsPrincipal user,
        DateOnly today,
        int limit,
        CancellationToken ct
    )
    {
        var (rows, _) = await dues.ArrearsAsync(user, null, DuesLedgerRules.WarningMonths, ct);
        if (rows is null || rows.Count == 0)
            return TodoSlice.Empty; // not staff for dues, or nobody in arrears
        var lastCompleted = DuesMonth.Add(DuesMonth.Of(today), -1);
        var items = rows.Select(r =>
            {
                var flagged = r.Months >= DuesLedgerRules.FlagMonths;
                var firstUnpaid = DuesMonth.Add(lastCompleted, -(r.Months - 1));
                return new TodoItem(
                    Kind,
                    text[flagged ? "Todo.Dues.Flag" : "Todo.Dues.Warning", r.Months],
                    string.IsNullOrEmpty(r.OrganizationName)
                        ? r.MemberName
                        : $"{r.MemberName} · {r.OrganizationName}",
                    DuesMonth.FirstDay(DuesMonth.Add(firstUnpaid, DuesLedgerRules.FlagMonths)),
                    flagged,
                    $"/party-affairs/dues/ledger?org={r.OrganizationId}",
                    r.Rule
                );
            })
            .OrderByDescending(i => i.Late)
            .ThenBy(i => i.DueOn)
            .ThenBy(i => i.Subject, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 200))
            .ToList();
        return new TodoSlice(
            rows.Count,
            rows.Count(r => r.Months >= DuesLedgerRules.FlagMonths),
            items
        );
    }
}
