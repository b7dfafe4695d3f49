using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>Health, malformed input as a problem (never 500), and the browser's cookie login.</summary>
[Collection(AppCollection.Name)]
public sealed class PlatformTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Health_is_200_healthy_when_the_database_answers(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ResponseJson.ReadAsync(response);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_app_runs_on_the_requested_database(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();

        Assert.Equal(provider == DatabaseProviders.Postgres, db.Database.IsNpgsql());
        Assert.Equal(provider == DatabaseProviders.Sqlite, db.Database.IsSqlite());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Malformed_json_is_a_localised_400_problem_not_a_500(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var chinese = await PostMalformedAsync(client, null);
        using var english = await PostMalformedAsync(client, "en-US");

        Assert.Equal(HttpStatusCode.BadRequest, chinese.StatusCode);
        Assert.Equal("application/problem+json", chinese.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "请求格式不正确",
            (await ResponseJson.ReadAsync(chinese)).GetProperty("title").GetString()
        );
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Equal("application/problem+json", english.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "Malformed request",
            (await ResponseJson.ReadAsync(english)).GetProperty("title").GetString()
        );
    }

    private static async Task<HttpResponseMessage> PostMalformedAsync(
        HttpClient client,
        string? language
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Accounts.TokenPath)
        {
            Content = new StringContent(
                "{\"username\": \"secretary\", \"password\": ",
                Encoding.UTF8,
                "application/json"
            ),
        };
        if (language is not null)
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_login_page_shows_the_login_form(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"username\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"login-submit\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_anonymous_visit_to_insights_redirects_to_the_login(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var client = app.CreateClient(
            new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );

        using var response = await client.GetAsync("/insights");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        var absolute = location.IsAbsoluteUri ? location : new Uri(client.BaseAddress!, location);
        Assert.Equal("/account/login", absolute.AbsolutePath);
        Assert.Contains(
            "insights",
            Uri.UnescapeDataString(absolute.Query),
            StringComparison.Ordinal
        );
    }
}
