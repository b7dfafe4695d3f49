using System.Security.Claims;

namespace Louyu.Web.Platform.Identity;

/// <summary>Role grants travel in the login as claims: <c>louyu:grant = Role|ScopeKind|ScopeId</c>.</summary>
public static class RoleGrantClaims
{
    public const string ClaimType = "louyu:grant";

    public static Claim ToClaim(RoleGrant g) =>
        new(ClaimType, $"{g.Role}|{g.ScopeKind}|{g.ScopeId}");

    public static IEnumerable<RoleGrant> Read(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        foreach (var c in user.FindAll(ClaimType))
        {
            var parts = c.Value.Split('|');
            if (parts.Length == 3 && Enum.TryParse<ScopeKind>(parts[1], out var kind))
                yield return new RoleGrant
                {
                    UserId = userId,
                    Role = parts[0],
                    ScopeKind = kind,
                    ScopeId = parts[2].Length == 0 ? null : parts[2],
                };
        }
    }

    public static bool IsStaff(ClaimsPrincipal user) => LouyuRoles.Staff.Any(user.IsInRole);
}
