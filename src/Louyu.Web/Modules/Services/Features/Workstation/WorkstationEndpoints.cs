using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Workstation;

/// <summary>
/// /api/v1/workstation: departments, services (with attributes), officers and the SLA table. Read by anyone signed in;
/// written by an administrator only (403 otherwise).
/// </summary>
public static class WorkstationEndpoints
{
    public static void MapWorkstationEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/workstation").WithTags("Workstation").RequireAuthorization();
        var admin = g.MapGroup("")
            .RequireAuthorization(p => p.RequireRole(LouyuRoles.Administrator));

        g.MapGet(
                "/departments",
                async (WorkstationAdmin s, CancellationToken ct, bool includeInactive = false) =>
                    Results.Ok(await s.DepartmentsAsync(includeInactive, ct))
            )
            .WithSummary("The departments with desks at the workstation");
        admin
            .MapPost(
                "/departments",
                async (
                    DepartmentRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (d, p) = await s.SaveDepartmentAsync(null, r, ct);
                    return p is null
                        ? Results.Created($"/api/v1/workstation/departments/{d!.Id}", d)
                        : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary("Adds a department (administrator)");
        admin
            .MapPut(
                "/departments/{id:guid}",
                async (
                    Guid id,
                    DepartmentRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (d, p) = await s.SaveDepartmentAsync(id, r, ct);
                    return p is null ? Results.Ok(d) : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary("Changes a department (administrator; version → 409 when stale)");
        g.MapGet(
                "/departments/{id:guid}/officers",
                async (
                    Guid id,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    await s.OfficersAsync(id, ct) is { } list
                        ? Results.Ok(list)
                        : TicketEndpoints.ToResult(TicketProblem.NotFound, t)
            )
            .WithSummary("The department's officers");
        admin
            .MapPost(
                "/departments/{id:guid}/officers",
                async (
                    Guid id,
                    OfficerRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (list, p) = await s.SetOfficerAsync(id, r.UserName, true, ct);
                    return p is null ? Results.Ok(list) : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary(
                "Grants the DepartmentOfficer role on the department to a user {userName}"
            );
        admin
            .MapDelete(
                "/departments/{id:guid}/officers/{userName}",
                async (
                    Guid id,
                    string userName,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (list, p) = await s.SetOfficerAsync(id, userName, false, ct);
                    return p is null ? Results.Ok(list) : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary("Revokes the user's DepartmentOfficer grant on the department");
        g.MapGet(
                "/services",
                async (
                    WorkstationAdmin s,
                    CancellationToken ct,
                    Guid? departmentId = null,
                    bool includeInactive = false
                ) => Results.Ok(await s.ServicesAsync(departmentId, includeInactive, ct))
            )
            .WithSummary("The services (with attributes and effective time limit)");
        admin
            .MapPost(
                "/services",
                async (
                    ServiceRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (v, p) = await s.SaveServiceAsync(null, r, ct);
                    return p is null
                        ? Results.Created($"/api/v1/workstation/services/{v!.Id}", v)
                        : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary("Adds a service with its attributes (administrator)");
        admin
            .MapPut(
                "/services/{id:guid}",
                async (
                    Guid id,
                    ServiceRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (v, p) = await s.SaveServiceAsync(id, r, ct);
                    return p is null ? Results.Ok(v) : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary(
                "Changes a service; its attributes are replaced by the list given (administrator)"
            );
        g.MapGet(
                "/sla",
                async (WorkstationAdmin s, CancellationToken ct) => Results.Ok(await s.SlaAsync(ct))
            )
            .WithSummary("The time limits: defaults per type and the department × type rows");
        admin
            .MapPut(
                "/sla",
                async (
                    SlaTableRequest r,
                    WorkstationAdmin s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (v, p) = await s.SetSlaAsync(r, ct);
                    return p is null ? Results.Ok(v) : TicketEndpoints.ToResult(p, t);
                }
            )
            .WithSummary(
                "Sets department × type rows {rows: [{departmentId, type, workingDays|null}]} (administrator)"
            );
    }
}
