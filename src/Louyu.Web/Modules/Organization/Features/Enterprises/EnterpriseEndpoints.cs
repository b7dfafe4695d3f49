using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>GET|POST /api/v1/enterprises, GET|PUT /api/v1/enterprises/{id} (api.md "Organisation system").</summary>
public static class EnterpriseEndpoints
{
    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises")
            .WithTags("Organisation")
            .RequireAuthorization();
        group
            .MapGet("/", ListAsync)
            .WithSummary(
                "Enterprises in the caller's buildings, paged; filters buildingId, industry, q, present"
            );
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One enterprise");
        group
            .MapPost("/", CreateAsync)
            .WithSummary("Registers an enterprise (credit code checked by GB 32100-2015)");
        group
            .MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Updates an enterprise; carries the version it read (409 when stale)");
    }

    private static async Task<IResult> ListAsync(
        int? page,
        int? pageSize,
        string? buildingId,
        string? industry,
        string? q,
        bool? present,
        ClaimsPrincipal user,
        EnterpriseService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(
                user,
                new EnterpriseQuery(page, pageSize, buildingId, industry, q, present ?? false),
                ct
            ),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        EnterpriseService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.GetAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        EnterpriseInput input,
        ClaimsPrincipal user,
        EnterpriseService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, input, ct),
            text,
            e => TypedResults.Created($"/api/v1/enterprises/{e.Id}", e)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        EnterpriseInput input,
        ClaimsPrincipal user,
        EnterpriseService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );
}
