using Louyu.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Identity;

/// <summary>Creates administrators: by the create-admin command, or once through /setup while none exists.</summary>
public sealed class AdministratorAccounts(UserManager<LouyuUser> users, LouyuDbContext db)
{
    public Task<bool> AnyAsync(CancellationToken ct = default) =>
        db.RoleGrants.AnyAsync(g => g.Role == LouyuRoles.Administrator, ct);

    public async Task<IReadOnlyList<string>> CreateAsync(
        string userName,
        string displayName,
        string password
    )
    {
        var user = new LouyuUser { UserName = userName.Trim(), DisplayName = displayName.Trim() };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            return result.Errors.Select(e => e.Description).ToList();
        db.RoleGrants.Add(
            new RoleGrant
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Role = LouyuRoles.Administrator,
                ScopeKind = ScopeKind.District,
            }
        );
        await db.SaveChangesAsync();
        return [];
    }
}
