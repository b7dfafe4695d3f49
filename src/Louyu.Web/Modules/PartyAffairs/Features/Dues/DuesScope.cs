using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Platform.Identity;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// Whose dues a caller may see and record: a committee secretary, party worker or administrator the organisations of
/// their buildings (all of them for a grant over the top committee or the district); a branch secretary their
/// branch and its groups only; a member only their own dues (read). Applied inside every query.
/// </summary>
public sealed record DuesScope(
    bool All,
    IReadOnlyCollection<Guid> BuildingIds,
    IReadOnlyCollection<Guid> OrganizationIds,
    Guid? OwnMemberId,
    bool MayRevealBase,
    string? UserId
)
{
    public static readonly string[] BuildingRoles =
    [
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.PartyWorker,
        LouyuRoles.Administrator,
    ];

    /// <summary>Roles that may see a member's declared base in full (like the resident ID).</summary>
    public static readonly string[] RevealRoles =
    [
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.Administrator,
    ];

    public bool IsStaff => All || BuildingIds.Count > 0 || OrganizationIds.Count > 0;

    public bool AllowsOrganization(Guid organizationId, Guid buildingId) =>
        All || BuildingIds.Contains(buildingId) || OrganizationIds.Contains(organizationId);

    public IQueryable<DuesLedgerEntry> Filter(IQueryable<DuesLedgerEntry> q)
    {
        if (All)
            return q;
        var b = BuildingIds.ToArray();
        var o = OrganizationIds.ToArray();
        var own = OwnMemberId;
        return q.Where(e =>
            b.Contains(e.BuildingId) || o.Contains(e.OrganizationId) || e.MemberId == own
        );
    }

    public IQueryable<DuesAssessmentRecord> Filter(IQueryable<DuesAssessmentRecord> q)
    {
        if (All)
            return q;
        var b = BuildingIds.ToArray();
        var o = OrganizationIds.ToArray();
        var own = OwnMemberId;
        return q.Where(e =>
            b.Contains(e.BuildingId) || o.Contains(e.OrganizationId) || e.MemberId == own
        );
    }

    /// <summary>Staff scope only (a member's own rows are not in it): what the caller may record in.</summary>
    public IQueryable<DuesLedgerEntry> StaffFilter(IQueryable<DuesLedgerEntry> q)
    {
        if (All)
            return q;
        var b = BuildingIds.ToArray();
        var o = OrganizationIds.ToArray();
        return q.Where(e => b.Contains(e.BuildingId) || o.Contains(e.OrganizationId));
    }

    public static async Task<DuesScope> ResolveAsync(
        ClaimsPrincipal user,
        IBuildingScopeResolver scopes,
        IPartyDirectory directory,
        DateOnly today,
        CancellationToken ct
    )
    {
        var grants = RoleGrantClaims.Read(user).ToList();
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        // Building scope from the roles that keep records for whole buildings.
        var writerClaims = user.Claims.Where(c =>
            c.Type == ClaimTypes.NameIdentifier
            || (
                c.Type == RoleGrantClaims.ClaimType
                && BuildingRoles.Contains(c.Value.Split('|')[0], StringComparer.Ordinal)
            )
        );
        var buildings = grants.Any(g => BuildingRoles.Contains(g.Role))
            ? await scopes.ResolveAsync(
                new ClaimsPrincipal(new ClaimsIdentity(writerClaims, "grants")),
                ct
            )
            : BuildingScope.Nothing;
        // A branch secretary keeps their branch's (and its groups') dues: the party scope's organisations — not
        // every organisation they may read, which for a branch in a large building is thousands.
        var organizations = new List<Guid>();
        if (!buildings.All && grants.Any(g => g.Role == LouyuRoles.BranchSecretary))
            organizations.AddRange((await directory.ScopeAsync(user, ct)).Organizations);
        Guid? own = null;
        if (grants.Any(g => g.Role == LouyuRoles.Member))
            own = user.FindFirstValue(ClaimTypes.NameIdentifier) is { } uid
                ? (await directory.MemberOfUserAsync(uid, today, ct))?.Id
                : null;
        var reveal = grants.Any(g => RevealRoles.Contains(g.Role, StringComparer.Ordinal));
        return new DuesScope(
            buildings.All,
            buildings.BuildingIds,
            organizations,
            own,
            reveal,
            userId
        );
    }
}
