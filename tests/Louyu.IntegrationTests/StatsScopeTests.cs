using System.Net;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>A building-scoped party worker sees the figures of their buildings only (api.md: 403 outside scope).</summary>
[Collection(AppCollection.Name)]
public sealed class StatsScopeTests(AppFixture fixture)
{
    private static readonly DateOnly EndOf2009 = new(2009, 12, 31);
    private static readonly DateOnly ReportDay = new(2021, 8, 21);

    private static async Task<List<Building>> BuildingsAsync(LouyuAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var buildings = await db.Buildings.AsNoTracking().ToListAsync();
        return [.. buildings.OrderBy(b => b.CoveredFrom).ThenBy(b => b.Id)];
    }

    private static bool CoveredOn(Building b, DateOnly d) =>
        b.CoveredFrom <= d && (b.CoveredUntil is null || b.CoveredUntil > d);

    private static (string, ScopeKind, string?) WorkerGrant(Building b) =>
        (LouyuRoles.PartyWorker, ScopeKind.Building, b.Id.ToString());

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_scoped_overview_counts_only_the_granted_buildings(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var buildings = await BuildingsAsync(app);
        // The first building (the only one at the end of 2009) and one that joined later.
        var first = Assert.Single(buildings, b => CoveredOn(b, EndOf2009));
        var later = buildings.First(b =>
            !CoveredOn(b, EndOf2009) && CoveredOn(b, ReportDay) && b.CoveredUntil is null
        );
        var user = await Accounts.CreateUserAsync(app, WorkerGrant(first), WorkerGrant(later));
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        using var client = Accounts.ClientWithToken(app, token);

        using var in2009 = await client.GetAsync("/api/v1/stats/overview?asOf=2009-12-31");
        using var in2021 = await client.GetAsync("/api/v1/stats/overview?asOf=2021-08-21");

        Assert.Equal(HttpStatusCode.OK, in2009.StatusCode);
        Assert.Equal(HttpStatusCode.OK, in2021.StatusCode);
        var row2009 = await ResponseJson.ReadAsync(in2009);
        var row2021 = await ResponseJson.ReadAsync(in2021);
        // At the end of 2009 only the first building was covered: the whole district's figures.
        Assert.Equal(1, row2009.GetProperty("buildings").GetInt32());
        Assert.Equal(162, row2009.GetProperty("enterprises").GetInt32());
        Assert.Equal(32, row2009.GetProperty("members").GetInt32());
        // In 2021 both granted buildings count, and not the other twelve.
        Assert.Equal(2, row2021.GetProperty("buildings").GetInt32());
        Assert.InRange(row2021.GetProperty("enterprises").GetInt32(), 163, 1313);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_building_outside_the_scope_is_a_403_and_inside_a_200(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var buildings = await BuildingsAsync(app);
        var granted = buildings[0];
        var outside = buildings.First(b => b.Id != granted.Id && CoveredOn(b, ReportDay));
        var user = await Accounts.CreateUserAsync(app, WorkerGrant(granted));
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        using var client = Accounts.ClientWithToken(app, token);

        using var denied = await client.GetAsync(
            $"/api/v1/stats/overview?asOf=2021-08-21&buildingId={outside.Id}"
        );
        using var allowed = await client.GetAsync(
            $"/api/v1/stats/overview?asOf=2021-08-21&buildingId={granted.Id}"
        );
        using var growthDenied = await client.GetAsync(
            $"/api/v1/stats/growth?from=2009&to=2021&buildingId={outside.Id}"
        );

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("application/problem+json", denied.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, growthDenied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(
            1,
            (await ResponseJson.ReadAsync(allowed)).GetProperty("buildings").GetInt32()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_demo_worker_is_refused_a_building_outside_their_grants(string provider)
    {
        var app = await fixture.AppAsync(provider);
        List<string?> granted;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            granted = await (
                from g in db.RoleGrants
                join u in db.Users on g.UserId equals u.Id
                where u.UserName == "worker" && g.ScopeKind == ScopeKind.Building
                select g.ScopeId
            ).ToListAsync();
        }
        Assert.NotEmpty(granted);
        var buildings = await BuildingsAsync(app);
        var outside = buildings.First(b => !granted.Contains(b.Id.ToString()));
        var mine = buildings.Where(b => granted.Contains(b.Id.ToString())).ToList();
        var token = await fixture.DemoTokenAsync(provider, "worker");
        using var client = Accounts.ClientWithToken(app, token);

        using var denied = await client.GetAsync(
            $"/api/v1/stats/overview?asOf=2021-08-21&buildingId={outside.Id}"
        );
        using var all = await client.GetAsync("/api/v1/stats/overview?asOf=2021-08-21");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(
            mine.Count(b => CoveredOn(b, ReportDay)),
            (await ResponseJson.ReadAsync(all)).GetProperty("buildings").GetInt32()
        );
    }
}
