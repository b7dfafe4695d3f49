using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>Helpers for the member API tests: fresh resident IDs, organisations and member bodies.</summary>
internal static class MemberApi
{
    /// <summary>A valid resident ID with a random region, birth date and sequence (unique per test).</summary>
    public static (string Id, DateOnly Birth) FreshId(bool female = false, DateOnly? birth = null)
    {
        var b = birth ?? new DateOnly(1960, 1, 1).AddDays(RandomNumberGenerator.GetInt32(12000));
        var region = $"11{RandomNumberGenerator.GetInt32(10000):0000}";
        var sequence = RandomNumberGenerator.GetInt32(500) * 2 + (female ? 0 : 1);
        return (ResidentIdNumber.Compose(region, b, sequence), b);
    }

    public static object Body(
        string residentId,
        DateOnly birth,
        Guid? organizationId = null,
        Guid? enterpriseId = null,
        string? name = null,
        string gender = "Male",
        string status = "Full",
        string? joinedOn = null,
        string? fullMemberOn = null,
        string? birthDate = null,
        string organizationalStatus = "Normal",
        int? version = null
    ) =>
        new
        {
            name = name ?? OrganizationApi.Unique("党员"),
            residentId,
            gender,
            birthDate = birthDate ?? birth.ToString("yyyy-MM-dd"),
            status,
            organizationalStatus,
            organizationId,
            enterpriseId,
            isMobile = false,
            joinedOn = joinedOn ?? birth.AddYears(25).ToString("yyyy-MM-dd"),
            fullMemberOn = status == "Full"
                ? fullMemberOn ?? birth.AddYears(26).ToString("yyyy-MM-dd")
                : fullMemberOn,
            phone = "13912345678",
            ethnicity = "汉族",
            education = "大学本科",
            position = "工程师",
            version,
        };

    /// <summary>A branch in the building, written straight to the database (the organisations API is not needed).</summary>
    public static async Task<Guid> CreateBranchAsync(LouyuAppFactory app, Guid buildingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var org = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("测试支部"),
            Type = OrganizationType.Branch,
            BuildingId = buildingId,
            FoundedOn = new DateOnly(2024, 1, 1),
            Version = 1,
        };
        db.PartyOrganizations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/members", body);
        var json = await ResponseJson.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json;
    }

    public static async Task<HttpClient> ClientAsync(
        LouyuAppFactory app,
        params (string Role, ScopeKind Kind, string? ScopeId)[] grants
    )
    {
        var user = await Accounts.CreateUserAsync(app, grants);
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        return Accounts.ClientWithToken(app, token);
    }
}

/// <summary>
/// GET|POST /api/v1/members, GET|PUT /api/v1/members/{id}, GET /api/v1/members/{id}/history (api.md "Organisation
/// system"): the round trip, masking and the audited reveal (domain-rules §8.1), GB 11643-1999 and the admission
/// age, conflicts, spells, and the scope of each role. Counts are only asserted on data the test created.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MembersApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<(Guid Building, Guid Branch, Guid Enterprise)> PlaceAsync(
        LouyuAppFactory app,
        HttpClient secretary
    )
    {
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        return (building, await MemberApi.CreateBranchAsync(app, building), enterprise);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_member_is_created_read_updated_and_moved(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, branch, enterprise) = await PlaceAsync(app, secretary);
        var other = await MemberApi.CreateBranchAsync(app, building);
        var (id, birth) = MemberApi.FreshId(female: true);
        var name = OrganizationApi.Unique("王芳");

        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/members",
            MemberApi.Body(
                id,
                birth,
                branch,
                enterprise,
                name: name,
                gender: "Female",
                status: "Probationary",
                joinedOn: birth.AddYears(30).ToString("yyyy-MM-dd")
            )
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var m = await ResponseJson.ReadAsync(created);
        var memberId = OrganizationApi.Id(m);
        Assert.Equal($"/api/v1/members/{memberId}", created.Headers.Location?.OriginalString);
        Assert.Equal(ResidentIdNumber.Mask(id), m.GetProperty("residentId").GetString());
        Assert.Contains("********", m.GetProperty("residentId").GetString());
        Assert.Equal("Female", m.GetProperty("gender").GetString());
        Assert.Equal(birth.ToString("yyyy-MM-dd"), m.GetProperty("birthDate").GetString());
        Assert.Equal("Probationary", m.GetProperty("status").GetString());
        Assert.Equal("Normal", m.GetProperty("organizationalStatus").GetString());
        Assert.Equal(branch, m.GetProperty("organizationId").GetGuid());
        Assert.Equal(enterprise, m.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(1, m.GetProperty("version").GetInt32());

        using var read = await secretary.GetAsync($"/api/v1/members/{memberId}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var r = await ResponseJson.ReadAsync(read);
        Assert.Equal(ResidentIdNumber.Mask(id), r.GetProperty("residentId").GetString());
        Assert.Equal(name, r.GetProperty("name").GetString());

        using var list = await secretary.GetAsync($"/api/v1/members?organizationId={branch}");
        var l = await ResponseJson.ReadAsync(list);
        Assert.Equal(1, l.GetProperty("total").GetInt32());
        var item = l.GetProperty("items")[0];
        Assert.Equal(memberId, OrganizationApi.Id(item));
        Assert.Equal(ResidentIdNumber.Mask(id), item.GetProperty("residentId").GetString());
        Assert.Equal("139****5678", item.GetProperty("phone").GetString());

        // Admitted to full membership and moved to the other branch; the masked ID keeps the stored one.
        using var updated = await secretary.PutAsJsonAsync(
            $"/api/v1/members/{memberId}",
            MemberApi.Body(
                ResidentIdNumber.Mask(id),
                birth,
                other,
                enterprise,
                name: name,
                gender: "Female",
                status: "Full",
                joinedOn: birth.AddYears(30).ToString("yyyy-MM-dd"),
                fullMemberOn: birth.AddYears(31).ToString("yyyy-MM-dd"),
                organizationalStatus: "Mobile",
                version: 1
            )
        );
        var u = await ResponseJson.ReadAsync(updated);
        Assert.True(updated.StatusCode == HttpStatusCode.OK, u.ToString());
        Assert.Equal(2, u.GetProperty("version").GetInt32());
        Assert.Equal(other, u.GetProperty("organizationId").GetGuid());
        Assert.Equal("Full", u.GetProperty("status").GetString());
        Assert.Equal("Mobile", u.GetProperty("organizationalStatus").GetString());

        using var stale = await secretary.PutAsJsonAsync(
            $"/api/v1/members/{memberId}",
            MemberApi.Body(id, birth, other, name: name, gender: "Female", version: 1)
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var history = await secretary.GetAsync($"/api/v1/members/{memberId}/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var h = await ResponseJson.ReadAsync(history);
        var spells = h.GetProperty("spells").EnumerateArray().ToList();
        Assert.Equal(2, spells.Count);
        Assert.Equal(branch, spells[0].GetProperty("organizationId").GetGuid());
        Assert.Equal("Registered", spells[0].GetProperty("reason").GetString());
        Assert.NotEqual(JsonValueKind.Null, spells[0].GetProperty("toDate").ValueKind);
        Assert.Equal(other, spells[1].GetProperty("organizationId").GetGuid());
        Assert.Equal("InternalTransfer", spells[1].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, spells[1].GetProperty("toDate").ValueKind);
        var changes = h.GetProperty("statusChanges").EnumerateArray().ToList();
        Assert.Contains(
            changes,
            c =>
                c.GetProperty("field").GetString() == "Status"
                && c.GetProperty("from").GetString() == "Probationary"
                && c.GetProperty("to").GetString() == "Full"
        );
        Assert.Contains(
            changes,
            c =>
                c.GetProperty("field").GetString() == "OrganizationalStatus"
                && c.GetProperty("from").GetString() == "Normal"
                && c.GetProperty("to").GetString() == "Mobile"
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_is_paged_and_filtered_on_the_server(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, branch, enterprise) = await PlaceAsync(app, secretary);
        var prefix = OrganizationApi.Unique("筛选");
        foreach (
            var (suffix, status) in new[] { ("甲", "Full"), ("乙", "Full"), ("丙", "Activist") }
        )
        {
            var (id, birth) = MemberApi.FreshId();
            await MemberApi.CreateAsync(
                secretary,
                MemberApi.Body(
                    id,
                    birth,
                    suffix == "丙" ? null : branch,
                    enterprise,
                    name: prefix + suffix,
                    status: status,
                    joinedOn: status == "Full" ? null : ""
                )
            );
        }

        async Task<JsonElement> ListAsync(string query)
        {
            using var response = await secretary.GetAsync($"/api/v1/members?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await ResponseJson.ReadAsync(response);
        }

        var page1 = await ListAsync($"q={Uri.EscapeDataString(prefix)}&pageSize=2");
        Assert.Equal(3, page1.GetProperty("total").GetInt32());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        var page2 = await ListAsync($"q={Uri.EscapeDataString(prefix)}&pageSize=2&page=2");
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        Assert.Equal(
            2,
            (await ListAsync($"organizationId={branch}")).GetProperty("total").GetInt32()
        );
        Assert.Equal(
            3,
            (await ListAsync($"enterpriseId={enterprise}")).GetProperty("total").GetInt32()
        );
        // Without an organisation the member counts in the building of their workplace.
        Assert.Equal(
            3,
            (await ListAsync($"buildingId={building}")).GetProperty("total").GetInt32()
        );
        var activists = await ListAsync($"buildingId={building}&status=Activist");
        Assert.Equal(1, activists.GetProperty("total").GetInt32());
        Assert.Equal(
            prefix + "丙",
            activists.GetProperty("items")[0].GetProperty("name").GetString()
        );

        using var bad = await secretary.GetAsync("/api/v1/members?status=Nobody");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_full_id_is_shown_to_the_secretary_and_audited(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, branch, _) = await PlaceAsync(app, secretary);
        var (id, birth) = MemberApi.FreshId();
        var memberId = OrganizationApi.Id(
            await MemberApi.CreateAsync(secretary, MemberApi.Body(id, birth, branch))
        );

        using var revealed = await secretary.GetAsync($"/api/v1/members/{memberId}?reveal=true");
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(
            id,
            (await ResponseJson.ReadAsync(revealed)).GetProperty("residentId").GetString()
        );

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var entry = await db
                .AuditEntries.AsNoTracking()
                .Where(a =>
                    a.Entity == "Member" && a.EntityId == memberId.ToString() && a.Action == "Read"
                )
                .SingleAsync();
            Assert.Equal("residentId", entry.After);
            Assert.Equal("secretary", entry.UserName);
            Assert.NotNull(entry.UserId);
            // The cipher text and the hash never reach the log; the clear ID is not stored anywhere.
            var stored = await db.Members.AsNoTracking().SingleAsync(m => m.Id == memberId);
            Assert.DoesNotContain(id, stored.ResidentIdCipher);
        }

        // A party worker of the building reads the record masked, and may not reveal it.
        using var worker = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, building.ToString())
        );
        using var masked = await worker.GetAsync($"/api/v1/members/{memberId}");
        Assert.Equal(HttpStatusCode.OK, masked.StatusCode);
        Assert.Equal(
            ResidentIdNumber.Mask(id),
            (await ResponseJson.ReadAsync(masked)).GetProperty("residentId").GetString()
        );
        using var refused = await worker.GetAsync($"/api/v1/members/{memberId}?reveal=true");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_id_birth_date_gender_and_age_are_checked(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (_, branch, _) = await PlaceAsync(app, secretary);

        async Task<JsonElement> RefusedAsync(object body, string field, bool english = false)
        {
            using var request = english
                ? OrganizationApi.English(HttpMethod.Post, "/api/v1/members", body)
                : new HttpRequestMessage(HttpMethod.Post, "/api/v1/members")
                {
                    Content = JsonContent.Create(body),
                };
            using var response = await secretary.SendAsync(request);
            var problem = await ResponseJson.ReadAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            Assert.NotEmpty(ResponseJson.FieldErrors(problem, field));
            return problem;
        }

        var (id, birth) = MemberApi.FreshId();
        var p = await RefusedAsync(
            MemberApi.Body(id, birth, branch, birthDate: birth.AddDays(1).ToString("yyyy-MM-dd")),
            "birthDate"
        );
        Assert.Contains("GB 11643-1999", ResponseJson.FieldErrors(p, "birthDate")[0]);
        p = await RefusedAsync(MemberApi.Body(id, birth, branch, gender: "Female"), "gender", true);
        Assert.Contains("gender", ResponseJson.FieldErrors(p, "gender")[0]);

        var wrongCheck = id[..17] + (id[17] == '0' ? '1' : '0');
        p = await RefusedAsync(MemberApi.Body(wrongCheck, birth, branch), "residentId");
        Assert.Contains("GB 11643-1999", ResponseJson.FieldErrors(p, "residentId")[0]);

        // One day short of the 18th birthday at admission (《中国共产党章程》第一条).
        var young = MemberApi.FreshId(birth: new DateOnly(2001, 6, 15));
        p = await RefusedAsync(
            MemberApi.Body(
                young.Id,
                young.Birth,
                branch,
                status: "Probationary",
                joinedOn: "2019-06-14"
            ),
            "joinedOn"
        );
        Assert.Contains("十八", ResponseJson.FieldErrors(p, "joinedOn")[0]);
        p = await RefusedAsync(
            MemberApi.Body(
                young.Id,
                young.Birth,
                branch,
                status: "Probationary",
                joinedOn: "2019-06-14"
            ),
            "joinedOn",
            english: true
        );
        Assert.Contains("18", ResponseJson.FieldErrors(p, "joinedOn")[0]);
        await MemberApi.CreateAsync(
            secretary,
            MemberApi.Body(
                young.Id,
                young.Birth,
                branch,
                status: "Probationary",
                joinedOn: "2019-06-15"
            )
        );

        await RefusedAsync(MemberApi.Body(id, birth, Guid.NewGuid()), "organizationId");
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3)).ToString("yyyy-MM-dd");
        await RefusedAsync(MemberApi.Body(id, birth, branch, fullMemberOn: future), "fullMemberOn");
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_resident_id_is_registered_once(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (_, branch, _) = await PlaceAsync(app, secretary);
        var (id, birth) = MemberApi.FreshId(female: true);
        await MemberApi.CreateAsync(secretary, MemberApi.Body(id, birth, branch, gender: "Female"));
        using var again = await secretary.PostAsJsonAsync(
            "/api/v1/members",
            MemberApi.Body(id.ToLowerInvariant(), birth, branch, gender: "Female")
        );
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await ResponseJson.ReadAsync(again);
        Assert.DoesNotContain(id, problem.ToString());

        // Two simultaneous registrations of a new number: one wins, the other is a 409 (unique index).
        var (raced, rbirth) = MemberApi.FreshId();
        var answers = await Task.WhenAll(
            Enumerable
                .Range(0, 3)
                .Select(_ =>
                    secretary.PostAsJsonAsync(
                        "/api/v1/members",
                        MemberApi.Body(raced, rbirth, branch)
                    )
                )
        );
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(
            answers.Where(a => a.StatusCode != HttpStatusCode.Created),
            a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode)
        );
        foreach (var a in answers)
            a.Dispose();
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_role_sees_its_own_members(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (buildingA, branchA, _) = await PlaceAsync(app, secretary);
        var (buildingB, branchB, _) = await PlaceAsync(app, secretary);
        var (idA, birthA) = MemberApi.FreshId();
        var (idB, birthB) = MemberApi.FreshId();
        var a = OrganizationApi.Id(
            await MemberApi.CreateAsync(secretary, MemberApi.Body(idA, birthA, branchA))
        );
        var b = OrganizationApi.Id(
            await MemberApi.CreateAsync(secretary, MemberApi.Body(idB, birthB, branchB))
        );

        // A party worker of building A.
        using (
            var worker = await MemberApi.ClientAsync(
                app,
                (LouyuRoles.PartyWorker, ScopeKind.Building, buildingA.ToString())
            )
        )
        {
            Assert.Equal(
                HttpStatusCode.OK,
                (await worker.GetAsync($"/api/v1/members/{a}")).StatusCode
            );
            Assert.Equal(
                HttpStatusCode.NotFound,
                (await worker.GetAsync($"/api/v1/members/{b}")).StatusCode
            );
            var l = await ResponseJson.ReadAsync(
                await worker.GetAsync($"/api/v1/members?organizationId={branchB}")
            );
            Assert.Equal(0, l.GetProperty("total").GetInt32());
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await worker.GetAsync($"/api/v1/members?buildingId={buildingB}")).StatusCode
            );
            var (idC, birthC) = MemberApi.FreshId();
            using var outside = await worker.PostAsJsonAsync(
                "/api/v1/members",
                MemberApi.Body(idC, birthC, branchB)
            );
            Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
            await MemberApi.CreateAsync(worker, MemberApi.Body(idC, birthC, branchA));
        }

        // The secretary of branch A: their branch only, read and write.
        using (
            var branch = await MemberApi.ClientAsync(
                app,
                (LouyuRoles.BranchSecretary, ScopeKind.Organization, branchA.ToString())
            )
        )
        {
            var l = await ResponseJson.ReadAsync(
                await branch.GetAsync("/api/v1/members?pageSize=200")
            );
            var ids = l.GetProperty("items").EnumerateArray().Select(OrganizationApi.Id).ToList();
            Assert.Contains(a, ids);
            Assert.DoesNotContain(b, ids);
            Assert.Equal(
                HttpStatusCode.NotFound,
                (await branch.GetAsync($"/api/v1/members/{b}")).StatusCode
            );
            var read = await ResponseJson.ReadAsync(await branch.GetAsync($"/api/v1/members/{a}"));
            using var edited = await branch.PutAsJsonAsync(
                $"/api/v1/members/{a}",
                MemberApi.Body(
                    read.GetProperty("residentId").GetString()!,
                    birthA,
                    branchA,
                    name: "改名党员",
                    version: read.GetProperty("version").GetInt32()
                )
            );
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await branch.GetAsync($"/api/v1/members/{a}?reveal=true")).StatusCode
            );
            var (idD, birthD) = MemberApi.FreshId();
            using var outside = await branch.PostAsJsonAsync(
                "/api/v1/members",
                MemberApi.Body(idD, birthD, branchB)
            );
            Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        }

        // A member linked to record A: only themself, read-only, may reveal their own ID.
        var memberUser = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.Member, ScopeKind.Organization, branchA.ToString())
        );
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            await db
                .Members.Where(m => m.Id == a)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.UserId, memberUser.Id));
        }
        using (
            var self = Accounts.ClientWithToken(
                app,
                await Accounts.TokenAsync(app, memberUser.UserName!, Accounts.FreshPassword)
            )
        )
        {
            var l = await ResponseJson.ReadAsync(await self.GetAsync("/api/v1/members"));
            Assert.Equal(1, l.GetProperty("total").GetInt32());
            Assert.Equal(a, OrganizationApi.Id(l.GetProperty("items")[0]));
            Assert.Equal(
                HttpStatusCode.NotFound,
                (await self.GetAsync($"/api/v1/members/{b}")).StatusCode
            );
            var own = await ResponseJson.ReadAsync(
                await self.GetAsync($"/api/v1/members/{a}?reveal=true")
            );
            Assert.Equal(idA, own.GetProperty("residentId").GetString());
            using var edit = await self.PutAsJsonAsync(
                $"/api/v1/members/{a}",
                MemberApi.Body(idA, birthA, branchA, version: own.GetProperty("version").GetInt32())
            );
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        }

        foreach (var demo in new[] { "enterprise", "tax" })
        {
            using var client = Accounts.ClientWithToken(
                app,
                await fixture.DemoTokenAsync(provider, demo)
            );
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await client.GetAsync("/api/v1/members")).StatusCode
            );
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await client.GetAsync($"/api/v1/members/{a}")).StatusCode
            );
        }
        using var anonymous = app.CreateClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync("/api/v1/members")).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_demo_member_sees_their_branch_on_the_phone(string provider)
    {
        var (_, member) = await AsAsync(provider, "member");
        using var _m = member;
        var list = await ResponseJson.ReadAsync(await member.GetAsync("/api/v1/members"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var masked = list.GetProperty("items")[0].GetProperty("residentId").GetString()!;
        Assert.Contains("********", masked);

        using var page = await member.GetAsync("/m/branch");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"my-branch-name\"", html);
        Assert.Contains(masked, html);
        Assert.Contains("data-testid=\"my-branch-count\"", html);
        using var home = await member.GetAsync("/m");
        Assert.Contains("href=\"/m/branch\"", await home.Content.ReadAsStringAsync());
    }
}
