using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.PartyWork;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Workers;

/// <summary>
/// GET|POST /api/v1/party-workers, GET|PUT /api/v1/party-workers/{id}, GET|POST /api/v1/instructor-assignments,
/// PUT /api/v1/instructor-assignments/{id} (end an assignment).
/// </summary>
public static class WorkerEndpoints
{
    public static void MapWorkerEndpoints(this IEndpointRouteBuilder app)
    {
        var workers = app.MapGroup("/api/v1/party-workers")
            .WithTags("Organisation")
            .RequireAuthorization();
        workers
            .MapGet("/", ListWorkersAsync)
            .WithSummary(
                "Party workers of the caller's buildings, paged; filters buildingId, current, q"
            );
        workers.MapGet("/{id:guid}", GetWorkerAsync).WithSummary("One party worker");
        workers
            .MapPost("/", CreateWorkerAsync)
            .WithSummary(
                "Assigns a party worker to a building (name, buildingId, startedOn, endedOn, userId)"
            );
        workers
            .MapPut("/{id:guid}", UpdateWorkerAsync)
            .WithSummary("Updates a party worker (set endedOn to end the assignment)");

        var instructors = app.MapGroup("/api/v1/instructor-assignments")
            .WithTags("Organisation")
            .RequireAuthorization();
        instructors
            .MapGet("/", ListAssignmentsAsync)
            .WithSummary(
                "Instructor (党建指导员) assignments, paged; filters buildingId, partyWorkerId, enterpriseId, current"
            );
        instructors
            .MapPost("/", AssignAsync)
            .WithSummary(
                "Assigns an instructor to an enterprise without an own organisation (422 otherwise; 409 when it has one)"
            );
        instructors
            .MapPut("/{id:guid}", EndAssignmentAsync)
            .WithSummary("Ends an assignment on toDate");
    }

    private static async Task<IResult> ListWorkersAsync(
        string? buildingId,
        bool? current,
        string? q,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListWorkersAsync(user, buildingId, current, q, page, pageSize, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetWorkerAsync(
        Guid id,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.GetWorkerAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateWorkerAsync(
        PartyWorkerInput input,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateWorkerAsync(user, input, ct),
            text,
            w => TypedResults.Created($"/api/v1/party-workers/{w.Id}", w)
        );

    private static async Task<IResult> UpdateWorkerAsync(
        Guid id,
        PartyWorkerInput input,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateWorkerAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> ListAssignmentsAsync(
        string? buildingId,
        string? partyWorkerId,
        string? enterpriseId,
        bool? current,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAssignmentsAsync(
                user,
                buildingId,
                partyWorkerId,
                enterpriseId,
                current,
                page,
                pageSize,
                ct
            ),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> AssignAsync(
        InstructorInput input,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        RuleResults.ToResult(
            await service.AssignAsync(user, input, ct),
            text,
            a => TypedResults.Created($"/api/v1/instructor-assignments/{a.Id}", a)
        );

    private static async Task<IResult> EndAssignmentAsync(
        Guid id,
        InstructorInput input,
        ClaimsPrincipal user,
        WorkerService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.EndAssignmentAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );
}
