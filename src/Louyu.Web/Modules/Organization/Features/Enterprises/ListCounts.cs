using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// The exact <c>total</c> of the organisation lists (members, enterprises), kept per query (its SQL with the
/// caller's filter and scope values) until a committed write touches one of this module's tables — so paging
/// through a list of 700,000 members does not count them again on every page. Another instance's writes are not
/// seen: an entry also expires after <c>Organization:ListCountSeconds</c> (60).
/// </summary>
public sealed class ListCounts(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
{
    private static readonly string? ModuleTables = typeof(Member).Namespace;

    private readonly WriteInvalidatedCache<int> _counts = new(
        signal,
        clock,
        TimeSpan.FromSeconds(config.GetValue("Organization:ListCountSeconds", 60)),
        maxEntries: 10_000,
        touches: t => t.Namespace == ModuleTables
    );

    public async Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        _counts.Enabled
            ? await _counts.GetOrComputeAsync(query.ToQueryString(), () => query.CountAsync(ct))
            : await query.CountAsync(ct);
}
