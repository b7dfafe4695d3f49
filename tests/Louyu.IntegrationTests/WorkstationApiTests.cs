using System.Net;
using System.Net.Http.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Identity;

namespace Louyu.IntegrationTests;

/// <summary>/api/v1/workstation (issue 5): departments, services with attributes, officers and the SLA table — written by an administrator only.</summary>
[Collection(AppCollection.Name)]
public sealed class WorkstationApiTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Administrator_manages_departments_services_officers_and_sla(string provider)
    {
        var app = await fixture.AppAsync(provider);
        using var admin = await Accounts.AdministratorClientAsync(app);
        var worker = await Accounts.CreateUserAsync(
            app,
            (LouyuRoles.PartyWorker, ScopeKind.District, null)
        );
        using var other = Accounts.ClientWithToken(
            app,
            await Accounts.TokenAsync(app, worker.UserName!, Accounts.FreshPassword)
        );
        var code = "w" + Guid.NewGuid().ToString("N")[..8];
        var body = new
        {
            code,
            name = "测试部门",
            desk = "一层 9 号窗口",
            openingHours = "周一至周五 9:00–17:00",
        };
        using (var r = await other.PostAsJsonAsync("/api/v1/workstation/departments", body))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var dept = await TicketsApiTests.OkAsync(
            await admin.PostAsJsonAsync("/api/v1/workstation/departments", body),
            HttpStatusCode.Created
        );
        var deptId = dept.GetProperty("id").GetGuid();
        using (var r = await admin.PostAsJsonAsync("/api/v1/workstation/departments", body))
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        using (
            var r = await admin.PostAsJsonAsync(
                "/api/v1/workstation/departments",
                new { code = "Bad Code", name = "" }
            )
        )
        {
            var p = await TicketsApiTests.OkAsync(r, HttpStatusCode.BadRequest);
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "code"));
            Assert.NotEmpty(ResponseJson.FieldErrors(p, "name"));
        }
        using (
            var r = await admin.PutAsJsonAsync(
                $"/api/v1/workstation/departments/{deptId}",
                new
                {
                    code,
                    name = "改名",
                    version = 99,
                }
            )
        )
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        await TicketsApiTests.OkAsync(
            await admin.PutAsJsonAsync(
                $"/api/v1/workstation/departments/{deptId}",
                new
                {
                    code,
                    name = "改名",
                    version = 1,
                }
            )
        );

        var service = new
        {
            departmentId = deptId,
            code = code + "-accept",
            name = "测试受理",
            type = "Accept",
            slaWorkingDays = (int?)null,
            attributes = new object[]
            {
                new
                {
                    code = "kind",
                    dataType = "singlevaluelist",
                    description = "类型",
                    required = true,
                    values = new[] { new { key = "a", name = "甲" } },
                },
                new
                {
                    code = "bad",
                    dataType = "singlevaluelist",
                    description = "无选项",
                },
            },
        };
        using (var r = await admin.PostAsJsonAsync("/api/v1/workstation/services", service))
            Assert.NotEmpty(
                ResponseJson.FieldErrors(
                    await TicketsApiTests.OkAsync(r, HttpStatusCode.BadRequest),
                    "attributes[1].values"
                )
            );
        using (var r = await other.PostAsJsonAsync("/api/v1/workstation/services", service))
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var created = await TicketsApiTests.OkAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/workstation/services",
                service with
                {
                    attributes = [service.attributes[0]],
                }
            ),
            HttpStatusCode.Created
        );
        Assert.Equal(20, created.GetProperty("effectiveSlaWorkingDays").GetInt32());
        Assert.Single(created.GetProperty("attributes").EnumerateArray());

        // The department × type row overrides the default.
        using (
            var r = await other.PutAsJsonAsync(
                "/api/v1/workstation/sla",
                new
                {
                    rows = new[]
                    {
                        new
                        {
                            departmentId = deptId,
                            type = "Accept",
                            workingDays = (int?)10,
                        },
                    },
                }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        await TicketsApiTests.OkAsync(
            await admin.PutAsJsonAsync(
                "/api/v1/workstation/sla",
                new
                {
                    rows = new[]
                    {
                        new
                        {
                            departmentId = deptId,
                            type = "Accept",
                            workingDays = (int?)10,
                        },
                    },
                }
            )
        );
        var services = await TicketsApiTests.OkAsync(
            await other.GetAsync($"/api/v1/workstation/services?departmentId={deptId}")
        );
        Assert.Equal(
            10,
            Assert
                .Single(services.EnumerateArray())
                .GetProperty("effectiveSlaWorkingDays")
                .GetInt32()
        );

        // Officers by user name.
        var officer = await Accounts.CreateUserAsync(app);
        using (
            var r = await other.PostAsJsonAsync(
                $"/api/v1/workstation/departments/{deptId}/officers",
                new { userName = officer.UserName }
            )
        )
            Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var officers = await TicketsApiTests.OkAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/workstation/departments/{deptId}/officers",
                new { userName = officer.UserName }
            )
        );
        Assert.Equal(
            officer.Id,
            Assert.Single(officers.EnumerateArray()).GetProperty("userId").GetString()
        );
        using (
            var r = await admin.PostAsJsonAsync(
                $"/api/v1/workstation/departments/{deptId}/officers",
                new { userName = "nobody-" + code }
            )
        )
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var revoked = await TicketsApiTests.OkAsync(
            await admin.DeleteAsync(
                $"/api/v1/workstation/departments/{deptId}/officers/{officer.UserName}"
            )
        );
        Assert.Empty(revoked.EnumerateArray());
    }
}
