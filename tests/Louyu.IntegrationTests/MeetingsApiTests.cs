using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Meetings, notices through the outbox, the compliance board and the democratic evaluation, with the
/// authorisation matrix: committee secretary (all), party worker (their buildings), branch secretary (own branch),
/// member (meetings they attend, their notifications), enterprise contact (nothing), anonymous (401).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MeetingsApiTests(AppFixture fixture)
{
    private async Task<HttpClient> As(string provider, string user) =>
        Accounts.ClientWithToken(
            await fixture.AppAsync(provider),
            await fixture.DemoTokenAsync(provider, user)
        );

    private async Task<(
        Guid DemoBranch,
        Guid OtherBuildingBranch,
        Guid SameBuildingOther
    )> BranchesAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var branchUser = await db.Users.FirstAsync(u => u.UserName == "branch");
        var grant = await db.RoleGrants.FirstAsync(g =>
            g.UserId == branchUser.Id && g.Role == LouyuRoles.BranchSecretary
        );
        var demo = Guid.Parse(grant.ScopeId!);
        var building = await db
            .PartyOrganizations.Where(o => o.Id == demo)
            .Select(o => o.BuildingId)
            .FirstAsync();
        var workerUser = await db.Users.FirstAsync(u => u.UserName == "worker");
        var workerBuildings = await db
            .RoleGrants.Where(g => g.UserId == workerUser.Id)
            .Select(g => g.ScopeId)
            .ToListAsync();
        var branchTypes = new[]
        {
            Louyu.Web.Modules.Organization.Domain.OrganizationType.Branch,
            Louyu.Web.Modules.Organization.Domain.OrganizationType.JointBranch,
        };
        var candidates = await db
            .PartyOrganizations.Where(o =>
                branchTypes.Contains(o.Type) && o.DissolvedOn == null && o.Id != demo
            )
            .Select(o => new { o.Id, o.BuildingId })
            .ToListAsync();
        var other = candidates.First(o => !workerBuildings.Contains(o.BuildingId.ToString())).Id;
        var same = candidates.FirstOrDefault(o => o.BuildingId == building)?.Id ?? other;
        return (demo, other, same);
    }

    private static object NewMeeting(
        Guid org,
        string kind = "BranchCommittee",
        string? startsAt = null
    ) =>
        new
        {
            organizationId = org,
            kind,
            startsAt = startsAt ?? DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            topic = "研究支部工作",
            place = "党群服务中心",
        };

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_secretary_schedules_records_with_quorum_and_the_board_counts_it(
        string provider
    )
    {
        var (demo, other, _) = await BranchesAsync(provider);
        using var branch = await As(provider, "branch");

        // Validation: 400 with camelCase field errors.
        using var bad = await branch.PostAsJsonAsync(
            "/api/v1/meetings",
            new
            {
                organizationId = demo,
                kind = "Party",
                startsAt = "soon",
                topic = "",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await ResponseJson.ReadAsync(bad);
        foreach (var f in new[] { "kind", "startsAt", "topic", "place" })
            Assert.True(problem.GetProperty("errors").TryGetProperty(f, out _), f);

        // Own branch: 201, attendees are the branch's members.
        using var created = await branch.PostAsJsonAsync("/api/v1/meetings", NewMeeting(demo));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var m = await ResponseJson.ReadAsync(created);
        var id = m.GetProperty("id").GetGuid();
        var attendees = m.GetProperty("attendees").EnumerateArray().ToList();
        Assert.NotEmpty(attendees);
        Assert.Equal("Scheduled", m.GetProperty("status").GetString());
        Assert.EndsWith("Z", m.GetProperty("startsAt").GetString());

        // Another branch: 403.
        using var outside = await branch.PostAsJsonAsync("/api/v1/meetings", NewMeeting(other));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        // Quorum of 支委会: only one present of many → 422 naming the rule.
        var ids = attendees.Select(a => a.GetProperty("memberId").GetGuid()).ToList();
        using var few = await branch.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new
            {
                version = 1,
                attendance = ids.Select(
                    (x, i) => new { memberId = x, status = i == 0 ? "Present" : "Absent" }
                ),
                minutes = "纪要",
            }
        );
        if (ids.Count > 1)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, few.StatusCode);
            var q = await ResponseJson.ReadAsync(few);
            Assert.Equal("quorum", q.GetProperty("rule").GetString());
            Assert.Contains("半数", q.GetProperty("detail").GetString());
        }

        // Stale version: 409.
        using var stale = await branch.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new
            {
                version = 99,
                attendance = ids.Select(x => new { memberId = x, status = "Present" }),
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Leave needs a reason: 400.
        using var noReason = await branch.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new { version = 1, attendance = new[] { new { memberId = ids[0], status = "Leave" } } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        using var ok = await branch.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new
            {
                version = 1,
                attendance = ids.Select(
                    (x, i) =>
                        new
                        {
                            memberId = x,
                            status = i == 1 ? "Leave" : "Present",
                            reason = i == 1 ? "出差" : null,
                        }
                ),
                minutes = "会议研究了本月工作。",
                resolutions = "通过本月计划。",
            }
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var rec = await ResponseJson.ReadAsync(ok);
        Assert.Equal("Held", rec.GetProperty("status").GetString());
        Assert.True(rec.GetProperty("quorum").GetProperty("met").GetBoolean());

        // The demo branch held everything but this month's 支委会; now it is green.
        using var cal = await branch.GetAsync($"/api/v1/compliance/branches/{demo}");
        Assert.Equal(HttpStatusCode.OK, cal.StatusCode);
        Assert.Equal("Green", (await ResponseJson.ReadAsync(cal)).GetProperty("state").GetString());

        // The board: branch secretary sees one branch; the committee secretary the district in three colours.
        using var mine = await branch.GetAsync("/api/v1/compliance/board");
        var mineBody = await ResponseJson.ReadAsync(mine);
        Assert.Equal(1, mineBody.GetProperty("totals").GetProperty("total").GetInt32());
        using var secretary = await As(provider, "secretary");
        var board = await ResponseJson.ReadAsync(
            await secretary.GetAsync("/api/v1/compliance/board")
        );
        var totals = board.GetProperty("totals");
        Assert.True(totals.GetProperty("green").GetInt32() > 0);
        Assert.True(totals.GetProperty("amber").GetInt32() > 0);
        Assert.True(totals.GetProperty("red").GetInt32() > 0);
        var building = board.GetProperty("buildings")[0].GetProperty("id").GetGuid();
        var one = await ResponseJson.ReadAsync(
            await secretary.GetAsync($"/api/v1/compliance/board?buildingId={building}")
        );
        Assert.NotEmpty(one.GetProperty("branches").EnumerateArray());
        Assert.Contains(
            "红色",
            (await ResponseJson.ReadAsync(await secretary.GetAsync("/api/v1/compliance/board")))
                .GetProperty("rule")
                .GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_board_kept_between_reads_follows_a_new_branch_at_once(string provider)
    {
        using var secretary = await As(provider, "secretary");
        static async Task<int> TotalAsync(HttpClient c) =>
            (await ResponseJson.ReadAsync(await c.GetAsync("/api/v1/compliance/board")))
                .GetProperty("totals")
                .GetProperty("total")
                .GetInt32();
        var before = await TotalAsync(secretary);
        Assert.Equal(before, await TotalAsync(secretary)); // the second read is the kept board

        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            new
            {
                name = OrganizationApi.Unique("看板支部"),
                type = "Branch",
                buildingId = building,
                foundedOn = "2024-06-01",
                enterpriseIds = new[] { enterprise },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Equal(before + 1, await TotalAsync(secretary));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_recorded_meeting_changes_the_kept_board_at_once(string provider)
    {
        using var secretary = await As(provider, "secretary");
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            new
            {
                name = OrganizationApi.Unique("看板补丁支部"),
                type = "Branch",
                buildingId = building,
                foundedOn = "2024-06-01",
                enterpriseIds = new[] { enterprise },
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var branchId = (await ResponseJson.ReadAsync(created)).GetProperty("id").GetGuid();

        async Task<System.Text.Json.JsonElement> RowAsync()
        {
            var one = await ResponseJson.ReadAsync(
                await secretary.GetAsync($"/api/v1/compliance/board?buildingId={building}")
            );
            return one.GetProperty("branches")
                .EnumerateArray()
                .Single(b => b.GetProperty("id").GetGuid() == branchId);
        }
        async Task<System.Text.Json.JsonElement> TotalsAsync() =>
            (await ResponseJson.ReadAsync(await secretary.GetAsync("/api/v1/compliance/board")))
                .GetProperty("totals")
                .Clone();
        static List<string> Due(System.Text.Json.JsonElement row) =>
            [.. row.GetProperty("due").EnumerateArray().Select(d => d.GetString()!)];

        // Both boards read and kept: the new branch has held nothing (red), this month's 主题党日 is due.
        var before = await RowAsync();
        Assert.Equal("Red", before.GetProperty("state").GetString());
        Assert.Contains(Due(before), d => d.StartsWith("主题党日", StringComparison.Ordinal));
        var totalsBefore = await TotalsAsync();
        Assert.Equal(Due(before), Due(await RowAsync())); // the kept board

        using var scheduled = await secretary.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(branchId, "ThemedPartyDay")
        );
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var id = (await ResponseJson.ReadAsync(scheduled)).GetProperty("id").GetGuid();
        using var recorded = await secretary.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new { version = 1, minutes = "开展主题党日活动。" }
        );
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        // The next read of the kept building board shows it at once: 主题党日 is no longer due.
        var after = await RowAsync();
        Assert.DoesNotContain(Due(after), d => d.StartsWith("主题党日", StringComparison.Ordinal));
        Assert.Equal(Due(before).Count - 1, Due(after).Count);
        // The district board (kept too) still counts the branch once, red.
        var totalsAfter = await TotalsAsync();
        Assert.Equal(
            totalsBefore.GetProperty("total").GetInt32(),
            totalsAfter.GetProperty("total").GetInt32()
        );
        Assert.Equal(
            totalsBefore.GetProperty("red").GetInt32(),
            totalsAfter.GetProperty("red").GetInt32()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_committee_meeting_invites_the_current_committee_and_an_assembly_every_member(
        string provider
    )
    {
        var (demo, _, _) = await BranchesAsync(provider);
        var app = await fixture.AppAsync(provider);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        HashSet<Guid> committee;
        HashSet<Guid> members;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var directory =
                scope.ServiceProvider.GetRequiredService<Louyu.Web.Modules.Organization.Contracts.IPartyDirectory>();
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            // The committee of the term current today, from the tables themselves.
            committee =
            [
                .. await (
                    from t in db.CommitteeTerms
                    join p in db.CommitteePositions on t.Id equals p.TermId
                    where
                        t.OrganizationId == demo
                        && t.ElectedOn <= today
                        && (t.EndedOn == null || t.EndedOn > today)
                        && p.MemberId != null
                    select p.MemberId!.Value
                ).ToListAsync(),
            ];
            members = [.. (await directory.MembersOfAsync(demo, today, default)).Select(m => m.Id)];
        }
        Assert.NotEmpty(committee);
        Assert.True(
            members.Count > committee.Count,
            "the demo branch has members outside its committee"
        );

        using var branch = await As(provider, "branch");
        static HashSet<Guid> Invited(System.Text.Json.JsonElement m) =>
            [
                .. m.GetProperty("attendees")
                    .EnumerateArray()
                    .Select(a => a.GetProperty("memberId").GetGuid()),
            ];

        using var committeeMeeting = await branch.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(demo, "BranchCommittee", DateTime.UtcNow.AddDays(1).ToString("o"))
        );
        Assert.Equal(HttpStatusCode.Created, committeeMeeting.StatusCode);
        var c = await ResponseJson.ReadAsync(committeeMeeting);
        Assert.Equal(committee, Invited(c));
        Assert.Equal("Committee", c.GetProperty("invitees").GetString());

        using var assembly = await branch.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(demo, "BranchAssembly", DateTime.UtcNow.AddDays(1).ToString("o"))
        );
        Assert.Equal(HttpStatusCode.Created, assembly.StatusCode);
        var a = await ResponseJson.ReadAsync(assembly);
        Assert.Equal(members, Invited(a));
        Assert.Equal("Members", a.GetProperty("invitees").GetString());

        // Choosing attendees of a 支委会 outside the committee: 400.
        using var outsider = await branch.PostAsJsonAsync(
            "/api/v1/meetings",
            new
            {
                organizationId = demo,
                kind = "BranchCommittee",
                startsAt = DateTime.UtcNow.AddDays(1).ToString("o"),
                topic = "研究支部工作",
                place = "党群服务中心",
                attendeeIds = new[] { members.First(m => !committee.Contains(m)) },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);

        // A branch without a committee term: a 支委会 is refused naming the rule; a 党课 is not.
        using var secretary = await As(provider, "secretary");
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/organizations",
            new
            {
                name = OrganizationApi.Unique("无委员支部"),
                type = "Branch",
                buildingId = building,
                foundedOn = "2024-06-01",
                enterpriseIds = new[] { enterprise },
            }
        );
        var fresh = (await ResponseJson.ReadAsync(created)).GetProperty("id").GetGuid();
        using var refused = await secretary.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(fresh, "BranchCommittee")
        );
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await ResponseJson.ReadAsync(refused);
        Assert.Equal("committee", problem.GetProperty("rule").GetString());
        Assert.Contains("支部工作条例", problem.GetProperty("source").GetString());
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await secretary.PostAsJsonAsync(
                    "/api/v1/meetings",
                    NewMeeting(fresh, "PartyLecture")
                )
            ).StatusCode
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_authorisation_matrix_holds_for_every_endpoint(string provider)
    {
        var (demo, other, _) = await BranchesAsync(provider);
        using var secretary = await As(provider, "secretary");
        using var worker = await As(provider, "worker");
        using var branch = await As(provider, "branch");
        using var member = await As(provider, "member");
        using var enterprise = await As(provider, "enterprise");
        using var anonymous = (await fixture.AppAsync(provider)).CreateClient();

        using var elsewhere = await secretary.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(other, "PartyLecture", DateTime.UtcNow.AddDays(3).ToString("o"))
        );
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        var otherId = (await ResponseJson.ReadAsync(elsewhere)).GetProperty("id").GetGuid();
        using var ours = await branch.PostAsJsonAsync(
            "/api/v1/meetings",
            NewMeeting(demo, "ThemedPartyDay", DateTime.UtcNow.AddDays(2).ToString("o"))
        );
        var oursId = (await ResponseJson.ReadAsync(ours)).GetProperty("id").GetGuid();

        // Worker: a branch outside their buildings is 403 to schedule, 404 to read.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await worker.PostAsJsonAsync("/api/v1/meetings", NewMeeting(other))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await worker.GetAsync($"/api/v1/meetings/{otherId}")).StatusCode
        );
        // Branch secretary: only their branch.
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await branch.GetAsync($"/api/v1/meetings/{otherId}")).StatusCode
        );
        var branchList = await ResponseJson.ReadAsync(
            await branch.GetAsync("/api/v1/meetings?pageSize=200")
        );
        Assert.All(
            branchList.GetProperty("items").EnumerateArray(),
            r => Assert.Equal(demo, r.GetProperty("organizationId").GetGuid())
        );
        // Secretary sees both.
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.GetAsync($"/api/v1/meetings/{otherId}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await secretary.GetAsync($"/api/v1/meetings/{oursId}")).StatusCode
        );

        // Member: sees the meetings they are invited to, may ask leave, may not schedule or record or see the board.
        Assert.Equal(
            HttpStatusCode.OK,
            (await member.GetAsync($"/api/v1/meetings/{oursId}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await member.GetAsync($"/api/v1/meetings/{otherId}")).StatusCode
        );
        var upcoming = await ResponseJson.ReadAsync(
            await member.GetAsync("/api/v1/meetings?upcoming=true")
        );
        Assert.Contains(
            upcoming.GetProperty("items").EnumerateArray(),
            r => r.GetProperty("id").GetGuid() == oursId
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await member.PostAsJsonAsync("/api/v1/meetings", NewMeeting(demo))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await member.PutAsJsonAsync(
                    $"/api/v1/meetings/{oursId}/record",
                    new { version = 1 }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await member.PostAsJsonAsync(
                    $"/api/v1/meetings/{oursId}/leave",
                    new { reason = "" }
                )
            ).StatusCode
        );
        using var leave = await member.PostAsJsonAsync(
            $"/api/v1/meetings/{oursId}/leave",
            new { reason = "出差外地" }
        );
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);
        Assert.Contains(
            (await ResponseJson.ReadAsync(leave)).GetProperty("attendees").EnumerateArray(),
            a => a.GetProperty("leaveReason").GetString() == "出差外地"
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await member.GetAsync("/api/v1/compliance/board")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await member.GetAsync($"/api/v1/compliance/branches/{demo}")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await worker.GetAsync($"/api/v1/compliance/branches/{other}")).StatusCode
        );

        // The member's notifications include the notice of the meeting; marking one read.
        var notes = await ResponseJson.ReadAsync(await member.GetAsync("/api/v1/notifications"));
        var first = notes.GetProperty("items")[0];
        Assert.Contains("会议通知", first.GetProperty("title").GetString());
        Assert.Equal(
            HttpStatusCode.NoContent,
            (
                await member.PostAsync(
                    $"/api/v1/notifications/{first.GetProperty("id").GetGuid()}/read",
                    null
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (
                await enterprise.PostAsync(
                    $"/api/v1/notifications/{first.GetProperty("id").GetGuid()}/read",
                    null
                )
            ).StatusCode
        );

        // Enterprise contact: nothing. Anonymous: 401.
        Assert.Equal(
            0,
            (await ResponseJson.ReadAsync(await enterprise.GetAsync("/api/v1/meetings")))
                .GetProperty("total")
                .GetInt32()
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await enterprise.GetAsync("/api/v1/compliance/board")).StatusCode
        );
        foreach (
            var url in new[]
            {
                "/api/v1/meetings",
                "/api/v1/compliance/board",
                "/api/v1/notifications",
                $"/api/v1/meetings/{oursId}",
            }
        )
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Photos_are_checked_stored_under_the_data_directory_and_served_in_scope(
        string provider
    )
    {
        var (demo, _, _) = await BranchesAsync(provider);
        using var branch = await As(provider, "branch");
        using var worker = await As(provider, "worker");
        var id = (
            await ResponseJson.ReadAsync(
                await branch.PostAsJsonAsync("/api/v1/meetings", NewMeeting(demo, "PartyLecture"))
            )
        )
            .GetProperty("id")
            .GetGuid();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(png), "file", "合影.png" },
        };
        using var up = await branch.PostAsync($"/api/v1/meetings/{id}/photos", form);
        Assert.Equal(HttpStatusCode.Created, up.StatusCode);
        var url = (await ResponseJson.ReadAsync(up)).GetProperty("url").GetString()!;
        var app = await fixture.AppAsync(provider);
        Assert.NotEmpty(
            Directory.GetFiles(
                Path.Combine(app.DataDirectory, "meetings"),
                "*.png",
                SearchOption.AllDirectories
            )
        );
        using var got = await branch.GetAsync(url);
        Assert.Equal("image/png", got.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await got.Content.ReadAsByteArrayAsync());

        using var text = new MultipartFormDataContent
        {
            { new ByteArrayContent("hello"u8.ToArray()), "file", "a.png" },
        };
        using var notImage = await branch.PostAsync($"/api/v1/meetings/{id}/photos", text);
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        Assert.NotEmpty(ResponseJson.FieldErrors(await ResponseJson.ReadAsync(notImage), "file"));
        var big = new byte[5 * 1024 * 1024 + 1];
        png.CopyTo(big, 0);
        using var large = new MultipartFormDataContent
        {
            { new ByteArrayContent(big), "file", "big.png" },
        };
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await branch.PostAsync($"/api/v1/meetings/{id}/photos", large)).StatusCode
        );
        using var none = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await branch.PostAsync($"/api/v1/meetings/{id}/photos", none)).StatusCode
        );
        // The worker's buildings may not include the demo branch's: either a 404 or, in scope, the photo.
        var w = await worker.GetAsync(url);
        Assert.True(w.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Notices_are_written_with_the_meeting_in_one_transaction_and_dispatched_after(
        string provider
    )
    {
        var (demo, _, _) = await BranchesAsync(provider);
        var app = await fixture.AppAsync(provider);
        var address = $"m{Guid.NewGuid():N}@example.org";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
            var u = await users.FindByNameAsync("member");
            await users.SetEmailAsync(u!, address);
        }
        using var branch = await As(provider, "branch");
        var id = (
            await ResponseJson.ReadAsync(
                await branch.PostAsJsonAsync(
                    "/api/v1/meetings",
                    NewMeeting(demo, "GroupMeeting", DateTime.UtcNow.AddDays(1).ToString("o"))
                )
            )
        )
            .GetProperty("id")
            .GetGuid();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var meeting = await db.Meetings.FirstAsync(m => m.Id == id);
            var mail = await db
                .OutboxMessages.Where(m =>
                    m.Kind == OutboxKinds.Email && m.Payload.Contains(address)
                )
                .ToListAsync();
            var message = Assert.Single(mail);
            // Same transaction: written at the same instant as the meeting by the same SaveChanges.
            Assert.True(Math.Abs((message.CreatedAtUtc - meeting.CreatedAtUtc).TotalSeconds) < 5);
            Assert.True(
                await db.OutboxMessages.AnyAsync(m =>
                    m.Kind == OutboxKinds.Push && m.Payload.Contains("notification")
                )
            );
            // A failed schedule writes nothing: the 400 above wrote no outbox rows for a meeting that does not exist.
            // The app's own dispatcher runs in the background and may hold the message's lease while this round
            // runs (this round then skips it), so rounds repeat until the message is sent, for at most 30 s.
            var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
            var wait = System.Diagnostics.Stopwatch.StartNew();
            DateTime? sent = null;
            while (sent is null && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                await dispatcher.DispatchPendingAsync(default);
                sent = await db
                    .OutboxMessages.AsNoTracking()
                    .Where(m => m.Id == message.Id)
                    .Select(m => m.SentAtUtc)
                    .FirstAsync();
                if (sent is null)
                    await Task.Delay(200);
            }
            Assert.NotNull(sent);
        }
        var eml = Directory
            .GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml")
            .Select(File.ReadAllText)
            .ToList();
        Assert.Contains(eml, e => e.Contains(address));
    }

    [Fact]
    public async Task The_smtp_sender_delivers_to_a_real_smtp_listener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = new StringBuilder();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII)
            {
                NewLine = "\r\n",
                AutoFlush = true,
            };
            await writer.WriteLineAsync("220 sink ready");
            var inData = false;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (inData)
                {
                    if (line == ".")
                    {
                        inData = false;
                        await writer.WriteLineAsync("250 queued");
                    }
                    else
                        received.AppendLine(line);
                    continue;
                }
                var cmd = line.Split(' ')[0].ToUpperInvariant();
                switch (cmd)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "DATA":
                        inData = true;
                        await writer.WriteLineAsync("354 go ahead");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 ok");
                        break;
                }
            }
        });
        var sender = new SmtpEmailSender(
            Microsoft.Extensions.Options.Options.Create(
                new EmailOptions
                {
                    Smtp = new EmailOptions.SmtpOptions
                    {
                        Host = "127.0.0.1",
                        Port = port,
                        Security = "None",
                    },
                }
            )
        );
        await sender.SendAsync(
            new EmailPayload("member@example.org", "会议通知", "议题：学习"),
            default
        );
        await server.WaitAsync(TimeSpan.FromSeconds(10));
        listener.Stop();
        Assert.Contains("member@example.org", received.ToString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_democratic_evaluation_takes_one_ballot_per_voter_and_computes_results(
        string provider
    )
    {
        var (demo, other, _) = await BranchesAsync(provider);
        using var branch = await As(provider, "branch");
        using var member = await As(provider, "member");
        var year = 2000 + Random.Shared.Next(1, 25);
        using var created = await branch.PostAsJsonAsync(
            "/api/v1/meetings/evaluations",
            new { organizationId = demo, year }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await branch.PostAsJsonAsync(
                    "/api/v1/meetings/evaluations",
                    new { organizationId = demo, year }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await branch.PostAsJsonAsync(
                    "/api/v1/meetings/evaluations",
                    new { organizationId = other, year }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await branch.PostAsJsonAsync(
                    "/api/v1/meetings/evaluations",
                    new { organizationId = demo, year = 1990 }
                )
            ).StatusCode
        );
        var e = await ResponseJson.ReadAsync(created);
        var id = e.GetProperty("id").GetGuid();
        var subjects = e.GetProperty("results")
            .EnumerateArray()
            .Select(r => r.GetProperty("memberId").GetGuid())
            .ToList();
        var grades = subjects.Select(s => new { memberId = s, grade = "Qualified" }).ToList();
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await member.PostAsJsonAsync(
                    $"/api/v1/meetings/evaluations/{id}/ballots",
                    new { grades = new[] { new { memberId = subjects[0], grade = "Good" } } }
                )
            ).StatusCode
        );
        using var cast = await member.PostAsJsonAsync(
            $"/api/v1/meetings/evaluations/{id}/ballots",
            new { grades }
        );
        Assert.Equal(HttpStatusCode.Created, cast.StatusCode);
        var after = await ResponseJson.ReadAsync(cast);
        Assert.Equal(1, after.GetProperty("ballots").GetInt32());
        Assert.True(after.GetProperty("haveVoted").GetBoolean());
        Assert.All(
            after.GetProperty("results").EnumerateArray(),
            r => Assert.Equal("Qualified", r.GetProperty("result").GetString())
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await member.PostAsJsonAsync(
                    $"/api/v1/meetings/evaluations/{id}/ballots",
                    new { grades }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await branch.GetAsync($"/api/v1/meetings/evaluations/{id}")).StatusCode
        );
        using var enterprise = await As(provider, "enterprise");
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await enterprise.GetAsync($"/api/v1/meetings/evaluations/{id}")).StatusCode
        );
    }

    /// <summary>A party group (党小组) under a branch, written straight to the database.</summary>
    private static async Task<Guid> CreateGroupAsync(
        LouyuAppFactory app,
        Guid branch,
        Guid building,
        string name,
        DateOnly? dissolvedOn = null
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var group = new Louyu.Web.Modules.Organization.Data.PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique(name),
            Type = Louyu.Web.Modules.Organization.Domain.OrganizationType.Group,
            ParentId = branch,
            BuildingId = building,
            FoundedOn = new DateOnly(2024, 1, 1),
            DissolvedOn = dissolvedOn,
            Version = 1,
        };
        db.PartyOrganizations.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_group_meeting_for_a_party_group_invites_only_its_members_and_counts_for_the_branch(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = await As(provider, "secretary");
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var branch = await MemberApi.CreateBranchAsync(app, building);
        var otherBranch = await MemberApi.CreateBranchAsync(app, building);
        var first = await CreateGroupAsync(app, branch, building, "第一党小组");
        var second = await CreateGroupAsync(app, branch, building, "第二党小组");
        var gone = await CreateGroupAsync(
            app,
            branch,
            building,
            "已撤销党小组",
            new DateOnly(2025, 1, 1)
        );
        var foreign = await CreateGroupAsync(app, otherBranch, building, "外支部党小组");
        async Task<Guid> MemberIn(Guid org)
        {
            var (id, birth) = MemberApi.FreshId();
            var m = await MemberApi.CreateAsync(secretary, MemberApi.Body(id, birth, org));
            return m.GetProperty("id").GetGuid();
        }
        HashSet<Guid> firstMembers = [await MemberIn(first), await MemberIn(first)];
        var secondMember = await MemberIn(second);
        var branchMember = await MemberIn(branch);

        object Body(string kind, Guid? group) =>
            new
            {
                organizationId = branch,
                kind,
                groupId = group,
                startsAt = DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                topic = "党小组学习讨论",
                place = "党群服务中心",
            };
        static HashSet<Guid> Invited(System.Text.Json.JsonElement m) =>
            [
                .. m.GetProperty("attendees")
                    .EnumerateArray()
                    .Select(a => a.GetProperty("memberId").GetGuid()),
            ];

        // For the first group: only its two members are invited; the meeting names the group.
        using var created = await secretary.PostAsJsonAsync(
            "/api/v1/meetings",
            Body("GroupMeeting", first)
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meeting = await ResponseJson.ReadAsync(created);
        Assert.True(firstMembers.SetEquals(Invited(meeting)));
        Assert.Equal(first, meeting.GetProperty("groupId").GetGuid());
        Assert.StartsWith("第一党小组", meeting.GetProperty("groupName").GetString());
        Assert.Equal("Group", meeting.GetProperty("invitees").GetString());
        Assert.Equal(branch, meeting.GetProperty("organizationId").GetGuid());

        // Without a group, a 党小组会 (like the 党员大会) invites the whole branch, its groups' members included.
        using var whole = await secretary.PostAsJsonAsync(
            "/api/v1/meetings",
            Body("BranchAssembly", null)
        );
        Assert.Equal(HttpStatusCode.Created, whole.StatusCode);
        Assert.True(
            Invited(await ResponseJson.ReadAsync(whole))
                .SetEquals([.. firstMembers, secondMember, branchMember])
        );

        // A group of another branch, a dissolved group, a group for another kind, an unknown id: 422 naming the rule.
        foreach (
            var (kind, group, rule) in new[]
            {
                ("GroupMeeting", foreign, "groupNotOfBranch"),
                ("GroupMeeting", Guid.NewGuid(), "groupNotOfBranch"),
                ("GroupMeeting", gone, "groupNotLive"),
                ("BranchAssembly", second, "groupMeetingOnly"),
            }
        )
        {
            using var refused = await secretary.PostAsJsonAsync(
                "/api/v1/meetings",
                Body(kind, group)
            );
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await ResponseJson.ReadAsync(refused);
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
            Assert.Contains("支部工作条例", problem.GetProperty("source").GetString());
        }

        // Held, it counts on the branch's compliance calendar: this month's 党小组会 is held.
        var id = meeting.GetProperty("id").GetGuid();
        using var recorded = await secretary.PutAsJsonAsync(
            $"/api/v1/meetings/{id}/record",
            new { version = 1, minutes = "学习讨论。" }
        );
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var calendar = await ResponseJson.ReadAsync(
            await secretary.GetAsync($"/api/v1/compliance/branches/{branch}")
        );
        var groupKind = calendar
            .GetProperty("kinds")
            .EnumerateArray()
            .Single(k => k.GetProperty("kind").GetString() == "GroupMeeting");
        Assert.True(
            groupKind
                .GetProperty("periods")
                .EnumerateArray()
                .Single(p => p.GetProperty("current").GetBoolean())
                .GetProperty("held")
                .GetBoolean()
        );
    }
}
