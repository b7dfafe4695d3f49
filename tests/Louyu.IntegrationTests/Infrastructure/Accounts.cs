using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests.Infrastructure;

/// <summary>Logins for the tests: the demo accounts, and fresh users with unique names.</summary>
public static class Accounts
{
    public const string DemoPassword = "Demo@2021";
    public const string FreshPassword = "Fresh@2021x";
    public const string TokenPath = "/api/v1/auth/token";

    public sealed record TokenResponse(
        [property: JsonPropertyName("accessToken")] string AccessToken,
        [property: JsonPropertyName("tokenType")] string TokenType,
        [property: JsonPropertyName("expiresIn")] long ExpiresIn
    );

    public static Task<HttpResponseMessage> RequestTokenAsync(
        HttpClient client,
        string userName,
        string password
    ) => client.PostAsJsonAsync(TokenPath, new { username = userName, password });

    public static async Task<string> TokenAsync(
        LouyuAppFactory app,
        string userName,
        string password
    )
    {
        using var client = app.CreateClient();
        using var response = await RequestTokenAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.NotNull(token);
        return token.AccessToken;
    }

    /// <summary>A client that sends the bearer token on every request.</summary>
    public static HttpClient ClientWithToken(LouyuAppFactory app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new user with a unique name and <see cref="FreshPassword"/>, with the given grants.</summary>
    public static async Task<LouyuUser> CreateUserAsync(
        LouyuAppFactory app,
        params (string Role, ScopeKind Kind, string? ScopeId)[] grants
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        var user = new LouyuUser
        {
            UserName = $"it_{Guid.NewGuid():N}",
            DisplayName = "集成测试用户",
        };
        var result = await users.CreateAsync(user, FreshPassword);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        if (grants.Length > 0)
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            foreach (var (role, kind, scopeId) in grants)
                db.RoleGrants.Add(
                    new RoleGrant
                    {
                        Id = Guid.NewGuid(),
                        UserId = user.Id,
                        Role = role,
                        ScopeKind = kind,
                        ScopeId = scopeId,
                    }
                );
            await db.SaveChangesAsync();
        }
        return user;
    }

    /// <summary>A signed-in administrator: a new user with the Administrator role, enrolled in TOTP, with a token.</summary>
    public static async Task<HttpClient> AdministratorClientAsync(LouyuAppFactory app)
    {
        var admin = await CreateUserAsync(
            app,
            (LouyuRoles.Administrator, ScopeKind.District, null)
        );
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
            var user = (await users.FindByIdAsync(admin.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync(
            TokenPath,
            new
            {
                username = admin.UserName,
                password = FreshPassword,
                totpCode = AdministratorTests.Totp(key),
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return ClientWithToken(app, token!.AccessToken);
    }
}
