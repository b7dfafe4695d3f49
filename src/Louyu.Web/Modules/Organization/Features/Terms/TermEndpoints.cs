using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.PartyWork;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Terms;

/// <summary>
/// GET|POST /api/v1/organizations/{id}/terms, PUT /api/v1/organizations/{id}/terms/{termId},
/// GET /api/v1/terms/due (换届提醒).
/// </summary>
public static class TermEndpoints
{
    public static void MapTermEndpoints(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/v1/organizations/{id:guid}/terms")
            .WithTags("Organisation")
            .RequireAuthorization();
        org.MapGet("/", ListAsync)
            .WithSummary(
                "The organisation's committee terms, current first, each with its state today"
            );
        org.MapPost("/", CreateAsync)
            .WithSummary(
                "Records an election (换届): due date by rule, positions; ends the current term; 422 when off schedule without approval"
            );
        org.MapPut("/{termId:guid}", UpdateAsync)
            .WithSummary("Corrects a term; carries the version it read (409 when stale)");
        app.MapGroup("/api/v1/terms")
            .WithTags("Organisation")
            .RequireAuthorization()
            .MapGet("/due", DueAsync)
            .WithSummary(
                "Current terms due within withinDays (default the reminder setting) or overdue, and organisations without a term, in scope"
            );
    }

    private static async Task<IResult> ListAsync(
        Guid id,
        ClaimsPrincipal user,
        TermService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.ListAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        Guid id,
        TermInput input,
        ClaimsPrincipal user,
        TermService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        RuleResults.ToResult(
            await service.CreateAsync(user, id, input, ct),
            text,
            t => TypedResults.Created($"/api/v1/organizations/{id}/terms/{t.Id}", t)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        Guid termId,
        TermInput input,
        ClaimsPrincipal user,
        TermService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        RuleResults.ToResult(
            await service.UpdateAsync(user, id, termId, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> DueAsync(
        int? withinDays,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        TermService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.DueAsync(user, withinDays, page, pageSize, ct),
            text,
            TypedResults.Ok
        );
}
