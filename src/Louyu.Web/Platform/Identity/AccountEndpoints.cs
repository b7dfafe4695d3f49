using Microsoft.AspNetCore.Identity;

namespace Louyu.Web.Platform.Identity;

/// <summary>POST /account/logout (a form with an antiforgery token).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(
                "/account/logout",
                async (SignInManager<LouyuUser> signIn) =>
                {
                    await signIn.SignOutAsync();
                    return Results.LocalRedirect("/");
                }
            )
            .ExcludeFromDescription();
    }
}
