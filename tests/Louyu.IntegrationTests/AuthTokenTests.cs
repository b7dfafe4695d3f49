using System.Net;
using System.Net.Http.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>POST /api/v1/auth/token and the bearer token it issues (api.md "Authentication").</summary>
[Collection(AppCollection.Name)]
public sealed class AuthTokenTests(AppFixture fixture)
{
    private const string OverviewPath = "/api/v1/stats/overview?asOf=2021-08-21";

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Good_password_returns_a_bearer_token_for_one_hour(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var response = await Accounts.RequestTokenAsync(
            client,
            "secretary",
            Accounts.DemoPassword
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ResponseJson.ReadAsync(response);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("accessToken").GetString()));
        Assert.Equal("Bearer", json.GetProperty("tokenType").GetString());
        Assert.Equal(3600, json.GetProperty("expiresIn").GetInt32());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_password_and_unknown_user_get_the_same_401(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var user = await Accounts.CreateUserAsync(app);
        using var client = app.CreateClient();

        using var badPassword = await Accounts.RequestTokenAsync(
            client,
            user.UserName!,
            "Wrong@2021x"
        );
        using var unknownUser = await Accounts.RequestTokenAsync(
            client,
            $"nobody_{Guid.NewGuid():N}",
            "Wrong@2021x"
        );

        Assert.Equal(HttpStatusCode.Unauthorized, badPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        var bad = await ResponseJson.ReadAsync(badPassword);
        var unknown = await ResponseJson.ReadAsync(unknownUser);
        Assert.Equal("用户名或密码错误。", bad.GetProperty("title").GetString());
        foreach (var field in new[] { "title", "detail", "status" })
            Assert.Equal(
                bad.TryGetProperty(field, out var b) ? b.ToString() : null,
                unknown.TryGetProperty(field, out var u) ? u.ToString() : null
            );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Missing_fields_are_a_400_naming_each_field(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync(Accounts.TokenPath, new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ResponseJson.ReadAsync(response);
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(problem, "username"));
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(problem, "password"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Five_failures_lock_the_account_even_for_the_right_password(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var user = await Accounts.CreateUserAsync(app);
        using var client = app.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await Accounts.RequestTokenAsync(
                client,
                user.UserName!,
                "Wrong@2021x"
            );
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
        using var fifth = await Accounts.RequestTokenAsync(client, user.UserName!, "Wrong@2021x");
        using var right = await Accounts.RequestTokenAsync(
            client,
            user.UserName!,
            Accounts.FreshPassword
        );

        Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        var problem = await ResponseJson.ReadAsync(right);
        Assert.Equal("账号已锁定", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("accessToken", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_token_opens_the_statistics_api(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var token = await fixture.DemoTokenAsync(provider, "secretary");
        using var client = Accounts.ClientWithToken(app, token);

        using var response = await client.GetAsync(OverviewPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Without_a_token_the_api_answers_401(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(OverviewPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_forged_token_is_refused_with_401(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = Accounts.ClientWithToken(app, "not-a-real-token");

        using var response = await client.GetAsync(OverviewPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Members_enterprise_contacts_and_officers_get_403_on_statistics(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        foreach (var account in new[] { "member", "enterprise", "tax" })
        {
            var token = await fixture.DemoTokenAsync(provider, account);
            using var client = Accounts.ClientWithToken(app, token);

            using var response = await client.GetAsync(OverviewPath);

            Assert.True(
                response.StatusCode == HttpStatusCode.Forbidden,
                $"{account}: expected 403, got {(int)response.StatusCode}"
            );
        }
    }
}
