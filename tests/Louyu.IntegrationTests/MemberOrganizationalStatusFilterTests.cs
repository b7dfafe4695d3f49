using System.Net;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET /api/v1/members?organizationalStatus=… (the member list page's filter): only members in that organisational
/// status; an unknown value is a field error, not a 500.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MemberOrganizationalStatusFilterTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_filters_by_organizational_status(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var branch = await MemberApi.CreateBranchAsync(app, building);
        var prefix = OrganizationApi.Unique("状态");
        foreach (
            var (suffix, status) in new[]
            {
                ("甲", "Normal"),
                ("乙", "Mobile"),
                ("丙", "LostContact"),
            }
        )
        {
            var (id, birth) = MemberApi.FreshId();
            await MemberApi.CreateAsync(
                secretary,
                MemberApi.Body(
                    id,
                    birth,
                    branch,
                    name: prefix + suffix,
                    organizationalStatus: status
                )
            );
        }

        async Task<JsonElement> ListAsync(string query)
        {
            using var response = await secretary.GetAsync(
                $"/api/v1/members?organizationId={branch}&{query}"
            );
            var json = await ResponseJson.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
            return json;
        }

        Assert.Equal(3, (await ListAsync("")).GetProperty("total").GetInt32());
        var mobile = await ListAsync("organizationalStatus=Mobile");
        Assert.Equal(1, mobile.GetProperty("total").GetInt32());
        Assert.Equal(prefix + "乙", mobile.GetProperty("items")[0].GetProperty("name").GetString());
        var lost = await ListAsync("organizationalStatus=lostcontact&status=Full");
        Assert.Equal(1, lost.GetProperty("total").GetInt32());
        Assert.Equal(
            "LostContact",
            lost.GetProperty("items")[0].GetProperty("organizationalStatus").GetString()
        );

        using var bad = await secretary.GetAsync("/api/v1/members?organizationalStatus=3");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await ResponseJson.ReadAsync(bad);
        Assert.True(problem.GetProperty("errors").TryGetProperty("organizationalStatus", out _));
    }
}
