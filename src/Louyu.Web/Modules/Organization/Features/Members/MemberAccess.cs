using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// What a caller may do with member records. <see cref="Buildings"/>: the buildings of the committee secretary,
/// party worker and administrator grants (members whose current organisation, or without one whose workplace,
/// sits there). <see cref="Branches"/>: the organisations of branch-secretary grants and their children. A member
/// reads their own record only (<see cref="UserId"/>). Enterprise contacts and officers have nothing.
/// The full resident ID may be seen by a committee secretary or administrator, or by the member themself.
/// </summary>
public sealed record MemberAccess(
    BuildingScope Buildings,
    IReadOnlySet<Guid> Branches,
    IReadOnlySet<Guid> BranchBuildings,
    string? UserId,
    bool IsMember,
    bool MayRevealAll
)
{
    public static readonly string[] RevealRoles =
    [
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.Administrator,
    ];

    public bool CanWrite => !Buildings.IsEmpty || Branches.Count > 0;
    public bool CanRead => CanWrite || (IsMember && UserId is not null);

    public string RefusalKey => CanRead && !CanWrite ? "Problem.ReadOnly" : "Problem.OutOfScope";

    /// <summary>Whether a record placed in this organisation / workplace may be written by the caller.</summary>
    public bool MayPlace(Guid? organizationId, Guid? organizationBuilding, Guid? enterpriseBuilding)
    {
        if (Buildings.All)
            return true;
        if (organizationId is not null)
            return Branches.Contains(organizationId.Value)
                || (
                    organizationBuilding is not null && Buildings.Allows(organizationBuilding.Value)
                );
        return enterpriseBuilding is not null && Buildings.Allows(enterpriseBuilding.Value);
    }

    /// <summary>Whether the caller may name this enterprise as a workplace.</summary>
    public bool MayUseEnterprise(Guid enterpriseBuilding) =>
        Buildings.Allows(enterpriseBuilding) || BranchBuildings.Contains(enterpriseBuilding);

    public static async Task<MemberAccess> ResolveAsync(
        IBuildingScopeResolver scopes,
        LouyuDbContext db,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var grants = RoleGrantClaims.Read(user).ToList();
        // Once per unit of work and caller: the to-do list's sources each ask (see LouyuDbContext.UnitOfWorkMemo).
        var key = string.Join(
            '\n',
            grants
                .Select(g => $"{g.Role}|{g.ScopeKind}|{g.ScopeId}")
                .Order(StringComparer.Ordinal)
                .Prepend($"MemberAccess|{user.FindFirstValue(ClaimTypes.NameIdentifier)}")
        );
        if (db.UnitOfWorkMemo.TryGetValue(key, out var known) && known is MemberAccess memo)
            return memo;
        var access = await ResolveGrantsAsync(scopes, db, user, grants, ct);
        db.UnitOfWorkMemo[key] = access;
        return access;
    }

    private static async Task<MemberAccess> ResolveGrantsAsync(
        IBuildingScopeResolver scopes,
        LouyuDbContext db,
        ClaimsPrincipal user,
        List<RoleGrant> grants,
        CancellationToken ct
    )
    {
        var staff = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        var branchIds = grants
            .Where(g =>
                g.Role == LouyuRoles.BranchSecretary && g.ScopeKind == ScopeKind.Organization
            )
            .Select(g => Guid.TryParse(g.ScopeId, out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToArray();
        var branches = new HashSet<Guid>();
        var branchBuildings = new HashSet<Guid>();
        if (branchIds.Length > 0)
        {
            var orgs = await db
                .PartyOrganizations.AsNoTracking()
                .Where(o =>
                    branchIds.Contains(o.Id)
                    || (o.ParentId != null && branchIds.Contains(o.ParentId.Value))
                )
                .Select(o => new
                {
                    o.Id,
                    o.BuildingId,
                    o.Name,
                })
                .ToListAsync(ct);
            var names = OrganizationNameMemo.Of(db);
            foreach (var o in orgs)
            {
                branches.Add(o.Id);
                branchBuildings.Add(o.BuildingId);
                names[o.Id] = o.Name;
            }
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var isMember = grants.Any(g => g.Role == LouyuRoles.Member);
        var reveal = grants.Any(g => RevealRoles.Contains(g.Role, StringComparer.Ordinal));
        return new MemberAccess(staff.Write, branches, branchBuildings, userId, isMember, reveal);
    }
}

/// <summary>
/// Organisation names already read in this unit of work (kept in <see cref="LouyuDbContext.UnitOfWorkMemo"/>, so a
/// save empties it): the branch secretary's organisations are read with their names when the scope is resolved, and
/// the to-do sources that label rows with them (dues, development) need no further statement.
/// </summary>
internal static class OrganizationNameMemo
{
    private const string Key = "OrganizationNames";

    public static Dictionary<Guid, string> Of(LouyuDbContext db)
    {
        if (
            db.UnitOfWorkMemo.TryGetValue(Key, out var known)
            && known is Dictionary<Guid, string> memo
        )
            return memo;
        var names = new Dictionary<Guid, string>();
        db.UnitOfWorkMemo[Key] = names;
        return names;
    }
}
