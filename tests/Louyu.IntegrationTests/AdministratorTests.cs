using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Administrators need a second factor (TOTP, domain-rules §8.2), and the first administrator is created only while
/// none exists (/setup) or by the create-admin command.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AdministratorTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_administrator_gets_a_token_only_with_a_valid_TOTP_code(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var admin = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.Administrator, ScopeKind.District, null)
        );
        using var client = app.CreateClient();

        // Not enrolled yet: refused, with the reason.
        using (
            var r = await Accounts.RequestTokenAsync(
                client,
                admin.UserName!,
                Accounts.FreshPassword
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);

        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
            var user = (await users.FindByIdAsync(admin.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        using (
            var r = await client.PostAsJsonAsync(
                Accounts.TokenPath,
                new { username = admin.UserName, password = Accounts.FreshPassword }
            )
        )
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (
            var r = await client.PostAsJsonAsync(
                Accounts.TokenPath,
                new
                {
                    username = admin.UserName,
                    password = Accounts.FreshPassword,
                    totpCode = "000000" == Totp(key) ? "111111" : "000000",
                }
            )
        )
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        using (
            var r = await client.PostAsJsonAsync(
                Accounts.TokenPath,
                new
                {
                    username = admin.UserName,
                    password = Accounts.FreshPassword,
                    totpCode = Totp(key),
                }
            )
        )
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task The_setup_page_creates_the_first_administrator_once()
    {
        var app = await fixture.AppAsync(DatabaseProviders.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdministratorAccounts>();
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/setup");
        if (!await admins.AnyAsync())
        {
            Assert.DoesNotContain("setup-closed", page, StringComparison.Ordinal);
            Assert.Empty(
                await admins.CreateAsync($"admin_{Guid.NewGuid():N}", "管理员", "Admin@2026x")
            );
        }
        Assert.Contains(
            "setup-closed",
            await client.GetStringAsync("/setup"),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_weak_password_is_refused_for_an_administrator()
    {
        var app = await fixture.AppAsync(DatabaseProviders.Sqlite);
        await using var scope = app.Services.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdministratorAccounts>();
        Assert.NotEmpty(await admins.CreateAsync($"weak_{Guid.NewGuid():N}", "弱密码", "password"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_OpenAPI_document_and_the_API_reference_are_served(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();
        var doc = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/stats/overview", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/auth/token", doc, StringComparison.Ordinal);
        using var docs = await client.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) over a base32 key, as an authenticator app computes it.</summary>
    internal static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
            Array.Reverse(message);
#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary =
            ((hash[offset] & 0x7F) << 24)
            | (hash[offset + 1] << 16)
            | (hash[offset + 2] << 8)
            | hash[offset + 3];
        return (binary % 1_000_000).ToString(
            "D6",
            System.Globalization.CultureInfo.InvariantCulture
        );
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((value >> (bits - 8)) & 0xFF));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
