using System.Security.Claims;

namespace Louyu.Web.Modules.Organization.Contracts;

/// <summary>The buildings a caller may see: all of them, a set, or none.</summary>
public sealed record BuildingScope(bool All, IReadOnlySet<Guid> BuildingIds)
{
    public static readonly BuildingScope Everything = new(true, new HashSet<Guid>());
    public static readonly BuildingScope Nothing = new(false, new HashSet<Guid>());

    public bool IsEmpty => !All && BuildingIds.Count == 0;

    public bool Allows(Guid buildingId) => All || BuildingIds.Contains(buildingId);

    /// <summary>The building filter for queries: null means every building.</summary>
    public IReadOnlyCollection<Guid>? Filter => All ? null : BuildingIds.ToArray();
}

/// <summary>Turns a caller's role grants into the buildings they may see (enforced in queries).</summary>
public interface IBuildingScopeResolver
{
    Task<BuildingScope> ResolveAsync(ClaimsPrincipal user, CancellationToken ct);
}
