using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The rooms of a building (GET|POST …/rooms, PUT|DELETE …/rooms/{roomId}, POST …/rooms/generate) and the building
/// map (GET …/map?date=): round trip, field errors in both languages, duplicates, stale versions, an occupied room,
/// the scope of each role, and the coverage state of each enterprise on the map of a small fixture.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BuildingRoomsApiTests(AppFixture fixture)
{
    private async Task<(LouyuAppFactory App, HttpClient Client)> AsAsync(
        string provider,
        string user
    )
    {
        var app = await fixture.AppAsync(provider);
        return (app, Accounts.ClientWithToken(app, await fixture.DemoTokenAsync(provider, user)));
    }

    private static async Task<HttpClient> WorkerOfAsync(LouyuAppFactory app, Guid building)
    {
        var user = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, building.ToString())
        );
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
        return Accounts.ClientWithToken(app, token);
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

    private static async Task<JsonElement> AddRoomAsync(
        HttpClient client,
        Guid building,
        int floor,
        string number,
        decimal? area = null
    )
    {
        using var r = await client.PostAsJsonAsync(
            $"/api/v1/buildings/{building}/rooms",
            new
            {
                floor,
                number,
                area,
            }
        );
        return await OkAsync(r, HttpStatusCode.Created);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_room_is_created_listed_updated_and_deleted(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var uri = $"/api/v1/buildings/{building}/rooms";

        using var created = await secretary.PostAsJsonAsync(
            uri,
            new
            {
                floor = 3,
                number = " 301 ",
                area = 45.5,
            }
        );
        var room = await OkAsync(created, HttpStatusCode.Created);
        var id = OrganizationApi.Id(room);
        Assert.Equal($"{uri}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("301", room.GetProperty("number").GetString());
        Assert.Equal(3, room.GetProperty("floor").GetInt32());
        Assert.Equal(45.5m, room.GetProperty("area").GetDecimal());
        Assert.Equal(1, room.GetProperty("version").GetInt32());
        await AddRoomAsync(secretary, building, -1, "B101");
        await AddRoomAsync(secretary, building, 12, "1201");

        using var list = await secretary.GetAsync(uri);
        var page = await OkAsync(list, HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(
            ["1201", "301", "B101"],
            page.GetProperty("items")
                .EnumerateArray()
                .Select(i => i.GetProperty("number").GetString())
        );
        using var floor3 = await secretary.GetAsync($"{uri}?floor=3");
        Assert.Equal(1, (await OkAsync(floor3, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        using var updated = await secretary.PutAsJsonAsync(
            $"{uri}/{id}",
            new
            {
                floor = 3,
                number = "302",
                area = 50,
                version = 1,
            }
        );
        var u = await OkAsync(updated, HttpStatusCode.OK);
        Assert.Equal("302", u.GetProperty("number").GetString());
        Assert.Equal(2, u.GetProperty("version").GetInt32());
        using var stale = await secretary.PutAsJsonAsync(
            $"{uri}/{id}",
            new
            {
                floor = 3,
                number = "303",
                version = 1,
            }
        );
        var problem = await OkAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("记录已被他人修改", problem.GetProperty("title").GetString());

        using var deleted = await secretary.DeleteAsync($"{uri}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await secretary.GetAsync($"{uri}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var unknownBuilding = await secretary.GetAsync(
            $"/api/v1/buildings/{Guid.NewGuid()}/rooms"
        );
        Assert.Equal(HttpStatusCode.NotFound, unknownBuilding.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Bad_rooms_are_field_errors_in_the_callers_language(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var uri = $"/api/v1/buildings/{building}/rooms";

        using var zero = await secretary.PostAsJsonAsync(uri, new { floor = 0, number = "" });
        using var high = await secretary.PostAsJsonAsync(
            uri,
            new
            {
                floor = 21,
                number = "21 01",
                area = -3,
            }
        );
        using var deep = await secretary.SendAsync(
            OrganizationApi.English(HttpMethod.Post, uri, new { floor = -6, number = "B601" })
        );
        using var missingVersion = await secretary.PutAsJsonAsync(
            $"{uri}/{Guid.NewGuid()}",
            new { floor = 1, number = "101" }
        );

        var p0 = await OkAsync(zero, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["没有 0 层：地上从 1 层起，地下一层记为 −1。"],
            ResponseJson.FieldErrors(p0, "floor")
        );
        Assert.Equal(["必填。"], ResponseJson.FieldErrors(p0, "number"));
        var p1 = await OkAsync(high, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["楼层应在 -5 到 20 之间（地下室为负数，不能超过楼宇层数）。"],
            ResponseJson.FieldErrors(p1, "floor")
        );
        Assert.Equal(["房间号不能包含空格。"], ResponseJson.FieldErrors(p1, "number"));
        Assert.Single(ResponseJson.FieldErrors(p1, "area"));
        var p2 = await OkAsync(deep, HttpStatusCode.BadRequest);
        Assert.Equal(
            [
                "The floor is between -5 and 20 (basements are negative; not above the building's floors).",
            ],
            ResponseJson.FieldErrors(p2, "floor")
        );
        Assert.Equal(HttpStatusCode.NotFound, missingVersion.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_duplicate_room_number_is_a_409(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var other = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var uri = $"/api/v1/buildings/{building}/rooms";
        await AddRoomAsync(secretary, building, 5, "501");
        var second = await AddRoomAsync(secretary, building, 5, "502");
        // The same number in another building is another room.
        await AddRoomAsync(secretary, other, 5, "501");

        using var again = await secretary.PostAsJsonAsync(uri, new { floor = 5, number = "501" });
        using var renamed = await secretary.PutAsJsonAsync(
            $"{uri}/{OrganizationApi.Id(second)}",
            new
            {
                floor = 5,
                number = "501",
                version = 1,
            }
        );

        var problem = await OkAsync(again, HttpStatusCode.Conflict);
        Assert.Equal("房间号已存在", problem.GetProperty("title").GetString());
        Assert.Contains("501", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, renamed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Generation_numbers_the_floors_and_skips_existing_rooms(string provider)
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var uri = $"/api/v1/buildings/{building}/rooms";
        await AddRoomAsync(secretary, building, 12, "1203");

        using var generated = await secretary.PostAsJsonAsync(
            $"{uri}/generate",
            new
            {
                fromFloor = 12,
                toFloor = 13,
                roomsPerFloor = 10,
            }
        );
        using var again = await secretary.PostAsJsonAsync(
            $"{uri}/generate",
            new
            {
                fromFloor = 12,
                toFloor = 13,
                roomsPerFloor = 10,
            }
        );
        using var bad = await secretary.PostAsJsonAsync(
            $"{uri}/generate",
            new
            {
                fromFloor = 13,
                toFloor = 12,
                roomsPerFloor = 0,
            }
        );

        var g = await OkAsync(generated, HttpStatusCode.OK);
        Assert.Equal(19, g.GetProperty("created").GetInt32());
        Assert.Equal(1, g.GetProperty("skipped").GetInt32());
        var a = await OkAsync(again, HttpStatusCode.OK);
        Assert.Equal(0, a.GetProperty("created").GetInt32());
        Assert.Equal(20, a.GetProperty("skipped").GetInt32());
        using var floor12 = await secretary.GetAsync($"{uri}?floor=12");
        var rooms = (await OkAsync(floor12, HttpStatusCode.OK))
            .GetProperty("items")
            .EnumerateArray()
            .Select(i => i.GetProperty("number").GetString())
            .ToList();
        Assert.Equal(
            [.. Enumerable.Range(1, 10).Select(i => $"12{i:00}")],
            rooms.Order(StringComparer.Ordinal)
        );
        var p = await OkAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["结束楼层不能低于起始楼层。"], ResponseJson.FieldErrors(p, "toFloor"));
        Assert.Equal(["应在 1 到 99 之间。"], ResponseJson.FieldErrors(p, "roomsPerFloor"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_occupied_room_is_not_deleted_and_a_renamed_room_keeps_its_tenant(
        string provider
    )
    {
        var (_, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var uri = $"/api/v1/buildings/{building}/rooms";
        var room = await AddRoomAsync(secretary, building, 3, "301");
        var name = OrganizationApi.Unique("占用企业");
        var e = await OrganizationApi.CreateEnterpriseAsync(
            secretary,
            OrganizationApi.EnterpriseBody(building, name: name)
        );

        using var delete = await secretary.DeleteAsync($"{uri}/{OrganizationApi.Id(room)}");
        var problem = await OkAsync(delete, HttpStatusCode.Conflict);
        Assert.Equal("房间有企业入驻", problem.GetProperty("title").GetString());
        Assert.Contains(name, problem.GetProperty("detail").GetString());

        using var renamed = await secretary.PutAsJsonAsync(
            $"{uri}/{OrganizationApi.Id(room)}",
            new
            {
                floor = 4,
                number = "401",
                version = 1,
            }
        );
        await OkAsync(renamed, HttpStatusCode.OK);
        using var read = await secretary.GetAsync($"/api/v1/enterprises/{OrganizationApi.Id(e)}");
        var moved = await OkAsync(read, HttpStatusCode.OK);
        Assert.Equal("401", moved.GetProperty("room").GetString());
        Assert.Equal(4, moved.GetProperty("floor").GetInt32());
        Assert.Equal(2, moved.GetProperty("version").GetInt32());

        // Once the enterprise has moved out, the room may go.
        using var moveOut = await secretary.PutAsJsonAsync(
            $"/api/v1/enterprises/{OrganizationApi.Id(e)}",
            new
            {
                unifiedSocialCreditCode = e.GetProperty("unifiedSocialCreditCode").GetString(),
                name,
                buildingId = building,
                industry = "I",
                employeeCount = 42,
                legalRepresentative = "张三",
                floor = 4,
                room = "401",
                movedInOn = "2024-05-01",
                movedOutOn = "2025-01-31",
                version = 2,
            }
        );
        await OkAsync(moveOut, HttpStatusCode.OK);
        using var deleteNow = await secretary.DeleteAsync($"{uri}/{OrganizationApi.Id(room)}");
        Assert.Equal(HttpStatusCode.NoContent, deleteNow.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_role_reaches_the_rooms_and_map_of_its_scope_only(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var mine = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var other = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var otherRoom = await AddRoomAsync(secretary, other, 2, "201");
        using var worker = await WorkerOfAsync(app, mine);

        // A party worker: everything in their building; another building does not exist for them.
        using var post = await worker.PostAsJsonAsync(
            $"/api/v1/buildings/{mine}/rooms",
            new { floor = 1, number = "101" }
        );
        using var gen = await worker.PostAsJsonAsync(
            $"/api/v1/buildings/{mine}/rooms/generate",
            new
            {
                fromFloor = 2,
                toFloor = 2,
                roomsPerFloor = 2,
            }
        );
        using var map = await worker.GetAsync($"/api/v1/buildings/{mine}/map");
        using var otherList = await worker.GetAsync($"/api/v1/buildings/{other}/rooms");
        using var otherPost = await worker.PostAsJsonAsync(
            $"/api/v1/buildings/{other}/rooms",
            new { floor = 1, number = "101" }
        );
        using var otherDelete = await worker.DeleteAsync(
            $"/api/v1/buildings/{other}/rooms/{OrganizationApi.Id(otherRoom)}"
        );
        using var otherMap = await worker.GetAsync($"/api/v1/buildings/{other}/map");
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, gen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherList.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherMap.StatusCode);

        // A branch secretary reads the rooms and the map of their building and changes nothing.
        var (_, branch) = await AsAsync(provider, "branch");
        using var _b = branch;
        using var buildings = await branch.GetAsync("/api/v1/buildings");
        var theirs = OrganizationApi.Id(
            (await OkAsync(buildings, HttpStatusCode.OK)).GetProperty("items")[0]
        );
        using var bList = await branch.GetAsync($"/api/v1/buildings/{theirs}/rooms");
        using var bMap = await branch.GetAsync($"/api/v1/buildings/{theirs}/map");
        using var bPost = await branch.PostAsJsonAsync(
            $"/api/v1/buildings/{theirs}/rooms",
            new { floor = 1, number = "199" }
        );
        using var bGen = await branch.PostAsJsonAsync(
            $"/api/v1/buildings/{theirs}/rooms/generate",
            new
            {
                fromFloor = 1,
                toFloor = 1,
                roomsPerFloor = 1,
            }
        );
        using var bOther = await branch.GetAsync($"/api/v1/buildings/{other}/rooms");
        var theirRooms = await OkAsync(bList, HttpStatusCode.OK);
        Assert.True(theirRooms.GetProperty("total").GetInt32() > 0, "demo rooms are seeded");
        Assert.Equal(HttpStatusCode.OK, bMap.StatusCode);
        var refused = await OkAsync(bPost, HttpStatusCode.Forbidden);
        Assert.Equal("您只能查看，不能修改", refused.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, bGen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bOther.StatusCode);

        // Members, enterprise contacts and officers have no building scope; anonymous callers log in first.
        foreach (var user in new[] { "member", "enterprise", "tax" })
        {
            using var client = Accounts.ClientWithToken(
                app,
                await fixture.DemoTokenAsync(provider, user)
            );
            using var list = await client.GetAsync($"/api/v1/buildings/{mine}/rooms");
            using var m = await client.GetAsync($"/api/v1/buildings/{mine}/map");
            using var p = await client.PostAsJsonAsync(
                $"/api/v1/buildings/{mine}/rooms",
                new { floor = 1, number = "102" }
            );
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, m.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, p.StatusCode);
        }
        using var anonymous = app.CreateClient();
        using var anon = await anonymous.GetAsync($"/api/v1/buildings/{mine}/map");
        Assert.Equal(HttpStatusCode.Unauthorized, anon.StatusCode);
    }

    private static async Task AddAsync(LouyuAppFactory app, params object[] rows)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static Enterprise NewEnterprise(
        Guid buildingId,
        DateOnly movedIn,
        string name,
        string? room
    ) =>
        new()
        {
            Id = Guid.NewGuid(),
            Name = name,
            UnifiedSocialCreditCode = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant(),
            BuildingId = buildingId,
            Industry = "I",
            EmployeeCount = 20,
            LegalRepresentative = "测试",
            Floor = 3,
            Room = room,
            MovedInOn = movedIn,
        };

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_map_colours_each_enterprise_by_its_coverage_state(string provider)
    {
        var (app, secretary) = await AsAsync(provider, "secretary");
        using var _s = secretary;
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        using var generated = await secretary.PostAsJsonAsync(
            $"/api/v1/buildings/{building}/rooms/generate",
            new
            {
                fromFloor = 3,
                toFloor = 3,
                roomsPerFloor = 4,
            }
        );
        await OkAsync(generated, HttpStatusCode.OK);
        await AddRoomAsync(secretary, building, 5, "501");
        var since = new DateOnly(2024, 3, 1);
        var own = NewEnterprise(building, since, "地图甲单独组建", "301");
        var jointA = NewEnterprise(building, since, "地图乙联合组建", "302");
        var jointB = NewEnterprise(building, since, "地图丙联合组建", "302");
        var instructed = NewEnterprise(building, since, "地图丁指导员", "303");
        var members = NewEnterprise(building, since, "地图戊有党员", "999");
        var nothing = NewEnterprise(building, since, "地图己未覆盖", null);
        var gone = NewEnterprise(building, since, "地图庚已迁出", "304");
        gone.MovedOutOn = new DateOnly(2024, 6, 1);
        var branch = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "地图甲党支部",
            Type = OrganizationType.Branch,
            BuildingId = building,
            FoundedOn = since,
        };
        var joint = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = "地图联合党支部",
            Type = OrganizationType.JointBranch,
            Grouping = JointGrouping.Area,
            BuildingId = building,
            FoundedOn = since,
        };
        var worker = new PartyWorker
        {
            Id = Guid.NewGuid(),
            Name = "地图指导员",
            BuildingId = building,
            StartedOn = since,
        };
        var unique = Guid.NewGuid().ToString("N");
        await AddAsync(
            app,
            own,
            jointA,
            jointB,
            instructed,
            members,
            nothing,
            gone,
            branch,
            joint,
            worker
        );
        await AddAsync(
            app,
            new OrganizationEnterprise
            {
                OrganizationId = branch.Id,
                EnterpriseId = own.Id,
                FromDate = since,
            },
            new OrganizationEnterprise
            {
                OrganizationId = joint.Id,
                EnterpriseId = jointA.Id,
                FromDate = since,
            },
            new OrganizationEnterprise
            {
                OrganizationId = joint.Id,
                EnterpriseId = jointB.Id,
                FromDate = since,
            },
            new InstructorAssignment
            {
                Id = Guid.NewGuid(),
                EnterpriseId = instructed.Id,
                PartyWorkerId = worker.Id,
                FromDate = since,
            },
            new Member
            {
                Id = Guid.NewGuid(),
                Name = "地图党员",
                ResidentIdCipher = "cipher-" + unique,
                ResidentIdHash = unique,
                ResidentIdMasked = unique[..18],
                Gender = Gender.Male,
                BirthDate = new DateOnly(1990, 1, 1),
                Status = MemberStatus.Full,
                EnterpriseId = members.Id,
                JoinedOn = new DateOnly(2020, 1, 1),
                FullMemberOn = new DateOnly(2021, 1, 1),
            }
        );

        using var response = await secretary.GetAsync(
            $"/api/v1/buildings/{building}/map?date=2024-09-01"
        );
        var map = await OkAsync(response, HttpStatusCode.OK);

        Assert.Equal("2024-09-01", map.GetProperty("date").GetString());
        Assert.True(map.GetProperty("covered").GetBoolean());
        var floors = map.GetProperty("floors").EnumerateArray().ToList();
        Assert.Equal([5, 3], floors.Select(f => f.GetProperty("floor").GetInt32()));
        var rooms = floors[1]
            .GetProperty("rooms")
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("number").GetString()!);
        Assert.Equal(["301", "302", "303", "304"], rooms.Keys);
        string[] States(string number) =>
            [
                .. rooms[number]
                    .GetProperty("enterprises")
                    .EnumerateArray()
                    .Select(e => e.GetProperty("coverageState").GetString()!),
            ];
        Assert.Equal(["ownOrganization"], States("301"));
        Assert.Equal(["jointOrganization", "jointOrganization"], States("302"));
        Assert.Equal(["instructorOnly"], States("303"));
        Assert.Empty(States("304"));
        Assert.Equal(
            own.Id,
            rooms["301"].GetProperty("enterprises")[0].GetProperty("id").GetGuid()
        );
        var unplaced = map.GetProperty("unplaced")
            .EnumerateArray()
            .ToDictionary(
                e => e.GetProperty("name").GetString()!,
                e => e.GetProperty("coverageState").GetString()
            );
        Assert.Equal("membersNoOrganization", unplaced["地图戊有党员"]);
        Assert.Equal("nothing", unplaced["地图己未覆盖"]);
        Assert.Equal(2, unplaced.Count);
        var counts = map.GetProperty("counts");
        Assert.Equal(6, counts.GetProperty("enterprises").GetInt32());
        Assert.Equal(1, counts.GetProperty("ownOrganization").GetInt32());
        Assert.Equal(2, counts.GetProperty("jointOrganization").GetInt32());
        Assert.Equal(1, counts.GetProperty("instructorOnly").GetInt32());
        Assert.Equal(1, counts.GetProperty("membersNoOrganization").GetInt32());
        Assert.Equal(1, counts.GetProperty("nothing").GetInt32());
        Assert.Equal(5, counts.GetProperty("rooms").GetInt32());
        Assert.Equal(2, counts.GetProperty("vacant").GetInt32());
        Assert.Equal(2, counts.GetProperty("unplaced").GetInt32());

        // Before the move-out, the moved-out enterprise is in room 304 (no organisation: "nothing").
        using var earlier = await secretary.GetAsync(
            $"/api/v1/buildings/{building}/map?date=2024-05-01"
        );
        var before = await OkAsync(earlier, HttpStatusCode.OK);
        var room304 = before.GetProperty("floors")[1].GetProperty("rooms")[3];
        Assert.Equal(
            "地图庚已迁出",
            room304.GetProperty("enterprises")[0].GetProperty("name").GetString()
        );

        // Before the committee covered the building (2024-01-01), nothing is counted.
        using var uncovered = await secretary.GetAsync(
            $"/api/v1/buildings/{building}/map?date=2023-06-01"
        );
        var u = await OkAsync(uncovered, HttpStatusCode.OK);
        Assert.False(u.GetProperty("covered").GetBoolean());
        Assert.Equal(0, u.GetProperty("counts").GetProperty("enterprises").GetInt32());

        using var badDate = await secretary.GetAsync(
            $"/api/v1/buildings/{building}/map?date=2024-13-01"
        );
        using var future = await secretary.GetAsync(
            $"/api/v1/buildings/{building}/map?date=2999-01-01"
        );
        Assert.Equal(
            ["日期格式应为 YYYY-MM-DD。"],
            ResponseJson.FieldErrors(await OkAsync(badDate, HttpStatusCode.BadRequest), "date")
        );
        Assert.Equal(
            ["日期不能晚于今天。"],
            ResponseJson.FieldErrors(await OkAsync(future, HttpStatusCode.BadRequest), "date")
        );
    }
}
