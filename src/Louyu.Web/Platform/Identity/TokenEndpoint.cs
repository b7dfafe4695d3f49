using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Platform.Identity;

/// <summary>
/// POST /api/v1/auth/token (api.md): 200 with a bearer token; 401 on bad credentials (same message whether the user
/// exists or not); 423 while locked out; administrators must add a valid TOTP code.
/// </summary>
public static class TokenEndpoint
{
    public sealed record TokenRequest(string? Username, string? Password, string? TotpCode);

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueAsync)
            .WithTags("Authentication")
            .WithSummary("Exchange a username and password for a bearer token")
            .AllowAnonymous();
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest request,
        UserManager<LouyuUser> users,
        SignInManager<LouyuUser> signIn,
        IStringLocalizer<SharedResource> text
    )
    {
        var errors = new List<(string, string, object[])>();
        if (string.IsNullOrWhiteSpace(request.Username))
            errors.Add(("username", "Validation.Required", []));
        if (string.IsNullOrEmpty(request.Password))
            errors.Add(("password", "Validation.Required", []));
        if (errors.Count > 0)
            return ProblemsSetup.Validation(text, [.. errors]);

        var user = await AccountLookup.FindAsync(users, request.Username!);
        if (user is null)
            return ProblemsSetup.Problem(
                text,
                StatusCodes.Status401Unauthorized,
                "Auth.BadCredentials"
            );
        if (await users.IsLockedOutAsync(user))
            return Locked(text);
        var result = await signIn.CheckPasswordSignInAsync(
            user,
            request.Password!,
            lockoutOnFailure: true
        );
        if (result.IsLockedOut)
            return Locked(text);
        if (!result.Succeeded)
            return ProblemsSetup.Problem(
                text,
                StatusCodes.Status401Unauthorized,
                "Auth.BadCredentials"
            );

        var principal = await signIn.CreateUserPrincipalAsync(user);
        if (principal.IsInRole(LouyuRoles.Administrator))
        {
            if (!user.TwoFactorEnabled)
                return ProblemsSetup.Problem(
                    text,
                    StatusCodes.Status403Forbidden,
                    "Auth.TotpEnrolmentRequired"
                );
            var code = (request.TotpCode ?? "").Replace(" ", "", StringComparison.Ordinal);
            if (
                code.Length == 0
                || !await users.VerifyTwoFactorTokenAsync(
                    user,
                    TokenOptions.DefaultAuthenticatorProvider,
                    code
                )
            )
                return ProblemsSetup.Problem(
                    text,
                    StatusCodes.Status401Unauthorized,
                    "Auth.TotpInvalid"
                );
        }
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static IResult Locked(IStringLocalizer<SharedResource> text) =>
        ProblemsSetup.Problem(
            text,
            StatusCodes.Status423Locked,
            "Auth.LockedOut",
            text["Auth.LockedOutDetail"].Value
        );
}

/// <summary>Login is by username or mobile number (features.md "Platform").</summary>
public static class AccountLookup
{
    public static async Task<LouyuUser?> FindAsync(UserManager<LouyuUser> users, string login)
    {
        var byName = await users.FindByNameAsync(login.Trim());
        if (byName is not null)
            return byName;
        var phone = login.Trim();
        return phone.Length >= 11 && phone.All(char.IsDigit)
            ? users.Users.FirstOrDefault(u => u.PhoneNumber == phone)
            : null;
    }
}
