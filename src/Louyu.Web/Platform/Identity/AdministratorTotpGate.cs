namespace Louyu.Web.Platform.Identity;

/// <summary>
/// Administrators must use a second factor (domain-rules §8.2): a signed-in administrator whose login did not
/// include TOTP (no <c>amr=mfa</c> claim) is sent to /account/totp for every page until they enrol or verify.
/// </summary>
public sealed class AdministratorTotpGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        var user = ctx.User;
        if (
            user.Identity?.IsAuthenticated == true
            && user.IsInRole(LouyuRoles.Administrator)
            && !user.HasClaim("amr", "mfa")
            && !ctx.Request.Path.StartsWithSegments("/account")
            && !ctx.Request.Path.StartsWithSegments("/culture")
            && !IdentitySetup.IsApi(ctx.Request)
            && !Path.HasExtension(ctx.Request.Path.Value)
        )
        {
            ctx.Response.Redirect("/account/totp");
            return Task.CompletedTask;
        }
        return next(ctx);
    }
}
