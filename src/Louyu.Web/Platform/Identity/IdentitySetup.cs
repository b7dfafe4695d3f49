using Louyu.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Louyu.Web.Platform.Identity;

/// <summary>
/// ASP.NET Core Identity with a cookie for the browser and bearer tokens for the API (a policy scheme picks one),
/// lockout after 5 failures for 15 minutes, idle logout after 30 minutes, complex passwords, TOTP
/// (domain-rules §8.2).
/// </summary>
public static class IdentitySetup
{
    public const string Scheme = "Louyu";

    public static IServiceCollection AddLouyuIdentity(this IServiceCollection services)
    {
        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(
                Scheme,
                "Cookie or bearer token",
                o =>
                    o.ForwardDefaultSelector = ctx =>
                        ctx
                            .Request.Headers.Authorization.ToString()
                            .StartsWith("Bearer ", StringComparison.Ordinal)
                            ? IdentityConstants.BearerScheme
                            : IdentityConstants.ApplicationScheme
            )
            .AddBearerToken(
                IdentityConstants.BearerScheme,
                o => o.BearerTokenExpiration = TimeSpan.FromHours(1)
            )
            .AddIdentityCookies();

        services
            .AddIdentityCore<LouyuUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<LouyuDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LouyuClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30); // idle logout (sliding)
            o.SlidingExpiration = true;
            o.Cookie.Name = "louyu.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Events.OnRedirectToLogin = ctx =>
                ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, 401);
            o.Events.OnRedirectToAccessDenied = ctx =>
                ApiAwareRedirect(ctx.HttpContext, ctx.RedirectUri, 403);
        });
        services.AddScoped<AdministratorAccounts>();
        services
            .AddAuthorizationBuilder()
            .AddPolicy("Staff", p => p.RequireRole(LouyuRoles.Staff))
            .AddPolicy("Administrator", p => p.RequireRole(LouyuRoles.Administrator));
        return services;
    }

    private static Task ApiAwareRedirect(HttpContext ctx, string redirectUri, int status)
    {
        if (IsApi(ctx.Request))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/open311", StringComparison.OrdinalIgnoreCase);
}
