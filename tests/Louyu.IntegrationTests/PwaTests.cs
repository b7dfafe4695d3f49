using System.Net;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>PWA basics: the manifest, its icons, the service worker and the offline page are served by the app.</summary>
[Collection(AppCollection.Name)]
public sealed class PwaTests(AppFixture fixture)
{
    [Fact]
    public async Task The_manifest_its_icons_and_the_offline_page_are_served()
    {
        var app = await fixture.AppAsync(DatabaseProviders.Sqlite);
        using var client = app.CreateClient();

        var manifest = JsonDocument
            .Parse(await client.GetStringAsync("/manifest.webmanifest"))
            .RootElement;
        Assert.Equal("/m", manifest.GetProperty("start_url").GetString());
        var icons = manifest
            .GetProperty("icons")
            .EnumerateArray()
            .Select(i => i.GetProperty("src").GetString()!)
            .ToList();
        Assert.Contains("/icons/louyu-192.png", icons);
        Assert.Contains("/icons/louyu-512.png", icons);
        foreach (var icon in icons)
        {
            using var r = await client.GetAsync(icon);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True((await r.Content.ReadAsByteArrayAsync()).Length > 100, icon);
        }
        Assert.Contains(
            "离线",
            await client.GetStringAsync("/offline.html"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "offline.html",
            await client.GetStringAsync("/sw.js"),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "manifest.webmanifest",
            await client.GetStringAsync("/account/login"),
            StringComparison.Ordinal
        );
    }
}
