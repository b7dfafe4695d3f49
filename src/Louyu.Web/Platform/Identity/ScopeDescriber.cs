using System.Security.Claims;

namespace Louyu.Web.Platform.Identity;

/// <summary>
/// Names the parts of a caller's scope that are not buildings — e.g. the workstation departments of a department
/// officer (ScopeKind.Department grants) — for the scope chip in the staff top bar. A module that owns such a scope
/// registers one (scoped); the chip asks each and shows the names beside the buildings.
/// </summary>
public interface IScopeDescriber
{
    /// <summary>The names of the caller's scopes this describer knows, in the interface language; empty for none.</summary>
    Task<IReadOnlyList<string>> DescribeAsync(ClaimsPrincipal user, CancellationToken ct);
}
