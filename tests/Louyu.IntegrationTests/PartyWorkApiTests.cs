using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>
/// Party work: committee terms (换届) with the term rules (422 naming the rule), reminders, party workers, instructors
/// (党建指导员, 422 for an enterprise with its own organisation, 409 for a second one), the visit log (跑楼) and
/// pocket members (口袋党员), each with the scope of every role. Everything happens in fresh buildings, so the demo
/// figures stay as they are.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PartyWorkApiTests(AppFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Asia/Shanghai")
    );

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<HttpClient> FreshAsync(
        LouyuAppFactory app,
        string role,
        ScopeKind kind,
        Guid scope
    )
    {
        var user = await Accounts.CreateUserAsync(app, (role, kind, scope.ToString()));
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        return Accounts.ClientWithToken(app, token);
    }

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage response,
        HttpStatusCode expected
    )
    {
        Assert.True(
            response.StatusCode == expected,
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return await ResponseJson.ReadAsync(response);
    }

    private static async Task<(Guid Building, List<Guid> Enterprises)> BuildingAsync(
        HttpClient secretary,
        int n
    )
    {
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var ids = new List<Guid>();
        for (var i = 0; i < n; i++)
            ids.Add(
                OrganizationApi.Id(
                    await OrganizationApi.CreateEnterpriseAsync(
                        secretary,
                        OrganizationApi.EnterpriseBody(building)
                    )
                )
            );
        return (building, ids);
    }

    private static Task<Guid> OrganizationAsync(
        HttpClient secretary,
        string type,
        Guid building,
        params Guid[] enterprises
    ) => ChildOrganizationAsync(secretary, type, building, null, enterprises);

    /// <summary>An organisation under a parent: a grant over one without a parent would reach every building.</summary>
    private static async Task<Guid> ChildOrganizationAsync(
        HttpClient secretary,
        string type,
        Guid building,
        Guid? parentId,
        Guid[] enterprises,
        string foundedOn = "2024-06-01"
    )
    {
        using var response = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            new
            {
                name = OrganizationApi.Unique("换届测试党组织"),
                type,
                parentId,
                buildingId = building,
                grouping = type == "JointBranch" ? "Area" : null,
                foundedOn,
                enterpriseIds = enterprises,
            }
        );
        return OrganizationApi.Id(await OkAsync(response, HttpStatusCode.Created));
    }

    private static object Election(
        DateOnly elected,
        string? approval = null,
        int? version = null,
        string secretary = "李书记"
    ) =>
        new
        {
            electedOn = Iso(elected),
            approvalReference = approval,
            notes = "党员大会选举产生",
            positions = new object[]
            {
                new { role = "Secretary", personName = secretary },
                new { role = "OrganizationCommissioner", personName = "王委员" },
            },
            version,
        };

    private static async Task<JsonElement> Problem422Async(
        HttpResponseMessage response,
        string rule
    )
    {
        var body = await OkAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(rule, body.GetProperty("rule").GetString());
        Assert.Contains(
            "关于党的基层组织任期的意见",
            body.GetProperty("detail").GetString(),
            StringComparison.Ordinal
        );
        return body;
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_election_gets_its_due_date_by_rule_and_ends_the_current_term(
        string provider
    )
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await BuildingAsync(secretary, 1);
        var org = await OrganizationAsync(secretary, "Branch", building, enterprises[0]);
        var path = $"/api/v1/organizations/{org}/terms";

        var empty = await OkAsync(await secretary.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("current").ValueKind);
        Assert.Equal(3, empty.GetProperty("termYears").GetInt32());

        // First term two years ago: due in a year, so today is a year early.
        var firstOn = Today.AddYears(-2);
        var first = await OkAsync(
            await secretary.PostAsJsonAsync(path, Election(firstOn)),
            HttpStatusCode.Created
        );
        Assert.Equal(Iso(firstOn.AddYears(3)), first.GetProperty("dueOn").GetString());
        Assert.Equal("Current", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(2, first.GetProperty("positions").GetArrayLength());

        // An early election without approval is refused, naming the rule; with approval it is recorded.
        using (var early = await secretary.PostAsJsonAsync(path, Election(Today)))
            await Problem422Async(early, "ElectionNeedsApproval");
        var second = await OkAsync(
            await secretary.PostAsJsonAsync(
                path,
                Election(Today, "丰两新党字〔2026〕3号", secretary: "赵书记")
            ),
            HttpStatusCode.Created
        );
        Assert.Equal("丰两新党字〔2026〕3号", second.GetProperty("approvalReference").GetString());
        Assert.Equal("党员大会选举产生", second.GetProperty("notes").GetString());

        var list = await OkAsync(await secretary.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.Equal(OrganizationApi.Id(second), OrganizationApi.Id(list.GetProperty("current")));
        var ended = list.GetProperty("items")[1];
        Assert.Equal(Iso(Today), ended.GetProperty("endedOn").GetString());
        Assert.Equal("Ended", ended.GetProperty("state").GetString());
        Assert.Equal(2, ended.GetProperty("version").GetInt32());

        // Not after the previous election: 400 on the field.
        using (var before = await secretary.PostAsJsonAsync(path, Election(firstOn)))
        {
            var body = await OkAsync(before, HttpStatusCode.BadRequest);
            Assert.True(body.GetProperty("errors").TryGetProperty("electedOn", out _));
        }

        // A correction carries the version; a stale one is 409.
        var termPath = $"{path}/{OrganizationApi.Id(second)}";
        var put = await OkAsync(
            await secretary.PutAsJsonAsync(
                termPath,
                Election(Today, "丰两新党字〔2026〕3号", 1, "钱书记")
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(2, put.GetProperty("version").GetInt32());
        Assert.Contains(
            put.GetProperty("positions").EnumerateArray(),
            p => p.GetProperty("personName").GetString() == "钱书记"
        );
        using (var stale = await secretary.PutAsJsonAsync(termPath, Election(Today, "批", 1)))
            await OkAsync(stale, HttpStatusCode.Conflict);
        using (
            var unknown = await secretary.PutAsJsonAsync(
                $"{path}/{Guid.NewGuid()}",
                Election(Today, "批", 1)
            )
        )
            await OkAsync(unknown, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Rules_and_field_errors_of_an_election(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await BuildingAsync(secretary, 1);
        var org = await OrganizationAsync(secretary, "Branch", building, enterprises[0]);
        var path = $"/api/v1/organizations/{org}/terms";

        // More than a year early without approval.
        await OkAsync(
            await secretary.PostAsJsonAsync(path, Election(Today.AddYears(-1))),
            HttpStatusCode.Created
        );
        using (var early = await secretary.PostAsJsonAsync(path, Election(Today)))
        {
            var body = await Problem422Async(early, "ElectionBeyondOneYear");
            Assert.Equal("不符合规定", body.GetProperty("title").GetString());
        }

        // Two secretaries, an unknown role, a member from elsewhere, a future date, no positions.
        using var bad = await secretary.PostAsJsonAsync(
            path,
            new
            {
                electedOn = Iso(Today.AddDays(3)),
                positions = new object[]
                {
                    new { role = "Secretary", personName = "甲" },
                    new { role = "Secretary", personName = "乙" },
                    new { role = "Chairman", personName = "丙" },
                },
            }
        );
        var errors = (await OkAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("electedOn", out _));
        Assert.True(errors.TryGetProperty("positions[2].role", out _));
        using var none = await secretary.PostAsJsonAsync(
            path,
            new { electedOn = Iso(Today), positions = Array.Empty<object>() }
        );
        Assert.True(
            (await OkAsync(none, HttpStatusCode.BadRequest))
                .GetProperty("errors")
                .TryGetProperty("positions", out _)
        );
        using var stranger = await secretary.PostAsJsonAsync(
            path,
            new
            {
                electedOn = Iso(Today),
                approvalReference = "批",
                positions = new object[] { new { role = "Secretary", memberId = Guid.NewGuid() } },
            }
        );
        Assert.True(
            (await OkAsync(stranger, HttpStatusCode.BadRequest))
                .GetProperty("errors")
                .TryGetProperty("positions[0].memberId", out _)
        );

        // A party group has no term.
        var group = await OrganizationAsync(secretary, "Group", building);
        using var g = await secretary.PostAsJsonAsync(
            $"/api/v1/organizations/{group}/terms",
            Election(Today)
        );
        await Problem422Async(g, "TermNotForGroup");
        using var missing = await secretary.GetAsync(
            $"/api/v1/organizations/{Guid.NewGuid()}/terms"
        );
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_todo_list_carries_term_reminders_in_scope_late_first(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await BuildingAsync(secretary, 3);
        var dueSoon = await ChildOrganizationAsync(
            secretary,
            "Branch",
            building,
            null,
            [enterprises[0]],
            "2023-06-01"
        );
        var later = await OrganizationAsync(secretary, "Branch", building, enterprises[1]);
        var none = await OrganizationAsync(secretary, "Branch", building, enterprises[2]);
        await OkAsync(
            await secretary.PostAsJsonAsync(
                $"/api/v1/organizations/{dueSoon}/terms",
                Election(Today.AddDays(30).AddYears(-3))
            ),
            HttpStatusCode.Created
        );
        await OkAsync(
            await secretary.PostAsJsonAsync(
                $"/api/v1/organizations/{later}/terms",
                Election(Today.AddYears(-1))
            ),
            HttpStatusCode.Created
        );
        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);
        var todo = await OkAsync(
            await worker.GetAsync("/api/v1/todo?limit=200"),
            HttpStatusCode.OK
        );
        var items = todo.GetProperty("items").EnumerateArray().ToList();
        string Link(Guid org) => $"/organization/organizations/{org}#election";
        var noTerm = items.Single(i => i.GetProperty("link").GetString() == Link(none));
        var soon = items.Single(i => i.GetProperty("link").GetString() == Link(dueSoon));
        Assert.DoesNotContain(items, i => i.GetProperty("link").GetString() == Link(later));
        Assert.Equal("term", noTerm.GetProperty("kind").GetString());
        Assert.True(noTerm.GetProperty("late").GetBoolean());
        Assert.False(soon.GetProperty("late").GetBoolean());
        Assert.Equal(
            Today.AddDays(30).ToString("yyyy-MM-dd"),
            soon.GetProperty("dueOn").GetString()
        );
        Assert.Contains("任期", soon.GetProperty("rule").GetString());
        // Late first, then by deadline; the counts cover the worker's building only.
        var lates = items.Select(i => i.GetProperty("late").GetBoolean()).ToList();
        Assert.Equal(lates.OrderByDescending(l => l), lates);
        Assert.Equal(
            items.Count(i => i.GetProperty("kind").GetString() == "term"),
            todo.GetProperty("byKind").GetProperty("term").GetInt32()
        );
        // Other kinds (the branches' meetings) join the total.
        Assert.Equal(
            todo.GetProperty("byKind").EnumerateObject().Sum(k => k.Value.GetInt32()),
            todo.GetProperty("total").GetInt32()
        );
        Assert.True(todo.GetProperty("late").GetInt32() >= 1);
        // The secretary's list is the district's (at least as long); a member has nothing to renew; anonymous: 401.
        var all = await OkAsync(await secretary.GetAsync("/api/v1/todo"), HttpStatusCode.OK);
        Assert.True(all.GetProperty("total").GetInt32() >= todo.GetProperty("total").GetInt32());
        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Organization, dueSoon);
        var mine = await OkAsync(await member.GetAsync("/api/v1/todo"), HttpStatusCode.OK);
        Assert.Equal(0, mine.GetProperty("total").GetInt32());
        using var anonymous = app.CreateClient();
        using var denied = await anonymous.GetAsync("/api/v1/todo");
        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Reminders_list_terms_due_and_organisations_without_a_term_in_scope(
        string provider
    )
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await BuildingAsync(secretary, 3);
        var dueSoon = await ChildOrganizationAsync(
            secretary,
            "Branch",
            building,
            null,
            [enterprises[0]],
            "2023-06-01"
        );
        var later = await OrganizationAsync(secretary, "Branch", building, enterprises[1]);
        var none = await OrganizationAsync(secretary, "Branch", building, enterprises[2]);
        // Due in 60 days; due in about two years.
        await OkAsync(
            await secretary.PostAsJsonAsync(
                $"/api/v1/organizations/{dueSoon}/terms",
                Election(Today.AddDays(60).AddYears(-3))
            ),
            HttpStatusCode.Created
        );
        await OkAsync(
            await secretary.PostAsJsonAsync(
                $"/api/v1/organizations/{later}/terms",
                Election(Today.AddYears(-1))
            ),
            HttpStatusCode.Created
        );

        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);
        var due = await OkAsync(
            await worker.GetAsync("/api/v1/terms/due?withinDays=90&pageSize=200"),
            HttpStatusCode.OK
        );
        var items = due.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(90, due.GetProperty("withinDays").GetInt32());
        Assert.Contains(
            items,
            i =>
                i.GetProperty("organizationId").GetGuid() == dueSoon
                && i.GetProperty("state").GetString() == "DueSoon"
        );
        Assert.Contains(
            items,
            i =>
                i.GetProperty("organizationId").GetGuid() == none
                && i.GetProperty("state").GetString() == "NoTerm"
        );
        Assert.DoesNotContain(items, i => i.GetProperty("organizationId").GetGuid() == later);
        // The worker's scope is their building only.
        Assert.All(items, i => Assert.Equal(building, i.GetProperty("buildingId").GetGuid()));
        Assert.Equal(
            60,
            items
                .Single(i => i.GetProperty("organizationId").GetGuid() == dueSoon)
                .GetProperty("daysLeft")
                .GetInt32()
        );

        using (var bad = await worker.GetAsync("/api/v1/terms/due?withinDays=-1"))
            Assert.True(
                (await OkAsync(bad, HttpStatusCode.BadRequest))
                    .GetProperty("errors")
                    .TryGetProperty("withinDays", out _)
            );
        var all = await OkAsync(
            await secretary.GetAsync("/api/v1/terms/due?pageSize=200"),
            HttpStatusCode.OK
        );
        Assert.True(all.GetProperty("total").GetInt32() >= 2);
        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Organization, dueSoon);
        using var m = await member.GetAsync("/api/v1/terms/due");
        Assert.Equal(HttpStatusCode.Forbidden, m.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Terms_authorisation_matrix(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, enterprises) = await BuildingAsync(secretary, 2);
        var committee = await OrganizationAsync(secretary, "GeneralBranch", building);
        var mine = await ChildOrganizationAsync(
            secretary,
            "Branch",
            building,
            committee,
            [enterprises[0]]
        );
        var neighbour = await ChildOrganizationAsync(
            secretary,
            "Branch",
            building,
            committee,
            [enterprises[1]]
        );
        var (otherBuilding, otherEnterprises) = await BuildingAsync(secretary, 1);
        var elsewhere = await ChildOrganizationAsync(
            secretary,
            "Branch",
            otherBuilding,
            committee,
            [otherEnterprises[0]]
        );
        string Path(Guid o) => $"/api/v1/organizations/{o}/terms";

        var branch = await FreshAsync(
            app,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            mine
        );
        Assert.Equal(HttpStatusCode.OK, (await branch.GetAsync(Path(mine))).StatusCode);
        await OkAsync(
            await branch.PostAsJsonAsync(Path(mine), Election(Today.AddYears(-1))),
            HttpStatusCode.Created
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await branch.GetAsync(Path(neighbour))).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await branch.PostAsJsonAsync(Path(neighbour), Election(Today))).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await branch.GetAsync(Path(elsewhere))).StatusCode);
        var branchDue = await OkAsync(
            await branch.GetAsync("/api/v1/terms/due?pageSize=200"),
            HttpStatusCode.OK
        );
        Assert.All(
            branchDue.GetProperty("items").EnumerateArray(),
            i => Assert.Equal(mine, i.GetProperty("organizationId").GetGuid())
        );

        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(Path(neighbour))).StatusCode);
        await OkAsync(
            await worker.PostAsJsonAsync(Path(neighbour), Election(Today.AddYears(-1))),
            HttpStatusCode.Created
        );
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync(Path(elsewhere))).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await worker.PostAsJsonAsync(Path(elsewhere), Election(Today))).StatusCode
        );

        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Organization, mine);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(Path(mine))).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.PostAsJsonAsync(Path(mine), Election(Today))).StatusCode
        );
        var contact = await FreshAsync(
            app,
            LouyuRoles.EnterpriseContact,
            ScopeKind.Enterprise,
            enterprises[0]
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await contact.GetAsync(Path(mine))).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anonymous.GetAsync(Path(mine))).StatusCode
        );
    }

    private static object Worker(Guid building, string? ended = null) =>
        new
        {
            name = OrganizationApi.Unique("党务工作者"),
            buildingId = building,
            startedOn = "2024-07-01",
            endedOn = ended,
        };

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Party_workers_are_assigned_to_buildings_and_ended(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, _) = await BuildingAsync(secretary, 0);
        var (other, _) = await BuildingAsync(secretary, 0);

        var created = await OkAsync(
            await secretary.PostAsJsonAsync("/api/v1/party-workers", Worker(building)),
            HttpStatusCode.Created
        );
        var id = OrganizationApi.Id(created);
        Assert.True(created.GetProperty("isCurrent").GetBoolean());
        var list = await OkAsync(
            await secretary.GetAsync($"/api/v1/party-workers?buildingId={building}&current=true"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        var ended = await OkAsync(
            await secretary.PutAsJsonAsync(
                $"/api/v1/party-workers/{id}",
                Worker(building, Iso(Today))
            ),
            HttpStatusCode.OK
        );
        Assert.False(ended.GetProperty("isCurrent").GetBoolean());
        var past = await OkAsync(
            await secretary.GetAsync($"/api/v1/party-workers?buildingId={building}&current=false"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, past.GetProperty("total").GetInt32());

        using (
            var bad = await secretary.PostAsJsonAsync(
                "/api/v1/party-workers",
                new
                {
                    buildingId = building,
                    startedOn = "2024-07-01",
                    endedOn = "2024-01-01",
                    userId = "nobody",
                }
            )
        )
        {
            var errors = (await OkAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("name", out _));
            Assert.True(errors.TryGetProperty("endedOn", out _));
            Assert.True(errors.TryGetProperty("userId", out _));
        }

        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, other);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await worker.GetAsync($"/api/v1/party-workers/{id}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await worker.PostAsJsonAsync("/api/v1/party-workers", Worker(building))).StatusCode
        );
        await OkAsync(
            await worker.PostAsJsonAsync("/api/v1/party-workers", Worker(other)),
            HttpStatusCode.Created
        );
        var parent = await OrganizationAsync(secretary, "GeneralBranch", building);
        var org = await ChildOrganizationAsync(secretary, "Group", building, parent, []);
        var branch = await FreshAsync(app, LouyuRoles.BranchSecretary, ScopeKind.Organization, org);
        Assert.Equal(
            HttpStatusCode.OK,
            (await branch.GetAsync($"/api/v1/party-workers/{id}")).StatusCode
        );
        using (
            var readOnly = await branch.PostAsJsonAsync("/api/v1/party-workers", Worker(building))
        )
        {
            var body = await OkAsync(readOnly, HttpStatusCode.Forbidden);
            Assert.Equal("您只能查看，不能修改", body.GetProperty("title").GetString());
        }
        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Organization, org);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync("/api/v1/party-workers")).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Instructors_go_to_enterprises_without_an_own_organisation_one_at_a_time(
        string provider
    )
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, e) = await BuildingAsync(secretary, 4);
        var worker = OrganizationApi.Id(
            await OkAsync(
                await secretary.PostAsJsonAsync("/api/v1/party-workers", Worker(building)),
                HttpStatusCode.Created
            )
        );
        await OrganizationAsync(secretary, "Branch", building, e[0]);
        await OrganizationAsync(secretary, "JointBranch", building, e[1], e[2]);
        object Assign(Guid enterprise) =>
            new
            {
                enterpriseId = enterprise,
                partyWorkerId = worker,
                fromDate = "2024-08-01",
            };

        using (
            var own = await secretary.PostAsJsonAsync(
                "/api/v1/instructor-assignments",
                Assign(e[0])
            )
        )
        {
            var body = await OkAsync(own, HttpStatusCode.UnprocessableEntity);
            Assert.Equal("InstructorForOwnOrganization", body.GetProperty("rule").GetString());
            Assert.Contains(
                "中办发〔2012〕11号",
                body.GetProperty("detail").GetString(),
                StringComparison.Ordinal
            );
        }
        // Joint-covered: allowed.
        await OkAsync(
            await secretary.PostAsJsonAsync("/api/v1/instructor-assignments", Assign(e[1])),
            HttpStatusCode.Created
        );
        var created = await OkAsync(
            await secretary.PostAsJsonAsync("/api/v1/instructor-assignments", Assign(e[3])),
            HttpStatusCode.Created
        );
        Assert.True(created.GetProperty("isCurrent").GetBoolean());
        using (
            var second = await secretary.PostAsJsonAsync(
                "/api/v1/instructor-assignments",
                Assign(e[3])
            )
        )
            await OkAsync(second, HttpStatusCode.Conflict);

        var byBuilding = await OkAsync(
            await secretary.GetAsync(
                $"/api/v1/instructor-assignments?buildingId={building}&current=true"
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(2, byBuilding.GetProperty("total").GetInt32());
        var byWorker = await OkAsync(
            await secretary.GetAsync($"/api/v1/instructor-assignments?partyWorkerId={worker}"),
            HttpStatusCode.OK
        );
        Assert.Equal(2, byWorker.GetProperty("total").GetInt32());

        var path = $"/api/v1/instructor-assignments/{OrganizationApi.Id(created)}";
        var end = await OkAsync(
            await secretary.PutAsJsonAsync(path, new { toDate = Iso(Today) }),
            HttpStatusCode.OK
        );
        Assert.False(end.GetProperty("isCurrent").GetBoolean());
        using (var again = await secretary.PutAsJsonAsync(path, new { toDate = Iso(Today) }))
            await OkAsync(again, HttpStatusCode.Conflict);
        // Ended: a new instructor may come.
        await OkAsync(
            await secretary.PostAsJsonAsync("/api/v1/instructor-assignments", Assign(e[3])),
            HttpStatusCode.Created
        );

        using (
            var bad = await secretary.PostAsJsonAsync(
                "/api/v1/instructor-assignments",
                new { enterpriseId = "x", partyWorkerId = Guid.NewGuid() }
            )
        )
        {
            var errors = (await OkAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("enterpriseId", out _));
        }
        var (other, _) = await BuildingAsync(secretary, 0);
        var outsider = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, other);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await outsider.PutAsJsonAsync(path, new { toDate = Iso(Today) })).StatusCode
        );
        using (
            var outOfScope = await outsider.PostAsJsonAsync(
                "/api/v1/instructor-assignments",
                Assign(e[2])
            )
        )
            await OkAsync(outOfScope, HttpStatusCode.BadRequest); // the enterprise is not visible to them
        var mine = await OkAsync(
            await outsider.GetAsync("/api/v1/instructor-assignments"),
            HttpStatusCode.OK
        );
        Assert.Equal(0, mine.GetProperty("total").GetInt32());
        var contact = await FreshAsync(
            app,
            LouyuRoles.EnterpriseContact,
            ScopeKind.Enterprise,
            e[3]
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await contact.GetAsync("/api/v1/instructor-assignments")).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_worker_logs_a_visit_as_themself_and_records_the_follow_up(string provider)
    {
        var (app, worker) = await AsAsync(provider, "worker");
        using var _w = worker;
        var workers = await OkAsync(
            await worker.GetAsync("/api/v1/party-workers?current=true&q=赵鑫"),
            HttpStatusCode.OK
        );
        var zhao = workers
            .GetProperty("items")
            .EnumerateArray()
            .First(w => w.GetProperty("name").GetString() == "赵鑫");
        var building = zhao.GetProperty("buildingId").GetGuid();
        var enterprises = await OkAsync(
            await worker.GetAsync(
                $"/api/v1/enterprises?buildingId={building}&pageSize=1&present=true"
            ),
            HttpStatusCode.OK
        );
        var enterprise = OrganizationApi.Id(enterprises.GetProperty("items")[0]);

        var purpose = OrganizationApi.Unique("集成测试走访");
        var visit = await OkAsync(
            await worker.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    buildingId = building,
                    enterpriseId = enterprise,
                    visitedOn = Iso(Today),
                    purpose,
                    findings = "企业新招聘两名党员",
                    followUp = "协助转接组织关系",
                    followUpBy = Iso(Today.AddDays(14)),
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(OrganizationApi.Id(zhao), visit.GetProperty("partyWorkerId").GetGuid());
        Assert.Equal("赵鑫", visit.GetProperty("partyWorkerName").GetString());
        Assert.Equal("Open", visit.GetProperty("followUpState").GetString());
        Assert.NotNull(visit.GetProperty("recordedByUserId").GetString());

        var log = await OkAsync(
            await worker.GetAsync(
                $"/api/v1/visits?buildingId={building}&enterpriseId={enterprise}&from={Iso(Today)}&to={Iso(Today)}&openOnly=true"
            ),
            HttpStatusCode.OK
        );
        Assert.Contains(
            log.GetProperty("items").EnumerateArray(),
            v => v.GetProperty("purpose").GetString() == purpose
        );
        var byWorker = await OkAsync(
            await worker.GetAsync(
                $"/api/v1/visits?partyWorkerId={OrganizationApi.Id(zhao)}&pageSize=5"
            ),
            HttpStatusCode.OK
        );
        Assert.Equal(5, byWorker.GetProperty("pageSize").GetInt32());

        var path = $"/api/v1/visits/{OrganizationApi.Id(visit)}";
        var done = await OkAsync(
            await worker.PutAsJsonAsync(path, new { followUpDoneOn = Iso(Today) }),
            HttpStatusCode.OK
        );
        Assert.Equal("Done", done.GetProperty("followUpState").GetString());
        using (var again = await worker.PutAsJsonAsync(path, new { followUpDoneOn = Iso(Today) }))
            await OkAsync(again, HttpStatusCode.Conflict);

        using (
            var bad = await worker.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    buildingId = building,
                    visitedOn = Iso(Today.AddDays(2)),
                    followUpBy = "2026-13-01",
                }
            )
        )
        {
            var errors = (await OkAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("purpose", out _));
            Assert.True(errors.TryGetProperty("visitedOn", out _));
            Assert.True(errors.TryGetProperty("followUpBy", out _));
        }
        using (var bad = await worker.GetAsync("/api/v1/visits?from=2025-05-01&to=2025-01-01"))
            Assert.True(
                (await OkAsync(bad, HttpStatusCode.BadRequest))
                    .GetProperty("errors")
                    .TryGetProperty("to", out _)
            );

        // Another building's worker neither sees nor changes it; an enterprise elsewhere is refused.
        var (secretaryApp, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (other, otherEnterprises) = await BuildingAsync(secretary, 1);
        var outsider = await FreshAsync(
            secretaryApp,
            LouyuRoles.PartyWorker,
            ScopeKind.Building,
            other
        );
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await outsider.PutAsJsonAsync(path, new { followUpDoneOn = Iso(Today) })).StatusCode
        );
        using (
            var wrong = await secretary.PostAsJsonAsync(
                "/api/v1/visits",
                new
                {
                    buildingId = building,
                    enterpriseId = otherEnterprises[0],
                    visitedOn = Iso(Today),
                    purpose = "走访",
                }
            )
        )
            Assert.True(
                (await OkAsync(wrong, HttpStatusCode.BadRequest))
                    .GetProperty("errors")
                    .TryGetProperty("enterpriseId", out _)
            );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await outsider.GetAsync($"/api/v1/visits?buildingId={building}")).StatusCode
        );
        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Building, building);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync("/api/v1/visits")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await member.PostAsJsonAsync(
                    "/api/v1/visits",
                    new
                    {
                        buildingId = building,
                        visitedOn = Iso(Today),
                        purpose = "x",
                    }
                )
            ).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Pocket_members_are_found_and_registered_with_where_their_relationship_sits(
        string provider
    )
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var (building, e) = await BuildingAsync(secretary, 2);
        var parent = await OrganizationAsync(secretary, "GeneralBranch", building);
        var branch = await ChildOrganizationAsync(secretary, "Branch", building, parent, [e[1]]);
        var worker = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, building);

        var (rid, birth) = MemberApi.FreshId();
        var body = MemberApi.Body(rid, birth, enterpriseId: e[0]);
        var json = JsonSerializer.SerializeToNode(body)!.AsObject();
        json["relationshipHeldAt"] = "北京市海淀区中关村街道党工委";
        var created = await OkAsync(
            await worker.PostAsJsonAsync("/api/v1/members", json),
            HttpStatusCode.Created
        );
        Assert.Equal(
            "北京市海淀区中关村街道党工委",
            created.GetProperty("relationshipHeldAt").GetString()
        );
        // A member of the branch is not a pocket member.
        var (rid2, birth2) = MemberApi.FreshId(female: true);
        await OkAsync(
            await worker.PostAsJsonAsync(
                "/api/v1/members",
                MemberApi.Body(
                    rid2,
                    birth2,
                    organizationId: branch,
                    enterpriseId: e[1],
                    gender: "Female"
                )
            ),
            HttpStatusCode.Created
        );

        var pocket = await OkAsync(
            await worker.GetAsync($"/api/v1/members/pocket?buildingId={building}"),
            HttpStatusCode.OK
        );
        Assert.Equal(1, pocket.GetProperty("total").GetInt32());
        var item = pocket.GetProperty("items")[0];
        Assert.Equal(OrganizationApi.Id(created), OrganizationApi.Id(item));
        Assert.Equal(e[0], item.GetProperty("enterpriseId").GetGuid());
        Assert.Equal(building, item.GetProperty("buildingId").GetGuid());
        Assert.Equal(
            "北京市海淀区中关村街道党工委",
            item.GetProperty("relationshipHeldAt").GetString()
        );
        Assert.Contains("*", item.GetProperty("residentId").GetString(), StringComparison.Ordinal);

        var (rid3, birth3) = MemberApi.FreshId();
        var both = JsonSerializer
            .SerializeToNode(
                MemberApi.Body(rid3, birth3, organizationId: branch, enterpriseId: e[1])
            )!
            .AsObject();
        both["relationshipHeldAt"] = new string('党', 201);
        var errors = (
            await OkAsync(
                await worker.PostAsJsonAsync("/api/v1/members", both),
                HttpStatusCode.BadRequest
            )
        ).GetProperty("errors");
        Assert.True(errors.TryGetProperty("relationshipHeldAt", out _));

        var (other, _) = await BuildingAsync(secretary, 0);
        var outsider = await FreshAsync(app, LouyuRoles.PartyWorker, ScopeKind.Building, other);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await outsider.GetAsync($"/api/v1/members/pocket?buildingId={building}")).StatusCode
        );
        Assert.Equal(
            0,
            (await OkAsync(await outsider.GetAsync("/api/v1/members/pocket"), HttpStatusCode.OK))
                .GetProperty("total")
                .GetInt32()
        );
        var branchSecretary = await FreshAsync(
            app,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            branch
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await branchSecretary.GetAsync("/api/v1/members/pocket")).StatusCode
        );
        var member = await FreshAsync(app, LouyuRoles.Member, ScopeKind.Organization, branch);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync("/api/v1/members/pocket")).StatusCode
        );
        using (var bad = await worker.GetAsync("/api/v1/members/pocket?buildingId=nope"))
            await OkAsync(bad, HttpStatusCode.BadRequest);
    }
}
