using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Louyu.Web.Modules.Organization.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Louyu.E2E;

/// <summary>
/// A 党小组会 for one party group (党小组): in a fresh building (so the demo's figures stay as seeded) a branch with a
/// group of two members; the committee secretary schedules the group's meeting — the group picker appears only
/// once 党小组会 is chosen — and the meeting page names the group and invites its two members only.
/// </summary>
[Collection(LouyuAppCollection.Name)]
public sealed class MeetingGroupJourneyTests(LouyuAppFixture app)
{
    private const string Chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static string Unique(string prefix) =>
        $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 6)];

    /// <summary>A building, an enterprise, a branch, a group of two members and one more member of the branch.</summary>
    private static async Task<(string Branch, string Group)> SeedAsync(IPage page)
    {
        var api = page.APIRequest;
        var token = await api.PostAsync(
            "/api/v1/auth/token",
            new() { DataObject = new { username = "secretary", password = Journey.DemoPassword } }
        );
        Assert.True(token.Ok, await token.TextAsync());
        var bearer = new Dictionary<string, string>
        {
            ["Authorization"] =
                "Bearer " + (await token.JsonAsync())!.Value.GetProperty("accessToken").GetString(),
        };
        async Task<JsonElement> PostAsync(string url, object body)
        {
            var r = await api.PostAsync(url, new() { Headers = bearer, DataObject = body });
            Assert.True(r.Status == 201, $"{url}: {r.Status} {await r.TextAsync()}");
            return (await r.JsonAsync())!.Value;
        }
        static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

        var building = Id(
            await PostAsync(
                "/api/v1/buildings",
                new
                {
                    name = Unique("党小组大厦"),
                    address = "北京市东城区测试路 9 号",
                    floors = 12,
                    propertyManager = "测试物业",
                    coveredFrom = "2024-01-01",
                    version = 0,
                }
            )
        );
        var code = UnifiedSocialCreditCode.Compose(
            '9',
            '1',
            "110105",
            new string([
                .. Enumerable
                    .Range(0, 8)
                    .Select(_ => Chars[RandomNumberGenerator.GetInt32(Chars.Length)]),
            ])
        );
        var enterprise = Id(
            await PostAsync(
                "/api/v1/enterprises",
                new
                {
                    unifiedSocialCreditCode = code,
                    name = Unique("党小组测试企业"),
                    buildingId = building,
                    industry = "I",
                    employeeCount = 80,
                    legalRepresentative = "王五",
                    legalRepresentativeIsMember = true,
                    floor = 5,
                    room = "501",
                    movedInOn = "2024-05-01",
                }
            )
        );
        var branchName = Unique("软件园党支部");
        var branch = Id(
            await PostAsync(
                "/api/v1/organizations",
                new
                {
                    name = branchName,
                    type = "Branch",
                    buildingId = building,
                    foundedOn = "2024-06-01",
                    enterpriseIds = new[] { enterprise },
                }
            )
        );
        var group = Id(
            await PostAsync(
                "/api/v1/organizations",
                new
                {
                    name = "第一党小组",
                    type = "Group",
                    parentId = branch,
                    buildingId = building,
                    foundedOn = "2024-06-01",
                    enterpriseIds = Array.Empty<Guid>(),
                }
            )
        );
        foreach (
            var (name, org) in new[]
            {
                ("组员甲", group),
                ("组员乙", group),
                ("支部党员丙", branch),
            }
        )
        {
            var birth = new DateOnly(1985, 3, 1).AddDays(RandomNumberGenerator.GetInt32(3000));
            await PostAsync(
                "/api/v1/members",
                new
                {
                    name,
                    residentId = ResidentIdNumber.Compose(
                        $"11{RandomNumberGenerator.GetInt32(10000):0000}",
                        birth,
                        RandomNumberGenerator.GetInt32(500) * 2 + 1
                    ),
                    gender = "Male",
                    birthDate = birth.ToString("yyyy-MM-dd"),
                    status = "Full",
                    organizationalStatus = "Normal",
                    organizationId = org,
                    enterpriseId = enterprise,
                    isMobile = false,
                    joinedOn = "2015-07-01",
                    fullMemberOn = "2016-07-01",
                    phone = "13912345678",
                }
            );
        }
        return (branch.ToString(), group.ToString());
    }

    [Fact]
    public async Task A_group_meeting_is_scheduled_for_one_party_group_and_invites_its_members()
    {
        await using var desktop = await app.DesktopAsync();
        var page = await desktop.NewPageAsync();
        var errors = Journey.CollectErrors(page);
        await Journey.LoginAsync(page, "secretary", Journey.DemoPassword);
        var (branch, group) = await SeedAsync(page);

        await page.GotoAsync("/party-affairs/meetings/new");
        await page.GetByTestId("meeting-branch").SelectOptionAsync(branch);
        await page.GetByTestId("meeting-kind").SelectOptionAsync("BranchAssembly");
        await Expect(page.GetByTestId("meeting-group-field")).ToBeHiddenAsync();
        await page.GetByTestId("meeting-kind").SelectOptionAsync("GroupMeeting");
        await Expect(page.GetByTestId("meeting-group-field")).ToBeVisibleAsync();
        await page.GetByTestId("meeting-group").SelectOptionAsync(group);
        await page.GetByTestId("meeting-topic").FillAsync("学习讨论：楼宇党建工作");
        await page.GetByTestId("meeting-place").FillAsync("党群服务中心 203 会议室");
        await app.ScreenshotAsync(
            page,
            "meetings-group-01-new-desktop",
            docsName: "meeting-group-new-desktop"
        );
        await Journey.ClickToPageAsync(page, page.GetByTestId("meeting-submit"));
        await Expect(page).ToHaveURLAsync(new Regex("/party-affairs/meetings/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("meeting-group")).ToHaveTextAsync("第一党小组");
        await Expect(page.GetByTestId("meeting-invitees")).ToContainTextAsync("本党小组");
        await Expect(page.GetByTestId("meeting-invited")).ToContainTextAsync("组员甲");
        await Expect(page.GetByTestId("meeting-invited")).ToContainTextAsync("组员乙");
        await Expect(page.GetByTestId("meeting-invited")).Not.ToContainTextAsync("支部党员丙");
        await app.ScreenshotAsync(
            page,
            "meetings-group-02-page-desktop",
            docsName: "meeting-group-page-desktop"
        );
        var meeting = page.Url;
        Assert.Empty(errors);

        // On a phone, in English: the form with the group picker, and the meeting page.
        await using var phone = await app.PhoneAsync("en-US");
        var m = await phone.NewPageAsync();
        await Journey.LoginAsync(m, "secretary", Journey.DemoPassword);
        await m.GotoAsync(
            "/culture/set?culture=en-US&returnUrl="
                + Uri.EscapeDataString("/party-affairs/meetings/new?kind=GroupMeeting")
        );
        await m.GetByTestId("meeting-branch").SelectOptionAsync(branch);
        await Expect(m.GetByTestId("meeting-group-field")).ToBeVisibleAsync();
        await Expect(m.GetByTestId("meeting-group-field")).ToContainTextAsync("Party group");
        await app.ScreenshotAsync(
            m,
            "meetings-group-03-new-phone-en",
            docsName: "meeting-group-new-phone-en"
        );
        await m.GotoAsync(meeting);
        await Expect(m.GetByTestId("meeting-invitees")).ToContainTextAsync("party group");
        await app.ScreenshotAsync(
            m,
            "meetings-group-04-page-phone-en",
            docsName: "meeting-group-page-phone-en"
        );
    }
}
