using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// <c>GET|POST /api/v1/enterprises/{id}/contacts</c>, <c>GET|PUT|DELETE /api/v1/enterprises/{id}/contacts/{contactId}</c>.
/// </summary>
public static class ContactEndpoints
{
    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/enterprises/{id:guid}/contacts")
            .WithTags("Organisation")
            .RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("The contacts of an enterprise, primary first");
        group.MapGet("/{contactId:guid}", GetAsync).WithSummary("One contact");
        group
            .MapPost("/", CreateAsync)
            .WithSummary(
                "Adds a contact (name required; phone a mainland mobile or a landline with area code; "
                    + "isPrimary clears the old primary contact)"
            );
        group
            .MapPut("/{contactId:guid}", UpdateAsync)
            .WithSummary("Updates a contact; carries the version it read (409 when stale)");
        group.MapDelete("/{contactId:guid}", DeleteAsync).WithSummary("Deletes a contact");
    }

    private static async Task<IResult> ListAsync(
        Guid id,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        ContactService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(user, id, page, pageSize, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        Guid contactId,
        ClaimsPrincipal user,
        ContactService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.GetAsync(user, id, contactId, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> CreateAsync(
        Guid id,
        ContactInput input,
        ClaimsPrincipal user,
        ContactService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, id, input, ct),
            text,
            c => TypedResults.Created($"/api/v1/enterprises/{id}/contacts/{c.Id}", c)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        Guid contactId,
        ContactInput input,
        ClaimsPrincipal user,
        ContactService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, contactId, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> DeleteAsync(
        Guid id,
        Guid contactId,
        ClaimsPrincipal user,
        ContactService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.DeleteAsync(user, id, contactId, ct),
            text,
            _ => TypedResults.NoContent()
        );
}
