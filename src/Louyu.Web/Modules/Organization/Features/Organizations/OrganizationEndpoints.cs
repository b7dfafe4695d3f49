using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Organizations;

/// <summary>
/// GET|POST /api/v1/organizations, GET|PUT /api/v1/organizations/{id}, GET /api/v1/organizations/checks
/// (api.md "Organisation system").
/// </summary>
public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/organizations")
            .WithTags("Organisation")
            .RequireAuthorization();
        group
            .MapGet("/", ListAsync)
            .WithSummary(
                "Party organisations in the caller's buildings, paged; filters type, buildingId, parentId, q"
            );
        group
            .MapGet("/checks", ChecksAsync)
            .WithSummary(
                "Live organisations flagged by a rule check, paged (a party worker's to-do list)"
            );
        group
            .MapGet("/{id:guid}", GetAsync)
            .WithSummary("One organisation with its members and rule checks");
        group
            .MapPost("/", CreateAsync)
            .WithSummary("Sets up an organisation and links its enterprises");
        group
            .MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Updates an organisation; carries the version it read (409 when stale)");
    }

    private static async Task<IResult> ListAsync(
        int? page,
        int? pageSize,
        string? type,
        string? buildingId,
        string? parentId,
        string? q,
        ClaimsPrincipal user,
        OrganizationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(
                user,
                new OrganizationQuery(page, pageSize, type, buildingId, parentId, q),
                ct
            ),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> ChecksAsync(
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        OrganizationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ChecksAsync(user, page, pageSize, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        OrganizationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.GetAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        OrganizationInput input,
        ClaimsPrincipal user,
        OrganizationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, input, ct),
            text,
            o => TypedResults.Created($"/api/v1/organizations/{o.Id}", o)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        OrganizationInput input,
        ClaimsPrincipal user,
        OrganizationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );
}
