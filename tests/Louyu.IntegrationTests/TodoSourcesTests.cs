using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// GET /api/v1/todo with the party-affairs deadlines (issue 4): dues arrears (第十三条), transfer receipts and
/// mobile members due a transfer (第二十五条), lost-contact clocks (第二十四条) and meeting compliance — each for the
/// caller of the branch or building and not for another branch's secretary; the demo branch secretary's list.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TodoSourcesTests(AppFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    private static readonly int Current = DuesMonth.Of(Today);

    private static string M(int offset) => DuesMonth.Format(DuesMonth.Add(Current, offset));

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage r,
        HttpStatusCode expected = HttpStatusCode.OK
    )
    {
        var json = await ResponseJson.ReadAsync(r);
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {json}");
        return json;
    }

    private static async Task<Guid> BranchAsync(
        LouyuAppFactory app,
        Guid building,
        DateOnly foundedOn
    )
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var org = new PartyOrganization
        {
            Id = Guid.NewGuid(),
            Name = OrganizationApi.Unique("待办支部"),
            Type = OrganizationType.Branch,
            BuildingId = building,
            FoundedOn = foundedOn,
            Version = 1,
        };
        db.PartyOrganizations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    private static Transfer Outbound(
        Guid branch,
        Guid building,
        string member,
        DateOnly issuedOn
    ) =>
        new()
        {
            Id = Guid.NewGuid(),
            Kind = TransferKind.Outbound,
            Status = TransferStatus.Issued,
            MemberName = member,
            Gender = "Male",
            BirthDate = new DateOnly(1990, 1, 1),
            ResidentIdCipher = "x",
            ResidentIdMasked = "110101********0011",
            FromOrganizationId = branch,
            FromBuildingId = building,
            FromName = "待办支部",
            ToName = "外省某党支部",
            ValidityDays = 30,
            IssuedOn = issuedOn,
            LetterNumber = OrganizationApi.Unique("〔待办〕"),
            CreatedAtUtc = DateTime.UtcNow,
            Version = 1,
        };

    private static List<JsonElement> Items(JsonElement todo) =>
        [.. todo.GetProperty("items").EnumerateArray()];

    private static JsonElement? Find(List<JsonElement> items, string kind, string subject) =>
        items
            .Where(i =>
                i.GetProperty("kind").GetString() == kind
                && i.GetProperty("subject")
                    .GetString()!
                    .StartsWith(subject, StringComparison.Ordinal)
            )
            .Select(i => (JsonElement?)i)
            .FirstOrDefault();

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Each_deadline_reaches_its_branch_and_building_and_not_another_branch(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var building = OrganizationApi.Id(await OrganizationApi.CreateBuildingAsync(secretary));
        var enterprise = OrganizationApi.Id(
            await OrganizationApi.CreateEnterpriseAsync(
                secretary,
                OrganizationApi.EnterpriseBody(building)
            )
        );
        var branch = await BranchAsync(app, building, new DateOnly(2024, 1, 1));
        var other = await BranchAsync(app, building, new DateOnly(2024, 1, 1));
        var fresh = await BranchAsync(app, building, new DateOnly(Today.Year, Today.Month, 1));

        // Dues: a member assessed and never paid, the ledger generated four months back → 4 months in arrears.
        var (rid, birth) = MemberApi.FreshId();
        var created = await MemberApi.CreateAsync(
            secretary,
            MemberApi.Body(rid, birth, organizationId: branch, enterpriseId: enterprise)
        );
        var member = created.GetProperty("id").GetGuid();
        var memberName = created.GetProperty("name").GetString()!;
        foreach (var year in new[] { Today.Year - 1, Today.Year })
            await OkAsync(
                await secretary.PostAsJsonAsync(
                    "/api/v1/dues/assessments",
                    new
                    {
                        memberId = member,
                        year,
                        category = "Employed",
                        monthlyBaseFen = 650_000L,
                    }
                ),
                HttpStatusCode.Created
            );
        for (var i = -4; i <= 0; i++)
            await OkAsync(
                await secretary.PostAsync(
                    $"/api/v1/dues/organizations/{branch}/ledger/{M(i)}/generate",
                    null
                )
            );

        // Transfers, mobile members and lost contact, written straight to the database.
        var endOfMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1);
        var dueIssue = TransferService.LatestIssueDueBy(endOfMonth, 1);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            db.Transfers.Add(Outbound(branch, building, $"逾期{tag}", Today.AddDays(-50)));
            db.Transfers.Add(Outbound(branch, building, $"本月{tag}", dueIssue));
            db.Transfers.Add(Outbound(branch, building, $"下月{tag}", Today));
            db.MobileRegistrations.Add(
                new MobileRegistration
                {
                    Id = Guid.NewGuid(),
                    MemberId = Guid.NewGuid(),
                    MemberName = $"流动{tag}",
                    OrganizationId = branch,
                    BuildingId = building,
                    CertificateNumber = tag,
                    Destination = "深圳",
                    Reason = "外出务工",
                    LeftOn = Today.AddMonths(-7),
                    FixedPlace = true,
                    CreatedAtUtc = DateTime.UtcNow,
                    Version = 1,
                }
            );
            foreach (var (name, since) in new[] { ($"失联{tag}", -7), ($"近失联{tag}", -1) })
                db.LostContactCases.Add(
                    new LostContactCase
                    {
                        Id = Guid.NewGuid(),
                        MemberId = Guid.NewGuid(),
                        MemberName = name,
                        OrganizationId = branch,
                        BuildingId = building,
                        LostSince = Today.AddMonths(since),
                        CreatedAtUtc = DateTime.UtcNow,
                        Version = 1,
                    }
                );
            await db.SaveChangesAsync();
        }
        var branchName = await NameAsync(app, branch);
        var freshName = await NameAsync(app, fresh);

        using var mine = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.BranchSecretary, ScopeKind.Organization, branch.ToString())
        );
        var todo = await OkAsync(await mine.GetAsync("/api/v1/todo?limit=200"));
        var items = Items(todo);
        // Dues: a warning, due when the run would reach six months (第十三条).
        var dues = Find(items, "dues", memberName);
        Assert.NotNull(dues);
        Assert.False(dues.Value.GetProperty("late").GetBoolean());
        Assert.Contains("第十三条", dues.Value.GetProperty("rule").GetString());
        Assert.Equal(
            DuesMonth.FirstDay(DuesMonth.Add(Current, 2)).ToString("yyyy-MM-dd"),
            dues.Value.GetProperty("dueOn").GetString()
        );
        Assert.Contains("4", dues.Value.GetProperty("title").GetString());
        // Transfers: the overdue receipt (late), the one due this month, not the one due next month.
        var overdue = Find(items, "transfer", $"逾期{tag}");
        Assert.NotNull(overdue);
        Assert.True(overdue.Value.GetProperty("late").GetBoolean());
        Assert.StartsWith(
            "/party-affairs/transfers/",
            overdue.Value.GetProperty("link").GetString()
        );
        var thisMonth = Find(items, "transfer", $"本月{tag}");
        Assert.NotNull(thisMonth);
        Assert.Equal(
            TransferRules.ReceiptDue(dueIssue, 1).ToString("yyyy-MM-dd"),
            thisMonth.Value.GetProperty("dueOn").GetString()
        );
        Assert.Null(Find(items, "transfer", $"下月{tag}"));
        // Mobile: away seven months at a fixed place → transfer due (第二十五条), late.
        var mobile = Find(items, "transfer", $"流动{tag}");
        Assert.NotNull(mobile);
        Assert.True(mobile.Value.GetProperty("late").GetBoolean());
        Assert.Contains("第二十五条", mobile.Value.GetProperty("rule").GetString());
        // Lost contact: the 6-month clock has run out for one case only (第二十四条).
        var lost = Find(items, "lost-contact", $"失联{tag}");
        Assert.NotNull(lost);
        Assert.True(lost.Value.GetProperty("late").GetBoolean());
        Assert.Contains("第二十四条", lost.Value.GetProperty("rule").GetString());
        Assert.Null(Find(items, "lost-contact", $"近失联{tag}"));
        // Meetings: the branch founded in 2024 with nothing held is red (late).
        var meeting = Find(items, "meeting", branchName);
        Assert.NotNull(meeting);
        Assert.True(meeting.Value.GetProperty("late").GetBoolean());
        Assert.Equal(
            $"/party-affairs/compliance?buildingId={building}",
            meeting.Value.GetProperty("link").GetString()
        );
        foreach (var kind in new[] { "dues", "transfer", "lost-contact", "meeting" })
            Assert.True(todo.GetProperty("byKind").GetProperty(kind).GetInt32() >= 1, kind);
        Assert.Equal(1, todo.GetProperty("byKind").GetProperty("meeting").GetInt32());
        Assert.Equal(3, todo.GetProperty("byKind").GetProperty("transfer").GetInt32());
        Assert.Equal(1, todo.GetProperty("byKind").GetProperty("lost-contact").GetInt32());
        var lates = items.Select(i => i.GetProperty("late").GetBoolean()).ToList();
        Assert.Equal(lates.OrderByDescending(l => l), lates);

        // Another branch's secretary sees none of it (only their own red branch).
        using var theirs = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.BranchSecretary, ScopeKind.Organization, other.ToString())
        );
        var theirTodo = await OkAsync(await theirs.GetAsync("/api/v1/todo?limit=200"));
        var theirItems = Items(theirTodo);
        Assert.Null(Find(theirItems, "dues", memberName));
        Assert.DoesNotContain(
            theirItems,
            i => i.GetProperty("subject").GetString()!.EndsWith(tag, StringComparison.Ordinal)
        );
        Assert.Null(Find(theirItems, "meeting", branchName));
        Assert.NotNull(Find(theirItems, "meeting", await NameAsync(app, other)));

        // A branch founded this month: amber (due at the end of the month) for its secretary …
        using var freshSecretary = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.BranchSecretary, ScopeKind.Organization, fresh.ToString())
        );
        var amber = Find(
            Items(await OkAsync(await freshSecretary.GetAsync("/api/v1/todo"))),
            "meeting",
            freshName
        );
        Assert.NotNull(amber);
        Assert.False(amber.Value.GetProperty("late").GetBoolean());
        Assert.Equal(
            endOfMonth.ToString("yyyy-MM-dd"),
            amber.Value.GetProperty("dueOn").GetString()
        );

        // … while the building's party worker sees the red branches only, and every kind of the building.
        using var worker = await MemberApi.ClientAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.Building, building.ToString())
        );
        var workerTodo = await OkAsync(await worker.GetAsync("/api/v1/todo?limit=200"));
        var workerItems = Items(workerTodo);
        Assert.NotNull(Find(workerItems, "meeting", branchName));
        Assert.Null(Find(workerItems, "meeting", freshName));
        Assert.Equal(2, workerTodo.GetProperty("byKind").GetProperty("meeting").GetInt32());
        Assert.NotNull(Find(workerItems, "dues", memberName));
        Assert.NotNull(Find(workerItems, "transfer", $"逾期{tag}"));
        Assert.NotNull(Find(workerItems, "lost-contact", $"失联{tag}"));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_demo_branch_secretary_has_dues_arrears_and_a_meeting_to_do(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        using var branch = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "branch")
        );
        var todo = await OkAsync(await branch.GetAsync("/api/v1/todo?limit=200"));
        var items = Items(todo);
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "dues");
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "meeting");
        Assert.Contains(
            items,
            i =>
                i.GetProperty("kind").GetString() == "dues"
                && i.GetProperty("late").GetBoolean()
                && i.GetProperty("rule").GetString()!.Contains("第十三条")
        );
        // Titles are localised (zh-CN by default) and every kind counted has items.
        Assert.All(
            items,
            i => Assert.False(i.GetProperty("title").GetString()!.StartsWith("Todo."))
        );
        foreach (var kind in todo.GetProperty("byKind").EnumerateObject())
            Assert.Contains(items, i => i.GetProperty("kind").GetString() == kind.Name);
    }

    private static async Task<string> NameAsync(LouyuAppFactory app, Guid organization)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        return db.PartyOrganizations.Single(o => o.Id == organization).Name;
    }
}
