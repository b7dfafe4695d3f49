using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// The exact <c>total</c> of the organisation lists (members, enterprises), kept per query (its SQL with the
/// caller's filter and scope values) until a committed write that can change it — so paging through a list of
/// 700,000 members does not count them again on every page, and a write that changes nothing the list filters on
/// (a member's phone, a dues payment, an enterprise's headcount) leaves the totals kept. Another instance's writes
/// are not seen: an entry also expires after <c>Organization:ListCountSeconds</c> (60).
/// </summary>
public sealed class ListCounts
{
    private static readonly string? ModuleTables = typeof(Member).Namespace;

    /// <summary>The member columns the member list filters on (GET /api/v1/members and the caller's scope).</summary>
    private static readonly HashSet<string> MemberFilterColumns =
    [
        nameof(Member.Name),
        nameof(Member.Status),
        nameof(Member.OrganizationalStatus),
        nameof(Member.EnterpriseId),
        nameof(Member.UserId),
    ];

    /// <summary>The enterprise columns the enterprise list filters on (GET /api/v1/enterprises).</summary>
    private static readonly HashSet<string> EnterpriseFilterColumns =
    [
        nameof(Enterprise.Name),
        nameof(Enterprise.UnifiedSocialCreditCode),
        nameof(Enterprise.BuildingId),
        nameof(Enterprise.Industry),
        nameof(Enterprise.MovedOutOn),
    ];

    private static readonly HashSet<string> BuildingColumn = [nameof(PartyOrganization.BuildingId)];

    private readonly WriteInvalidatedCache<int> _members;
    private readonly WriteInvalidatedCache<int> _enterprises;
    private readonly WriteInvalidatedCache<int> _other;

    public ListCounts(DataChangeSignal signal, TimeProvider clock, IConfiguration config)
    {
        var keep = TimeSpan.FromSeconds(config.GetValue("Organization:ListCountSeconds", 60));
        WalkFactor = config.GetValue("Organization:ListWalkFactor", 1.0);
        _members = new(signal, clock, keep, maxEntries: 10_000, touches: TouchesMemberList);
        _enterprises = new(signal, clock, keep, maxEntries: 10_000, touches: TouchesEnterpriseList);
        _other = new(
            signal,
            clock,
            keep,
            maxEntries: 1_000,
            touches: r => r.EntityType.Namespace == ModuleTables
        );
    }

    /// <summary>
    /// How many rows a list may test one by one while walking its order's index, per row a collecting plan would
    /// read (<c>Organization:ListWalkFactor</c>, 1): 0 never walks, a large value always does (both plans answer
    /// the same pages; the tests run both).
    /// </summary>
    public double WalkFactor { get; set; }

    /// <summary>Whether walking about <paramref name="walked"/> rows beats collecting <paramref name="collected"/>.</summary>
    public bool Walk(double walked, int collected) => walked <= collected * WalkFactor;

    public async Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken ct)
    {
        var cache =
            typeof(T) == typeof(Member) ? _members
            : typeof(T) == typeof(Enterprise) ? _enterprises
            : _other;
        return cache.Enabled
            ? await cache.GetOrComputeAsync(query.ToQueryString(), () => query.CountAsync(ct))
            : await query.CountAsync(ct);
    }

    /// <summary>A row added or deleted, or one of <paramref name="columns"/> changed.</summary>
    private static bool Changes(ChangedRow row, HashSet<string> columns) =>
        row.State != EntityState.Modified || row.Original.Keys.Any(columns.Contains);

    /// <summary>
    /// Whether a written row can change a member list's total: the member's own filtered columns; any spell (the
    /// organisation filter and the placement in a building); an organisation's or an enterprise's building (the
    /// placement); an enterprise deleted (its members' workplace is cleared by the database).
    /// </summary>
    public static bool TouchesMemberList(ChangedRow row)
    {
        var type = row.EntityType;
        if (type == typeof(Member))
            return Changes(row, MemberFilterColumns);
        if (type == typeof(MemberSpell))
            return true;
        if (type == typeof(PartyOrganization))
            return Changes(row, BuildingColumn);
        if (type == typeof(Enterprise))
            return row.State == EntityState.Deleted
                || row.State == EntityState.Modified
                    && row.Original.ContainsKey(nameof(Enterprise.BuildingId));
        return false;
    }

    /// <summary>Whether a written row can change an enterprise list's total: only an enterprise's filtered columns.</summary>
    public static bool TouchesEnterpriseList(ChangedRow row) =>
        row.EntityType == typeof(Enterprise) && Changes(row, EnterpriseFilterColumns);
}
