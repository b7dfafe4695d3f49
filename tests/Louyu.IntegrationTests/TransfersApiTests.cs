using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Transfers (/api/v1/transfers), mobile members and lost contact on both providers: the letter's number, the
/// authorisation matrix (sending and receiving secretaries, party workers by building, other branches and members
/// kept out), acceptance moving the member's spell, outbound receipts and overdue alerts, arrivals, the PDF, the
/// mobile status and the lost-contact clocks.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TransfersApiTests(AppFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTimeFromUtc(
            DateTime.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")
        )
    );

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    private sealed record World(
        LouyuAppFactory App,
        HttpClient Secretary,
        Guid BuildingX,
        Guid BuildingY,
        Guid OrgA,
        Guid OrgB,
        Guid OrgC
    );

    private async Task<World> WorldAsync(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var secretary = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "secretary")
        );
        var buildings = await ResponseJson.ReadAsync(
            await secretary.GetAsync("/api/v1/buildings?pageSize=2")
        );
        var x = buildings.GetProperty("items")[0].GetProperty("id").GetGuid();
        var y = buildings.GetProperty("items")[1].GetProperty("id").GetGuid();
        return new World(
            app,
            secretary,
            x,
            y,
            await MemberApi.CreateBranchAsync(app, x),
            await MemberApi.CreateBranchAsync(app, x),
            await MemberApi.CreateBranchAsync(app, y)
        );
    }

    private static async Task<HttpClient> UserAsync(
        LouyuAppFactory app,
        string role,
        ScopeKind kind,
        Guid scope
    )
    {
        var user = await Accounts.CreateUserAsync(app, (role, kind, scope.ToString()));
        return Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword)
        );
    }

    private static async Task<Guid> MemberInAsync(HttpClient secretary, Guid org)
    {
        var (id, birth) = MemberApi.FreshId();
        using var r = await secretary.PostAsJsonAsync(
            "/api/v1/members",
            MemberApi.Body(id, birth, organizationId: org)
        );
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await ResponseJson.ReadAsync(r)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> OkAsync(
        HttpResponseMessage r,
        HttpStatusCode status = HttpStatusCode.OK
    )
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_letter_takes_dues_paid_up_to_from_the_ledger_unless_typed_and_notes_a_difference(
        string provider
    )
    {
        var w = await WorldAsync(provider);
        using var _s = w.Secretary;
        var memberId = await MemberInAsync(w.Secretary, w.OrgA);
        var typedMember = await MemberInAsync(w.Secretary, w.OrgA);
        var other = await MemberInAsync(w.Secretary, w.OrgA);
        // The ledger: five months back paid, then one waived, then the last two unpaid, then a later one paid
        // (paid after a gap: not counted). Paid up to the waived month.
        var month = Today.AddDays(1 - Today.Day);
        static int M(DateOnly d) => d.Year * 100 + d.Month;
        await using (var scope = w.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var statuses = new[]
            {
                "Paid",
                "Paid",
                "Paid",
                "Paid",
                "Paid",
                "Waived",
                "Unpaid",
                "Unpaid",
                "Paid",
            };
            foreach (var who in new[] { memberId, typedMember })
                for (var i = 0; i < statuses.Length; i++)
                    db.DuesLedger.Add(
                        new Louyu.Web.Modules.PartyAffairs.Data.DuesLedgerEntry
                        {
                            MemberId = who,
                            Month = M(month.AddMonths(i - 9)),
                            OrganizationId = w.OrgA,
                            BuildingId = w.BuildingX,
                            AssessmentId = Guid.NewGuid(),
                            DueFen = 1000,
                            PaidFen = statuses[i] == "Paid" ? 1000 : 0,
                            Status = Enum.Parse<Louyu.Web.Modules.PartyAffairs.Domain.DuesStatus>(
                                statuses[i]
                            ),
                        }
                    );
            await db.SaveChangesAsync();
        }
        var expected = month.AddMonths(-4).ToString("yyyy-MM");

        // Not typed: the ledger's month, on the letter and beside it.
        var computed = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Internal",
                    memberId,
                    toOrganizationId = w.OrgB,
                },
                default(CancellationToken)
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(expected, computed.GetProperty("duesPaidTo").GetString());
        Assert.Equal(expected, computed.GetProperty("duesLedgerPaidTo").GetString());

        // Typed otherwise: the letter says what was typed, and the ledger's month stays beside it.
        var typed = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Outbound",
                    memberId = typedMember,
                    toName = "外省某党支部",
                    duesPaidTo = month.ToString("yyyy-MM"),
                },
                default(CancellationToken)
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(month.ToString("yyyy-MM"), typed.GetProperty("duesPaidTo").GetString());
        var read = await OkAsync(
            await w.Secretary.GetAsync($"/api/v1/transfers/{typed.GetProperty("id").GetGuid()}")
        );
        Assert.Equal(expected, read.GetProperty("duesLedgerPaidTo").GetString());

        // No ledger: nothing is made up.
        var none = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Outbound",
                    memberId = other,
                    toName = "外省某党支部",
                },
                default(CancellationToken)
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(JsonValueKind.Null, none.GetProperty("duesPaidTo").ValueKind);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_transfer_between_buildings_is_seen_by_both_ends_and_accepting_moves_the_member(
        string provider
    )
    {
        var w = await WorldAsync(provider);
        using var _s = w.Secretary;
        var memberId = await MemberInAsync(w.Secretary, w.OrgA);
        using var sending = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgA
        );
        using var receiving = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgC
        );
        using var otherBranch = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgB
        );
        using var workerY = await UserAsync(
            w.App,
            LouyuRoles.PartyWorker,
            ScopeKind.Building,
            w.BuildingY
        );
        using var member = Accounts.ClientWithToken(
            w.App,
            await fixture.DemoTokenAsync(provider, "member")
        );

        // The sending branch issues the letter; the receiving organisation is in another building.
        var created = await OkAsync(
            await sending.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "BetweenBuildings",
                    memberId,
                    toOrganizationId = w.OrgC,
                    duesPaidTo = "2026-10",
                    validityDays = 30,
                }
            ),
            HttpStatusCode.Created
        );
        var id = created.GetProperty("id").GetGuid();
        var number = created.GetProperty("letterNumber").GetString()!;
        Assert.Matches(@"^〔\d{4}〕第\d{4}号$", number);
        Assert.Equal("Issued", created.GetProperty("status").GetString());
        Assert.Contains("********", created.GetProperty("residentId").GetString());
        Assert.Equal("2026-10", created.GetProperty("duesPaidTo").GetString());
        Assert.False(created.GetProperty("canAccept").GetBoolean());

        // Who sees it: both ends, the receiving building's worker, the committee secretary; not another branch.
        foreach (var c in new[] { sending, receiving, workerY, w.Secretary })
            using (var r = await c.GetAsync($"/api/v1/transfers/{id}"))
                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using (var r = await otherBranch.GetAsync($"/api/v1/transfers/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await member.GetAsync($"/api/v1/transfers/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var r = await member.GetAsync("/api/v1/transfers"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var otherList = await OkAsync(await otherBranch.GetAsync("/api/v1/transfers?pageSize=200"));
        Assert.DoesNotContain(
            otherList.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == id
        );
        var receivingList = await OkAsync(
            await receiving.GetAsync("/api/v1/transfers?pageSize=200")
        );
        Assert.Contains(
            receivingList.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == id
        );

        // A second open letter for the same member: 409.
        using (
            var r = await sending.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Outbound",
                    memberId,
                    toName = "某地党支部",
                }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);

        // The letter as a PDF: the sender downloads it; the receiving side may too; another branch may not.
        using (var pdf = await sending.GetAsync($"/api/v1/transfers/{id}/letter.pdf"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
            var ascii = number.Replace("〔", "").Replace("〕第", "-").TrimEnd('号');
            Assert.Contains(ascii, Encoding.Latin1.GetString(bytes));
            Assert.Contains(ascii, pdf.Content.Headers.ContentDisposition?.FileName ?? "");
            Assert.True(bytes.Length < 2_000_000, $"letter is {bytes.Length} bytes");
        }
        using (var r = await otherBranch.GetAsync($"/api/v1/transfers/{id}/letter.pdf"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        // The full resident ID on the letter is a sensitive read: audited.
        await using (var scope = w.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var key = id.ToString();
            Assert.True(
                await db.AuditEntries.AnyAsync(a =>
                    a.Entity == "Transfer" && a.EntityId == key && a.Action == "Read"
                )
            );
        }

        // Only the receiving side accepts; the sender cannot, nor can anyone record a receipt for a transfer inside Louyu.
        using (
            var r = await sending.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/accept",
                new { receivedOn = Iso(Today) }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (
            var r = await receiving.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/receipt",
                new { receivedOn = Iso(Today) }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (
            var r = await receiving.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/accept",
                new { receivedOn = "2099-01-01" }
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var accepted = await OkAsync(
            await receiving.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/accept",
                new { receivedOn = Iso(Today), handler = "李经办" }
            )
        );
        Assert.Equal("Received", accepted.GetProperty("status").GetString());
        using (
            var r = await receiving.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/accept",
                new { receivedOn = Iso(Today) }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);

        // The member's relationship and history followed them.
        var m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{memberId}"));
        Assert.Equal(w.OrgC, m.GetProperty("organizationId").GetGuid());
        var h = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{memberId}/history"));
        var spells = h.GetProperty("spells").EnumerateArray().ToList();
        Assert.Equal(2, spells.Count);
        Assert.Equal(w.OrgA, spells[0].GetProperty("organizationId").GetGuid());
        Assert.Equal(Iso(Today), spells[0].GetProperty("toDate").GetString());
        Assert.Equal(w.OrgC, spells[1].GetProperty("organizationId").GetGuid());
        Assert.Equal("TransferIn", spells[1].GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task An_outbound_letter_is_overdue_after_a_month_until_its_receipt_is_recorded(
        string provider
    )
    {
        var w = await WorldAsync(provider);
        using var _s = w.Secretary;
        var memberId = await MemberInAsync(w.Secretary, w.OrgA);
        var otherId = await MemberInAsync(w.Secretary, w.OrgA);

        // Bad input: field errors, never 500.
        var bad = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Sideways",
                    memberId,
                    validityDays = 91,
                    duesPaidTo = "10/2026",
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ResponseJson.FieldErrors(bad, "kind"));
        Assert.NotEmpty(ResponseJson.FieldErrors(bad, "validityDays"));
        Assert.NotEmpty(ResponseJson.FieldErrors(bad, "duesPaidTo"));
        var wrongBuilding = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Internal",
                    memberId,
                    toOrganizationId = w.OrgC,
                }
            ),
            HttpStatusCode.BadRequest
        );
        Assert.NotEmpty(ResponseJson.FieldErrors(wrongBuilding, "toOrganizationId"));
        using (
            var r = await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new { kind = "Outbound", memberId }
            )
        )
            Assert.NotEmpty(
                ResponseJson.FieldErrors(await OkAsync(r, HttpStatusCode.BadRequest), "toName")
            );

        var issued = Today.AddDays(-40);
        var t = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Outbound",
                    memberId,
                    toName = "中共某市某区某街道工作委员会",
                    issuedOn = Iso(issued),
                    validityDays = 10,
                }
            ),
            HttpStatusCode.Created
        );
        var id = t.GetProperty("id").GetGuid();
        Assert.True(t.GetProperty("receiptOverdue").GetBoolean());
        Assert.True(t.GetProperty("canRecordReceipt").GetBoolean());
        Assert.Equal(Iso(issued.AddDays(9)), t.GetProperty("validUntil").GetString());
        // A second letter of the same year takes a later number.
        var t2 = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                "/api/v1/transfers",
                new
                {
                    kind = "Internal",
                    memberId = otherId,
                    toOrganizationId = w.OrgB,
                }
            ),
            HttpStatusCode.Created
        );
        Assert.False(t2.GetProperty("receiptOverdue").GetBoolean());

        var name = t.GetProperty("memberName").GetString();
        var overdue = await OkAsync(
            await w.Secretary.GetAsync(
                $"/api/v1/transfers?overdue=true&q={Uri.EscapeDataString(name!)}"
            )
        );
        Assert.Contains(
            overdue.GetProperty("items").EnumerateArray(),
            x => x.GetProperty("id").GetGuid() == id
        );
        Assert.True(overdue.GetProperty("overdue").GetInt32() >= 1);

        using (
            var r = await w.Secretary.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/accept",
                new { receivedOn = Iso(Today) }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (
            var r = await w.Secretary.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/receipt",
                new { receivedOn = Iso(issued.AddDays(-1)) }
            )
        )
            Assert.NotEmpty(
                ResponseJson.FieldErrors(await OkAsync(r, HttpStatusCode.BadRequest), "receivedOn")
            );
        var done = await OkAsync(
            await w.Secretary.PostAsJsonAsync(
                $"/api/v1/transfers/{id}/receipt",
                new
                {
                    receivedOn = Iso(Today),
                    handler = "王经办",
                    phone = "010-12345678",
                }
            )
        );
        Assert.False(done.GetProperty("receiptOverdue").GetBoolean());
        var after = await OkAsync(
            await w.Secretary.GetAsync(
                $"/api/v1/transfers?overdue=true&q={Uri.EscapeDataString(name!)}"
            )
        );
        Assert.DoesNotContain(
            after.GetProperty("items").EnumerateArray(),
            x => x.GetProperty("id").GetGuid() == id
        );

        // The member left Louyu: no current organisation, the relationship held at the destination.
        var m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{memberId}"));
        // (MemberService answers Guid.Empty rather than null for a member without a current spell.)
        var org = m.GetProperty("organizationId");
        Assert.True(
            org.ValueKind == JsonValueKind.Null || org.GetGuid() == Guid.Empty,
            org.ToString()
        );
        Assert.Equal(
            "中共某市某区某街道工作委员会",
            m.GetProperty("relationshipHeldAt").GetString()
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_member_arriving_from_elsewhere_is_registered_on_arrival(string provider)
    {
        var w = await WorldAsync(provider);
        using var _s = w.Secretary;
        using var otherBranch = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgB
        );
        var (rid, _) = MemberApi.FreshId(female: true, birth: new DateOnly(1992, 3, 8));
        object Body() =>
            new
            {
                kind = "Inbound",
                name = "转入党员",
                residentId = rid,
                ethnicity = "回族",
                isProbationary = false,
                joinedOn = "2015-07-01",
                fullMemberOn = "2016-07-01",
                fromName = "中共某县某镇委员会",
                letterNumber = "〔2026〕第0456号",
                toOrganizationId = w.OrgA,
                issuedOn = Iso(Today),
            };
        using (var r = await otherBranch.PostAsJsonAsync("/api/v1/transfers", Body()))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var t = await OkAsync(
            await w.Secretary.PostAsJsonAsync("/api/v1/transfers", Body()),
            HttpStatusCode.Created
        );
        Assert.Equal("Received", t.GetProperty("status").GetString());
        Assert.Equal("Female", t.GetProperty("gender").GetString());
        var memberId = t.GetProperty("memberId").GetGuid();
        var m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{memberId}"));
        Assert.Equal(w.OrgA, m.GetProperty("organizationId").GetGuid());
        Assert.Equal("Full", m.GetProperty("status").GetString());
        using (var r = await w.Secretary.PostAsJsonAsync("/api/v1/transfers", Body()))
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (
            var r = await w.Secretary.GetAsync(
                $"/api/v1/transfers/{t.GetProperty("id").GetGuid()}/letter.pdf"
            )
        )
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        using (var anon = w.App.CreateClient())
        using (var r = await anon.GetAsync("/api/v1/transfers"))
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Mobile_and_lost_contact_members_change_status_and_run_their_clocks(
        string provider
    )
    {
        var w = await WorldAsync(provider);
        using var _s = w.Secretary;
        var mobileId = await MemberInAsync(w.Secretary, w.OrgA);
        var lostId = await MemberInAsync(w.Secretary, w.OrgA);
        using var branch = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgA
        );
        using var otherBranch = await UserAsync(
            w.App,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            w.OrgB
        );
        using var member = Accounts.ClientWithToken(
            w.App,
            await fixture.DemoTokenAsync(provider, "member")
        );
        var cert = $"LD{Guid.NewGuid():N}"[..20];

        object Mobile() =>
            new
            {
                memberId = mobileId,
                certificateNumber = cert,
                destination = "深圳市南山区",
                reason = "外派工作",
                leftOn = Iso(Today.AddMonths(-7)),
                fixedPlace = true,
                attendsAt = "中共深圳某公司支部委员会",
                paysDuesAt = "原支部",
            };
        using (var r = await otherBranch.PostAsJsonAsync("/api/v1/mobile-members", Mobile()))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        using (var r = await member.GetAsync("/api/v1/mobile-members"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var reg = await OkAsync(
            await branch.PostAsJsonAsync("/api/v1/mobile-members", Mobile()),
            HttpStatusCode.Created
        );
        Assert.True(reg.GetProperty("transferDue").GetBoolean());
        Assert.Contains("第二十五条", reg.GetProperty("transferRule").GetString());
        using (var r = await branch.PostAsJsonAsync("/api/v1/mobile-members", Mobile()))
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{mobileId}"));
        Assert.Equal("Mobile", m.GetProperty("organizationalStatus").GetString());
        Assert.True(m.GetProperty("isMobile").GetBoolean());
        var due = await OkAsync(await branch.GetAsync("/api/v1/mobile-members?transferDue=true"));
        Assert.Contains(due.EnumerateArray(), x => x.GetProperty("memberId").GetGuid() == mobileId);
        var others = await OkAsync(await otherBranch.GetAsync("/api/v1/mobile-members"));
        Assert.DoesNotContain(
            others.EnumerateArray(),
            x => x.GetProperty("memberId").GetGuid() == mobileId
        );
        var regId = reg.GetProperty("id").GetGuid();
        var one = await OkAsync(await branch.GetAsync($"/api/v1/mobile-members/{regId}"));
        Assert.Equal(cert, one.GetProperty("certificateNumber").GetString());
        using (var r = await otherBranch.GetAsync($"/api/v1/mobile-members/{regId}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        await OkAsync(
            await branch.PostAsJsonAsync(
                $"/api/v1/mobile-members/{regId}/end",
                new { endedOn = Iso(Today) }
            )
        );
        m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{mobileId}"));
        Assert.Equal("Normal", m.GetProperty("organizationalStatus").GetString());

        // Lost contact seven months ago: the stop-standing proposal is due; stopping earlier than six months is refused.
        var since = Today.AddMonths(-7);
        var lc = await OkAsync(
            await branch.PostAsJsonAsync(
                "/api/v1/lost-contact",
                new { memberId = lostId, lostSince = Iso(since) }
            ),
            HttpStatusCode.Created
        );
        var lcId = lc.GetProperty("id").GetGuid();
        Assert.True(lc.GetProperty("proposeStopStanding").GetBoolean());
        Assert.Equal(Iso(since.AddMonths(6)), lc.GetProperty("stopStandingDueOn").GetString());
        m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{lostId}"));
        Assert.Equal("LostContact", m.GetProperty("organizationalStatus").GetString());
        using (var r = await otherBranch.GetAsync($"/api/v1/lost-contact/{lcId}"))
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        var open = await OkAsync(await branch.GetAsync("/api/v1/lost-contact?open=true"));
        Assert.Contains(open.EnumerateArray(), x => x.GetProperty("id").GetGuid() == lcId);
        var othersLost = await OkAsync(await otherBranch.GetAsync("/api/v1/lost-contact"));
        Assert.DoesNotContain(
            othersLost.EnumerateArray(),
            x => x.GetProperty("id").GetGuid() == lcId
        );
        using (var r = await member.GetAsync("/api/v1/lost-contact"))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var searched = await OkAsync(
            await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/searches",
                new
                {
                    searchedOn = Iso(Today),
                    method = "电话、走访原单位",
                    result = "未取得联系",
                }
            )
        );
        Assert.Equal(1, searched.GetProperty("searches").GetArrayLength());
        using (
            var r = await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/searches",
                new { searchedOn = Iso(Today) }
            )
        )
            Assert.NotEmpty(
                ResponseJson.FieldErrors(await OkAsync(r, HttpStatusCode.BadRequest), "method")
            );
        using (
            var r = await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/standing-stopped",
                new { on = Iso(since.AddMonths(5)) }
            )
        )
        {
            var p = await OkAsync(r, HttpStatusCode.UnprocessableEntity);
            Assert.Equal("LostContactSixMonths", p.GetProperty("rule").GetString());
            Assert.Contains("第二十四条", p.GetProperty("detail").GetString());
        }
        var stopped = await OkAsync(
            await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/standing-stopped",
                new { on = Iso(Today) }
            )
        );
        Assert.False(stopped.GetProperty("proposeStopStanding").GetBoolean());
        Assert.Equal(Iso(Today.AddYears(2)), stopped.GetProperty("removalDueOn").GetString());
        m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{lostId}"));
        Assert.Equal("StandingStopped", m.GetProperty("organizationalStatus").GetString());
        await OkAsync(
            await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/found",
                new { on = Iso(Today) }
            )
        );
        m = await OkAsync(await w.Secretary.GetAsync($"/api/v1/members/{lostId}"));
        Assert.Equal("Normal", m.GetProperty("organizationalStatus").GetString());
        using (
            var r = await branch.PostAsJsonAsync(
                $"/api/v1/lost-contact/{lcId}/searches",
                new
                {
                    searchedOn = Iso(Today),
                    method = "电话",
                    result = "已联系",
                }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
    }
}
