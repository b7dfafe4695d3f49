using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET|POST /api/v1/enterprises/{id}/contacts, PUT|DELETE …/contacts/{contactId}: round trip, one primary contact,
/// phone and e-mail checks in both languages, stale versions, and the scope of each role.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EnterpriseContactsApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage response,
        HttpStatusCode code
    )
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == code, $"{(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body);
        return doc.RootElement.Clone();
    }

    private static async Task<Guid> EnterpriseAsync(HttpClient secretary, Guid? building = null)
    {
        var b =
            building ?? OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        return OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(b)
            )
        );
    }

    private static async Task<List<JsonElement>> ContactsAsync(HttpClient client, Guid enterprise)
    {
        using var r = await client.GetAsync($"/api/v1/enterprises/{enterprise}/contacts");
        return [.. (await OkAsync(r, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
    }

    private static string Primary(List<JsonElement> contacts) =>
        Assert
            .Single(contacts, c => c.GetProperty("isPrimary").GetBoolean())
            .GetProperty("name")
            .GetString()!;

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Contacts_round_trip_with_exactly_one_primary(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var e = await EnterpriseAsync(secretary);
        var uri = $"/api/v1/enterprises/{e}/contacts";

        using var first = await secretary.PostAsJsonAsync(
            uri,
            new
            {
                name = " 王静 ",
                title = "人事经理",
                phone = "+86 138 1234 5678",
                email = "hr@example.com",
            }
        );
        var a = await OkAsync(first, HttpStatusCode.Created);
        var aId = OrganizationApi.Id(a);
        Assert.Equal($"{uri}/{aId}", first.Headers.Location?.OriginalString);
        Assert.Equal("王静", a.GetProperty("name").GetString());
        Assert.Equal("13812345678", a.GetProperty("phone").GetString());
        Assert.True(a.GetProperty("isPrimary").GetBoolean(), "the first contact is primary");

        using var second = await secretary.PostAsJsonAsync(
            uri,
            new
            {
                name = "李磊",
                phone = "010-12345678",
                isPrimary = true,
            }
        );
        var b = await OkAsync(second, HttpStatusCode.Created);
        var contacts = await ContactsAsync(secretary, e);
        Assert.Equal(2, contacts.Count);
        Assert.Equal("李磊", Primary(contacts));
        var oldPrimary = contacts.Single(c => c.GetProperty("name").GetString() == "王静");
        Assert.Equal(2, oldPrimary.GetProperty("version").GetInt32());

        using var back = await secretary.PutAsJsonAsync(
            $"{uri}/{aId}",
            new
            {
                name = "王静",
                title = "党建联络员",
                phone = "13812345678",
                isPrimary = true,
                version = 2,
            }
        );
        var u = await OkAsync(back, HttpStatusCode.OK);
        Assert.Equal(3, u.GetProperty("version").GetInt32());
        Assert.Equal("党建联络员", u.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, u.GetProperty("email").ValueKind);
        Assert.Equal("王静", Primary(await ContactsAsync(secretary, e)));

        using var stale = await secretary.PutAsJsonAsync(
            $"{uri}/{aId}",
            new { name = "王静静", version = 2 }
        );
        Assert.Equal(
            "记录已被他人修改",
            (await OkAsync(stale, HttpStatusCode.Conflict)).GetProperty("title").GetString()
        );

        using var delete = await secretary.DeleteAsync($"{uri}/{aId}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var left = await ContactsAsync(secretary, e);
        Assert.Equal("李磊", Primary(left));
        using var read = await secretary.GetAsync($"{uri}/{OrganizationApi.Id(b)}");
        Assert.True((await OkAsync(read, HttpStatusCode.OK)).GetProperty("isPrimary").GetBoolean());
        using var gone = await secretary.GetAsync($"{uri}/{aId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var noEnterprise = await secretary.GetAsync(
            $"/api/v1/enterprises/{Guid.NewGuid()}/contacts"
        );
        Assert.Equal(HttpStatusCode.NotFound, noEnterprise.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_contacts_are_field_errors_in_the_callers_language(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var e = await EnterpriseAsync(secretary);
        var uri = $"/api/v1/enterprises/{e}/contacts";
        var bad = new
        {
            name = "",
            phone = "12812345678",
            email = "hr at example.com",
        };

        using var zh = await secretary.PostAsJsonAsync(uri, bad);
        using var en = await secretary.SendAsync(
            OrganizationApi.English(HttpMethod.Post, uri, bad)
        );
        using var landline = await secretary.PostAsJsonAsync(
            uri,
            new { name = "赵敏", phone = "010-123" }
        );

        var p = await OkAsync(zh, HttpStatusCode.BadRequest);
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(p, "name"));
        Assert.Equal(
            ["电话应为 11 位手机号（1 开头，第二位 3–9）或带区号的座机号（如 010-12345678）。"],
            ResponseJson.FieldErrors(p, "phone")
        );
        Assert.Equal(
            ["电子邮箱格式不正确（如 name@example.com）。"],
            ResponseJson.FieldErrors(p, "email")
        );
        var pe = await OkAsync(en, HttpStatusCode.BadRequest);
        Assert.Equal(
            [
                "A phone is an 11-digit mobile number (1, then 3–9, …) or a landline with its area code (e.g. 010-12345678).",
            ],
            ResponseJson.FieldErrors(pe, "phone")
        );
        Assert.Single(
            ResponseJson.FieldErrors(await OkAsync(landline, HttpStatusCode.BadRequest), "phone")
        );
        Assert.Empty(await ContactsAsync(secretary, e));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_role_reaches_the_contacts_of_its_scope_only(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var mine = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var inMine = await EnterpriseAsync(secretary, mine);
        var inOther = await EnterpriseAsync(secretary);
        using var seeded = await secretary.PostAsJsonAsync(
            $"/api/v1/enterprises/{inOther}/contacts",
            new { name = "外楼联系人" }
        );
        var otherContact = OrganizationApi.Id(await OkAsync(seeded, HttpStatusCode.Created));
        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, mine.ToString())
        );
        using var worker = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword)
        );

        using var post = await worker.PostAsJsonAsync(
            $"/api/v1/enterprises/{inMine}/contacts",
            new { name = "本楼联系人", phone = "13900001111" }
        );
        using var list = await worker.GetAsync($"/api/v1/enterprises/{inMine}/contacts");
        using var otherList = await worker.GetAsync($"/api/v1/enterprises/{inOther}/contacts");
        using var otherPut = await worker.PutAsJsonAsync(
            $"/api/v1/enterprises/{inOther}/contacts/{otherContact}",
            new { name = "改名", version = 1 }
        );
        using var otherDelete = await worker.DeleteAsync(
            $"/api/v1/enterprises/{inOther}/contacts/{otherContact}"
        );
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDelete.StatusCode);

        // The branch secretary reads the contacts of an enterprise in their building, and changes none.
        var (_, branch) = await AsAsync(provider, "branch");
        using var _b = branch;
        using var theirs = await branch.GetAsync("/api/v1/enterprises?pageSize=1");
        var theirEnterprise = OrganizationApi.Id(
            (await OkAsync(theirs, HttpStatusCode.OK)).GetProperty("items")[0]
        );
        using var bList = await branch.GetAsync($"/api/v1/enterprises/{theirEnterprise}/contacts");
        using var bPost = await branch.PostAsJsonAsync(
            $"/api/v1/enterprises/{theirEnterprise}/contacts",
            new { name = "支部书记添加" }
        );
        using var bOther = await branch.GetAsync($"/api/v1/enterprises/{inMine}/contacts");
        var demo = await OkAsync(bList, HttpStatusCode.OK);
        Assert.InRange(demo.GetProperty("total").GetInt32(), 1, 2);
        Assert.Equal(HttpStatusCode.Forbidden, bPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bOther.StatusCode);

        foreach (var name in new[] { "member", "enterprise", "tax" })
        {
            using var client = Accounts.ClientWithToken(
                app,
                await fixture.DemoTokenAsync(provider, name)
            );
            using var l = await client.GetAsync($"/api/v1/enterprises/{inMine}/contacts");
            using var p = await client.PostAsJsonAsync(
                $"/api/v1/enterprises/{inMine}/contacts",
                new { name = "越权" }
            );
            Assert.Equal(HttpStatusCode.Forbidden, l.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, p.StatusCode);
        }
        using var anonymous = app.CreateClient();
        using var anon = await anonymous.GetAsync($"/api/v1/enterprises/{inMine}/contacts");
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }
}
