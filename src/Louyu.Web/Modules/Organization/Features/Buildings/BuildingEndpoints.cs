using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>GET|POST /api/v1/buildings, GET|PUT|DELETE /api/v1/buildings/{id} (api.md "Organisation system").</summary>
public static class BuildingEndpoints
{
    public static void MapBuildingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/buildings")
            .WithTags("Organisation")
            .RequireAuthorization();
        group
            .MapGet("/", ListAsync)
            .WithSummary("Buildings in the caller's scope, paged; filter q");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One building");
        group
            .MapPost("/", CreateAsync)
            .WithSummary("Adds a building (committee secretary, administrator)");
        group
            .MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Updates a building; carries the version it read (409 when stale)");
        group
            .MapDelete("/{id:guid}", DeleteAsync)
            .WithSummary(
                "Deletes a building without enterprises, organisations or workers (409 otherwise)"
            );
    }

    private static async Task<IResult> ListAsync(
        int? page,
        int? pageSize,
        string? q,
        ClaimsPrincipal user,
        BuildingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(user, page, pageSize, q, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        BuildingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.GetAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        BuildingInput input,
        ClaimsPrincipal user,
        BuildingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, input, ct),
            text,
            b => TypedResults.Created($"/api/v1/buildings/{b.Id}", b)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        BuildingInput input,
        ClaimsPrincipal user,
        BuildingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> DeleteAsync(
        Guid id,
        ClaimsPrincipal user,
        BuildingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.DeleteAsync(user, id, ct),
            text,
            _ => TypedResults.NoContent()
        );
}
