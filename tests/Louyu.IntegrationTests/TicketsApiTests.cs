using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>A department with a consultation service (attributes: topic, a required list; amount, a number), its officer, two enterprises' contacts and a manager.</summary>
internal sealed class TicketWorld
{
    public required LouyuAppFactory App { get; init; }
    public required Guid DepartmentId { get; init; }
    public required string DepartmentCode { get; init; }
    public required Guid ServiceId { get; init; }
    public required Guid OtherServiceId { get; init; }
    public required Guid OtherDepartmentId { get; init; }
    public required Guid EnterpriseId { get; init; }
    public required Guid OtherEnterpriseId { get; init; }
    public required HttpClient Officer { get; init; }
    public required string OfficerId { get; init; }
    public required HttpClient OtherOfficer { get; init; }
    public required HttpClient Filer { get; init; }
    public required HttpClient OtherContact { get; init; }
    public required HttpClient Manager { get; init; }

    public static async Task<TicketWorld> CreateAsync(LouyuAppFactory app)
    {
        var code = "t" + Guid.NewGuid().ToString("N")[..10];
        var other = "o" + Guid.NewGuid().ToString("N")[..10];
        Guid deptId = Guid.NewGuid(),
            otherDeptId = Guid.NewGuid(),
            serviceId = Guid.NewGuid(),
            otherServiceId = Guid.NewGuid();
        Guid e1,
            e2;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            db.Departments.Add(
                new Department
                {
                    Id = deptId,
                    Code = code,
                    Name = "测试税务",
                    Version = 1,
                }
            );
            db.Departments.Add(
                new Department
                {
                    Id = otherDeptId,
                    Code = other,
                    Name = "测试市场监管",
                    Version = 1,
                }
            );
            db.WorkstationServices.Add(
                new WorkstationService
                {
                    Id = serviceId,
                    DepartmentId = deptId,
                    Code = code + "-consult",
                    Name = "税务咨询",
                    Type = ServiceType.Consult,
                    Version = 1,
                }
            );
            db.WorkstationServices.Add(
                new WorkstationService
                {
                    Id = otherServiceId,
                    DepartmentId = otherDeptId,
                    Code = other + "-complain",
                    Name = "市场投诉",
                    Type = ServiceType.Complain,
                    Version = 1,
                }
            );
            db.ServiceAttributes.Add(
                new ServiceAttribute
                {
                    Id = Guid.NewGuid(),
                    ServiceId = serviceId,
                    Code = "topic",
                    DataType = "singlevaluelist",
                    Required = true,
                    Description = "咨询事项",
                    Order = 1,
                    ValuesJson =
                        """[{"key":"vat","name":"增值税"},{"key":"cit","name":"企业所得税"}]""",
                }
            );
            db.ServiceAttributes.Add(
                new ServiceAttribute
                {
                    Id = Guid.NewGuid(),
                    ServiceId = serviceId,
                    Code = "amount",
                    DataType = "number",
                    Required = false,
                    Description = "涉及金额（元）",
                    Order = 2,
                }
            );
            await db.SaveChangesAsync();
            var two = await db
                .Enterprises.AsNoTracking()
                .Where(e => e.MovedOutOn == null)
                .OrderBy(e => e.Name)
                .Select(e => e.Id)
                .Take(2)
                .ToListAsync();
            e1 = two[0];
            e2 = two[1];
        }
        var officer = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, code)
        );
        var otherOfficer = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, other)
        );
        var filer = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, e1.ToString())
        );
        var contact2 = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.EnterpriseContact, ScopeKind.Enterprise, e2.ToString())
        );
        var manager = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.District, null)
        );
        async Task<HttpClient> C(LouyuUser u) =>
            Accounts.ClientWithToken(
                app,
                await Accounts.TokenAsync(app, u.UserName!, Accounts.FreshPassword)
            );
        return new TicketWorld
        {
            App = app,
            DepartmentId = deptId,
            DepartmentCode = code,
            ServiceId = serviceId,
            OtherServiceId = otherServiceId,
            OtherDepartmentId = otherDeptId,
            EnterpriseId = e1,
            OtherEnterpriseId = e2,
            Officer = await C(officer),
            OfficerId = officer.Id,
            OtherOfficer = await C(otherOfficer),
            Filer = await C(filer),
            OtherContact = await C(contact2),
            Manager = await C(manager),
        };
    }

    public object Body(
        string description = "请问小规模纳税人季度销售额多少以下免征增值税？",
        string topic = "vat"
    ) =>
        new
        {
            serviceId = ServiceId,
            description,
            enterpriseId = EnterpriseId,
            attributes = new Dictionary<string, string> { ["topic"] = topic },
        };

    public async Task<Guid> FileAsync(string? key = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
        {
            Content = JsonContent.Create(Body()),
        };
        if (key is not null)
            req.Headers.Add("Idempotency-Key", key);
        using var r = await Filer.SendAsync(req);
        var json = await TicketsApiTests.OkAsync(r, HttpStatusCode.Created);
        return json.GetProperty("id").GetGuid();
    }

    public async Task<(Ticket Ticket, List<TicketEvent> Events)> LoadAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var t = await db.Tickets.AsNoTracking().FirstAsync(x => x.Id == id);
        var e = await db
            .TicketEvents.AsNoTracking()
            .Where(x => x.TicketId == id)
            .OrderBy(x => x.AtUtc)
            .ToListAsync();
        return (t, e);
    }

    public async Task SetDueAsync(Guid id, DateOnly due)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        await db
            .Tickets.Where(x => x.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DueOn, due));
    }
}

/// <summary>
/// /api/v1/tickets (issue 5): filing validation, idempotency (also 8 concurrent requests → one ticket), the full
/// workflow with the SLA pause and extension, the authorisation matrix, the dissatisfied rating that reopens, send
/// back and re-route, reminders and escalation, attachments.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TicketsApiTests(AppFixture fixture)
{
    internal static async Task<JsonElement> OkAsync(
        HttpResponseMessage r,
        HttpStatusCode expected = HttpStatusCode.OK
    )
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> Post(HttpClient c, string url, object? body = null) =>
        c.PostAsJsonAsync(url, body ?? new { });

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Filing_checks_service_description_attributes_and_enterprise(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        using (
            var r = await w.Filer.PostAsJsonAsync(
                "/api/v1/tickets",
                new { serviceId = Guid.NewGuid(), description = "" }
            )
        )
        {
            var p = await OkAsync(r, HttpStatusCode.BadRequest);
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "serviceId"));
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "description"));
        }
        using (
            var r = await w.Filer.PostAsJsonAsync(
                "/api/v1/tickets",
                new
                {
                    serviceId = w.ServiceId,
                    description = new string('长', 4001),
                    attributes = new Dictionary<string, string> { ["amount"] = "abc" },
                }
            )
        )
        {
            var p = await OkAsync(r, HttpStatusCode.BadRequest);
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "description"));
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "attributes.topic"));
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "attributes.amount"));
        }
        using (var r = await w.Filer.PostAsJsonAsync("/api/v1/tickets", w.Body(topic: "nope")))
            Assert.NotEmpty(
                ResponseJson.FieldErrors(
                    await OkAsync(r, HttpStatusCode.BadRequest),
                    "attributes.topic"
                )
            );
        // Not the filer's enterprise.
        using (
            var r = await w.Filer.PostAsJsonAsync(
                "/api/v1/tickets",
                new
                {
                    serviceId = w.ServiceId,
                    description = "x",
                    enterpriseId = w.OtherEnterpriseId,
                    attributes = new Dictionary<string, string> { ["topic"] = "vat" },
                }
            )
        )
            Assert.NotEmpty(
                ResponseJson.FieldErrors(
                    await OkAsync(r, HttpStatusCode.BadRequest),
                    "enterpriseId"
                )
            );
        // A walk-in filed by a contact is refused; by the officer it needs a phone.
        using (
            var r = await w.Filer.PostAsJsonAsync(
                "/api/v1/tickets",
                new
                {
                    serviceId = w.ServiceId,
                    description = "x",
                    channel = "WalkIn",
                    filerName = "李四",
                    filerPhone = "13900000000",
                }
            )
        )
            Assert.NotEmpty(
                ResponseJson.FieldErrors(await OkAsync(r, HttpStatusCode.BadRequest), "channel")
            );
        using (
            var r = await w.Officer.PostAsJsonAsync(
                "/api/v1/tickets",
                new
                {
                    serviceId = w.ServiceId,
                    description = "来电咨询发票",
                    channel = "Phone",
                    filerName = "李四",
                    filerPhone = "13900000000",
                    attributes = new Dictionary<string, string> { ["topic"] = "vat" },
                }
            )
        )
        {
            var t = await OkAsync(r, HttpStatusCode.Created);
            var (ticket, _) = await w.LoadAsync(t.GetProperty("id").GetGuid());
            Assert.Equal(TicketChannel.Phone, ticket.Channel);
            Assert.Null(ticket.FiledByUserId);
            Assert.NotNull(ticket.FiledForByUserId);
        }

        using var ok = await w.Filer.PostAsJsonAsync(
            "/api/v1/tickets",
            new
            {
                serviceId = w.ServiceId,
                description = "  发票怎么开？ ",
                enterpriseId = w.EnterpriseId,
                attributes = new Dictionary<string, string>
                {
                    ["topic"] = "cit",
                    ["amount"] = "1200.50",
                },
            }
        );
        var filed = await OkAsync(ok, HttpStatusCode.Created);
        Assert.Matches(new Regex(@"^GZ\d{8}-\d{4}$"), filed.GetProperty("number").GetString());
        Assert.False(filed.GetProperty("alreadyFiled").GetBoolean());
        var id = filed.GetProperty("id").GetGuid();
        var (saved, events) = await w.LoadAsync(id);
        Assert.Equal("发票怎么开？", saved.Description);
        Assert.Equal(TicketStatus.Submitted, saved.Status);
        Assert.NotNull(saved.Address);
        Assert.Equal(3, saved.SlaWorkingDays);
        var today = ShanghaiTime.Today(TimeProvider.System);
        Assert.Equal(
            SlaClock.Deadline(
                OfficialHolidays.Calendar(today.Year - 1, today.Year, today.Year + 1),
                today,
                3
            ),
            saved.DueOn
        );
        Assert.Equal(TicketEventKinds.Filed, Assert.Single(events).Kind);
        // The officer was told.
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.True(
            await db.Notifications.AnyAsync(n =>
                n.UserId == w.OfficerId && n.Title.Contains(saved.Number)
            )
        );
        // The detail shows the attribute labels.
        var detail = await OkAsync(await w.Filer.GetAsync($"/api/v1/tickets/{id}"));
        Assert.Contains(
            detail.GetProperty("attributes").EnumerateArray(),
            a => a.GetProperty("value").GetString() == "企业所得税"
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_same_idempotency_key_files_one_ticket_also_under_8_concurrent_requests(
        string provider
    )
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var key = Guid.NewGuid().ToString("N");
        var first = await w.FileAsync(key);
        using (
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
            {
                Content = JsonContent.Create(w.Body()),
            }
        )
        {
            req.Headers.Add("Idempotency-Key", key);
            var again = await OkAsync(await w.Filer.SendAsync(req));
            Assert.Equal(first, again.GetProperty("id").GetGuid());
            Assert.True(again.GetProperty("alreadyFiled").GetBoolean());
        }

        var key2 = Guid.NewGuid().ToString("N");
        var tasks = Enumerable
            .Range(0, 8)
            .Select(async _ =>
            {
                using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
                {
                    Content = JsonContent.Create(w.Body()),
                };
                req.Headers.Add("Idempotency-Key", key2);
                using var r = await w.Filer.SendAsync(req);
                Assert.True(
                    r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
                    $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}"
                );
                return (await ResponseJson.ReadAsync(r)).GetProperty("id").GetGuid();
            });
        var ids = await Task.WhenAll(tasks);
        Assert.Single(ids.Distinct());
        // And 8 concurrent tickets without a key get 8 distinct numbers.
        var numbers = await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(async _ =>
                {
                    using var r = await w.Filer.PostAsJsonAsync("/api/v1/tickets", w.Body());
                    return (await OkAsync(r, HttpStatusCode.Created))
                        .GetProperty("number")
                        .GetString();
                })
        );
        Assert.Equal(8, numbers.Distinct().Count());
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        Assert.Equal(1, await db.Tickets.CountAsync(t => t.IdempotencyKey == key2));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Full_workflow_sign_documents_extension_reply_rate(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var id = await w.FileAsync();
        var u = $"/api/v1/tickets/{id}";
        // The filer cannot sign; replying before signing is an illegal step.
        using (var r = await Post(w.Filer, u + "/sign"))
            await OkAsync(r, HttpStatusCode.Forbidden);
        using (var r = await Post(w.Officer, u + "/reply", new { reply = "x" }))
        {
            var p = await OkAsync(r, (HttpStatusCode)422);
            Assert.Contains("答复", p.GetProperty("detail").GetString());
        }
        var signed = await OkAsync(await Post(w.Officer, u + "/sign", new { version = 1 }));
        Assert.Equal("InProgress", signed.GetProperty("ticket").GetProperty("status").GetString());
        // A stale version is a conflict.
        using (
            var r = await Post(
                w.Officer,
                u + "/request-documents",
                new { what = "营业执照复印件", version = 1 }
            )
        )
            await OkAsync(r, HttpStatusCode.Conflict);
        await OkAsync(
            await Post(w.Officer, u + "/request-documents", new { what = "营业执照复印件" })
        );
        await OkAsync(
            await Post(
                w.Officer,
                u + "/notes",
                new { note = "内部：需核对征收方式", @public = false }
            )
        );
        await OkAsync(await Post(w.Filer, u + "/documents-received"));
        await OkAsync(
            await Post(
                w.Officer,
                u + "/extension",
                new { workingDays = 2, reason = "需与区局核实" }
            )
        );
        // Only a manager decides; the officer cannot.
        using (var r = await Post(w.Officer, u + "/extension/approve"))
            await OkAsync(r, HttpStatusCode.Forbidden);
        var (before, _) = await w.LoadAsync(id);
        var approved = await OkAsync(await Post(w.Manager, u + "/extension/approve"));
        var (after, _) = await w.LoadAsync(id);
        Assert.Equal(2, after.ExtensionWorkingDays);
        Assert.True(after.DueOn > before.DueOn);
        Assert.Equal(
            after.DueOn.ToString("yyyy-MM-dd"),
            approved.GetProperty("ticket").GetProperty("dueOn").GetString()
        );
        await OkAsync(
            await Post(
                w.Officer,
                u + "/reply",
                new { reply = "季度销售额未超过30万元的免征增值税。" }
            )
        );
        using (var r = await Post(w.Officer, u + "/rate", new { grade = "Satisfied" }))
            await OkAsync(r, HttpStatusCode.Forbidden);
        var rated = await OkAsync(
            await Post(w.Filer, u + "/rate", new { grade = "VerySatisfied", comment = "很及时" })
        );
        Assert.Equal("Closed", rated.GetProperty("ticket").GetProperty("status").GetString());
        using (var r = await Post(w.Filer, u + "/rate", new { grade = "Satisfied" }))
            await OkAsync(r, (HttpStatusCode)422);

        var (_, events) = await w.LoadAsync(id);
        Assert.Equal(
            [
                "Filed",
                "Signed",
                "DocumentsRequested",
                "Note",
                "DocumentsReceived",
                "ExtensionRequested",
                "ExtensionApproved",
                "Replied",
                "Rated",
            ],
            events.Select(e => e.Kind).ToArray()
        );
        // The filer does not see internal notes nor the extension request; the officer does.
        var mine = await OkAsync(await w.Filer.GetAsync(u));
        Assert.DoesNotContain(
            mine.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() is "Note" or "ExtensionRequested"
        );
        var theirs = await OkAsync(await w.Officer.GetAsync(u));
        Assert.Contains(
            theirs.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "Note"
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Officers_see_their_department_filers_their_own(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var id = await w.FileAsync();
        var u = $"/api/v1/tickets/{id}";
        await OkAsync(await w.Officer.GetAsync(u));
        await OkAsync(await w.Manager.GetAsync(u));
        await OkAsync(await w.Filer.GetAsync(u));
        using (var r = await w.OtherOfficer.GetAsync(u))
            await OkAsync(r, HttpStatusCode.NotFound);
        using (var r = await w.OtherContact.GetAsync(u))
            await OkAsync(r, HttpStatusCode.NotFound);
        using (var r = await Post(w.OtherOfficer, u + "/sign"))
            await OkAsync(r, HttpStatusCode.NotFound);
        var queue = await OkAsync(await w.Officer.GetAsync("/api/v1/tickets?scope=queue"));
        Assert.Contains(
            queue.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == id
        );
        var otherQueue = await OkAsync(
            await w.OtherOfficer.GetAsync("/api/v1/tickets?scope=department")
        );
        Assert.DoesNotContain(
            otherQueue.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == id
        );
        var mine = await OkAsync(await w.Filer.GetAsync("/api/v1/tickets"));
        Assert.Equal(
            id,
            Assert.Single(mine.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid()
        );
        Assert.Equal(
            0,
            (await OkAsync(await w.OtherContact.GetAsync("/api/v1/tickets?scope=mine")))
                .GetProperty("total")
                .GetInt32()
        );
        using (var r = await w.Filer.GetAsync("/api/v1/tickets?scope=queue"))
            await OkAsync(r, HttpStatusCode.Forbidden);
        using (var r = await w.Filer.GetAsync("/api/v1/tickets?scope=everything"))
            await OkAsync(r, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_dissatisfied_rating_reopens_for_a_second_round_with_a_follow_up(
        string provider
    )
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var id = await w.FileAsync();
        var u = $"/api/v1/tickets/{id}";
        await OkAsync(await Post(w.Officer, u + "/sign"));
        await OkAsync(await Post(w.Officer, u + "/reply", new { reply = "请到办税服务厅办理。" }));
        var reopened = await OkAsync(
            await Post(
                w.Filer,
                u + "/rate",
                new { grade = "Dissatisfied", comment = "没说清楚要带什么材料" }
            )
        );
        var t = reopened.GetProperty("ticket");
        Assert.Equal("InProgress", t.GetProperty("status").GetString());
        Assert.Equal(2, t.GetProperty("round").GetInt32());
        Assert.True(t.GetProperty("followUpRequired").GetBoolean());
        Assert.Equal(w.OfficerId, t.GetProperty("officerUserId").GetString());
        var (_, events) = await w.LoadAsync(id);
        Assert.Contains(events, e => e.Kind == "Reopened");
        // The follow-up shows in the officer's to-do list.
        var todo = await OkAsync(await w.Officer.GetAsync("/api/v1/todo"));
        Assert.Contains(
            todo.GetProperty("items").EnumerateArray(),
            i =>
                i.GetProperty("kind").GetString() == "tickets"
                && i.GetProperty("link").GetString()!.Contains(id.ToString())
        );
        // Second round: reply, then a dissatisfied rating closes it for good.
        await OkAsync(
            await Post(w.Officer, u + "/reply", new { reply = "需携带营业执照和经办人身份证。" })
        );
        var closed = await OkAsync(
            await Post(w.Filer, u + "/rate", new { grade = "VeryDissatisfied" })
        );
        Assert.Equal("Closed", closed.GetProperty("ticket").GetProperty("status").GetString());
        Assert.False(closed.GetProperty("ticket").GetProperty("followUpRequired").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Sent_back_tickets_are_rerouted_by_a_manager(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var id = await w.FileAsync();
        var u = $"/api/v1/tickets/{id}";
        using (var r = await Post(w.Officer, u + "/send-back", new { reason = "" }))
            await OkAsync(r, HttpStatusCode.BadRequest);
        await OkAsync(
            await Post(w.Officer, u + "/send-back", new { reason = "属于市场监管部门职责" })
        );
        var back = await OkAsync(await w.Manager.GetAsync("/api/v1/tickets?scope=sentback"));
        Assert.Contains(
            back.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("id").GetGuid() == id
        );
        using (var r = await Post(w.Officer, u + "/reroute", new { serviceId = w.OtherServiceId }))
            await OkAsync(r, HttpStatusCode.Forbidden);
        var moved = await OkAsync(
            await Post(w.Manager, u + "/reroute", new { serviceId = w.OtherServiceId })
        );
        Assert.Equal("Submitted", moved.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal(
            w.OtherDepartmentId,
            moved.GetProperty("ticket").GetProperty("departmentId").GetGuid()
        );
        // A complaint now: 13 working days from today.
        Assert.Equal(13, moved.GetProperty("slaWorkingDays").GetInt32());
        using (var r = await w.Officer.GetAsync(u))
            await OkAsync(r, HttpStatusCode.NotFound);
        await OkAsync(await w.OtherOfficer.GetAsync(u));
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Reminders_once_when_due_soon_escalation_once_when_overdue(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var today = ShanghaiTime.Today(TimeProvider.System);
        var soon = await w.FileAsync();
        var late = await w.FileAsync();
        await OkAsync(await Post(w.Officer, $"/api/v1/tickets/{late}/sign"));
        await w.SetDueAsync(soon, today);
        await w.SetDueAsync(late, today.AddDays(-3));
        // An extension can no longer be asked for once the deadline has passed.
        using (
            var r = await Post(
                w.Officer,
                $"/api/v1/tickets/{late}/extension",
                new { workingDays = 3, reason = "来不及" }
            )
        )
        {
            var p = await OkAsync(r, (HttpStatusCode)422);
            Assert.Contains("期限", p.GetProperty("detail").GetString());
        }
        var reminders = w.App.Services.GetRequiredService<TicketReminders>();
        await reminders.RunOnceAsync(CancellationToken.None);
        await reminders.RunOnceAsync(CancellationToken.None);
        var (_, soonEvents) = await w.LoadAsync(soon);
        var (lateTicket, lateEvents) = await w.LoadAsync(late);
        Assert.Single(soonEvents, e => e.Kind == TicketEventKinds.Reminded);
        Assert.Single(lateEvents, e => e.Kind == TicketEventKinds.Escalated);
        Assert.Equal(lateTicket.DueOn, lateTicket.EscalatedFor);
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var number = lateTicket.Number;
        Assert.True(
            await db.Notifications.AnyAsync(n =>
                n.UserId == w.OfficerId && n.Title.Contains(number)
            )
        );
        // The overdue ticket is late in the officer's to-do list.
        var todo = await OkAsync(await w.Officer.GetAsync("/api/v1/todo"));
        Assert.Contains(
            todo.GetProperty("items").EnumerateArray(),
            i =>
                i.GetProperty("kind").GetString() == "tickets" && i.GetProperty("late").GetBoolean()
        );
        // The list shows the SLA state.
        var list = await OkAsync(await w.Officer.GetAsync("/api/v1/tickets?scope=department"));
        Assert.Contains(
            list.GetProperty("items").EnumerateArray(),
            t =>
                t.GetProperty("id").GetGuid() == late
                && t.GetProperty("slaState").GetString() == "Overdue"
        );
        Assert.Contains(
            list.GetProperty("items").EnumerateArray(),
            t =>
                t.GetProperty("id").GetGuid() == soon
                && t.GetProperty("slaState").GetString() == "DueSoon"
        );
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Attachments_are_checked_by_content_and_visible_in_scope(string provider)
    {
        var w = await TicketWorld.CreateAsync(await fixture.AppAsync(provider));
        var id = await w.FileAsync();
        var u = $"/api/v1/tickets/{id}/attachments";
        byte[] pdf = [.. "%PDF-1.4\n%test\n"u8.ToArray()];
        using (
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(pdf), "file", "营业执照.pdf" },
            }
        )
            await OkAsync(await w.Filer.PostAsync(u, form), HttpStatusCode.Created);
        using (
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent("MZ not a pdf"u8.ToArray()), "file", "virus.pdf" },
            }
        )
            await OkAsync(await w.Filer.PostAsync(u, form), HttpStatusCode.BadRequest);
        var list = await OkAsync(await w.Officer.GetAsync(u));
        var a = Assert.Single(list.EnumerateArray());
        using var file = await w.Officer.GetAsync(a.GetProperty("url").GetString());
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        using (var r = await w.OtherContact.GetAsync(u))
            await OkAsync(r, HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Demo_workstation_has_eight_departments_and_a_tax_queue(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var tax = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "tax")
        );
        var departments = await OkAsync(await tax.GetAsync("/api/v1/workstation/departments"));
        var codes = departments
            .EnumerateArray()
            .Select(d => d.GetProperty("code").GetString())
            .ToList();
        Assert.Subset(
            codes.ToHashSet(),
            new HashSet<string?>
            {
                "tax",
                "market",
                "transport",
                "labour",
                "social",
                "fund",
                "stats",
                "legal",
            }
        );
        var queue = await OkAsync(await tax.GetAsync("/api/v1/tickets?scope=queue"));
        var states = queue
            .GetProperty("items")
            .EnumerateArray()
            .Select(t => t.GetProperty("slaState").GetString())
            .ToList();
        Assert.Contains("Overdue", states);
        Assert.Contains("DueSoon", states);
        Assert.All(
            queue.GetProperty("items").EnumerateArray(),
            t => Assert.Equal("tax", t.GetProperty("departmentCode").GetString())
        );
        using var enterprise = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "enterprise")
        );
        var mine = await OkAsync(await enterprise.GetAsync("/api/v1/tickets?scope=mine"));
        Assert.True(mine.GetProperty("total").GetInt32() >= 3);
        Assert.Contains(
            mine.GetProperty("items").EnumerateArray(),
            t => t.GetProperty("status").GetString() == "Replied"
        );
    }
}
