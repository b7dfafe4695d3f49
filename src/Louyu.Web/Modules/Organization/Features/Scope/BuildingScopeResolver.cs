using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Scope;

/// <summary>
/// Staff grants become buildings: an administrator or a district grant sees every building; a grant over the top
/// organisation (no parent) sees every building; a grant over another organisation sees the buildings of that
/// organisation and its children; a building grant sees that building. Members, enterprise contacts and officers
/// have no building scope.
/// </summary>
public sealed class BuildingScopeResolver(LouyuDbContext db) : IBuildingScopeResolver
{
    public async Task<BuildingScope> ResolveAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var grants = RoleGrantClaims
            .Read(user)
            .Where(g => LouyuRoles.Staff.Contains(g.Role))
            .ToList();
        if (grants.Count == 0)
            return BuildingScope.Nothing;
        // Scopes already resolved in this unit of work, by the caller's staff grants: one request (the to-do list
        // asks once per source) reads the organisations behind the grants once; a save empties the memo.
        var key = string.Join(
            '\n',
            grants
                .Select(g => $"{g.Role}|{g.ScopeKind}|{g.ScopeId}")
                .Order(StringComparer.Ordinal)
                .Prepend("BuildingScope")
        );
        if (db.UnitOfWorkMemo.TryGetValue(key, out var known) && known is BuildingScope memo)
            return memo;
        var scope = await ResolveGrantsAsync(grants, ct);
        db.UnitOfWorkMemo[key] = scope;
        return scope;
    }

    private async Task<BuildingScope> ResolveGrantsAsync(
        List<RoleGrant> grants,
        CancellationToken ct
    )
    {
        if (
            grants.Any(g => g.Role == LouyuRoles.Administrator || g.ScopeKind == ScopeKind.District)
        )
            return BuildingScope.Everything;
        var ids = new HashSet<Guid>();
        foreach (var g in grants)
        {
            if (!Guid.TryParse(g.ScopeId, out var id))
                continue;
            if (g.ScopeKind == ScopeKind.Building)
                ids.Add(id);
            else if (g.ScopeKind == ScopeKind.Organization)
            {
                var org = await db
                    .PartyOrganizations.AsNoTracking()
                    .Where(o => o.Id == id)
                    .Select(o => new { o.ParentId, o.BuildingId })
                    .FirstOrDefaultAsync(ct);
                if (org is null)
                    continue;
                if (org.ParentId is null)
                    return BuildingScope.Everything;
                ids.Add(org.BuildingId);
                var children = await db
                    .PartyOrganizations.Where(o => o.ParentId == id)
                    .Select(o => o.BuildingId)
                    .ToListAsync(ct);
                ids.UnionWith(children);
            }
        }
        return new BuildingScope(false, ids);
    }
}
