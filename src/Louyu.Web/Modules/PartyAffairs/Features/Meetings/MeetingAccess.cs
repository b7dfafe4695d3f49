using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Identity;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// Who may see and record meetings: a committee secretary, party worker or administrator the branches of their
/// buildings (a committee secretary over the top organisation: all); a branch secretary their own branch; a member
/// only the meetings they are invited to (<see cref="UserId"/>), read-only apart from asking for leave.
/// </summary>
public sealed record MeetingAccess(
    BuildingScope Buildings,
    IReadOnlySet<Guid> Branches,
    string? UserId
)
{
    private static readonly string[] BuildingRoles =
    [
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.PartyWorker,
        LouyuRoles.Administrator,
    ];

    public bool IsStaff => !Buildings.IsEmpty || Branches.Count > 0;

    public bool MayWrite(Guid organizationId, Guid buildingId) =>
        Buildings.Allows(buildingId) || Branches.Contains(organizationId);

    public static async Task<MeetingAccess> ResolveAsync(
        IBuildingScopeResolver scopes,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var grants = RoleGrantClaims.Read(user).ToList();
        var buildings = grants.Any(g => BuildingRoles.Contains(g.Role))
            ? await scopes.ResolveAsync(user, ct)
            : BuildingScope.Nothing;
        var branches = grants
            .Where(g =>
                g.Role == LouyuRoles.BranchSecretary && g.ScopeKind == ScopeKind.Organization
            )
            .Select(g => Guid.TryParse(g.ScopeId, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToHashSet();
        return new MeetingAccess(
            buildings,
            branches,
            user.FindFirstValue(ClaimTypes.NameIdentifier)
        );
    }
}
