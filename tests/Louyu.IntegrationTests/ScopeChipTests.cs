using System.Net;
using System.Text.RegularExpressions;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The scope chip of the staff top bar names what the caller's grants cover: a department officer's workstation
/// departments (through IScopeDescriber, implemented by Services), not "0 buildings".
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class ScopeChipTests(AppFixture fixture)
{
    [GeneratedRegex("<span class=\"scope\" data-testid=\"scope\"[^>]*>([^<]*)</span>")]
    private static partial Regex Chip();

    private static async Task<string> ChipAsync(HttpClient client, string path, string? culture)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (culture is not null)
            request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = Chip().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "no scope chip on " + path);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_department_officer_sees_the_department_names(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var tax = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "tax")
        );
        Assert.Equal("范围：税务", await ChipAsync(tax, "/services/queue", null));
        Assert.Equal("Scope: Taxation", await ChipAsync(tax, "/services/queue", "en-US"));

        // Two departments: both named, in the workstation's order; a department without an English name keeps its own.
        var codes = await TwoDepartmentsAsync(app);
        var officer = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, codes[1].Code),
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, codes[0].Code)
        );
        using var both = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, officer.UserName!, Accounts.FreshPassword)
        );
        Assert.Equal(
            $"范围：{codes[0].Name}、{codes[1].Name}",
            await ChipAsync(both, "/services/queue", null)
        );
        Assert.Equal(
            $"Scope: {codes[0].NameEn ?? codes[0].Name}, {codes[1].NameEn ?? codes[1].Name}",
            await ChipAsync(both, "/services/queue", "en-US")
        );

        // A district-wide party worker still sees every building.
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        Assert.Equal("范围：全部楼宇", await ChipAsync(secretary, "/services/queue", null));
    }

    private static async Task<List<(string Code, string Name, string? NameEn)>> TwoDepartmentsAsync(
        LouyuAppFactory app
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var rows = await db
            .Departments.AsNoTracking()
            .Where(d => d.Code == "tax" || d.Code == "market")
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Code)
            .Select(d => new
            {
                d.Code,
                d.Name,
                d.NameEn,
            })
            .ToListAsync();
        Assert.Equal(2, rows.Count);
        return [.. rows.Select(r => (r.Code, r.Name, r.NameEn))];
    }
}
