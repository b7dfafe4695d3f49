using System.Security.Claims;
using Louyu.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Platform.Identity;

/// <summary>Adds the display name, the roles and the scoped grants to the login.</summary>
public sealed class LouyuClaimsFactory(
    UserManager<LouyuUser> users,
    IOptions<IdentityOptions> options,
    LouyuDbContext db
) : UserClaimsPrincipalFactory<LouyuUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LouyuUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("louyu:display_name", user.DisplayName));
        var grants = await db
            .RoleGrants.AsNoTracking()
            .Where(g => g.UserId == user.Id)
            .ToListAsync();
        foreach (var role in grants.Select(g => g.Role).Distinct())
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        foreach (var g in grants)
            identity.AddClaim(RoleGrantClaims.ToClaim(g));
        return identity;
    }
}
