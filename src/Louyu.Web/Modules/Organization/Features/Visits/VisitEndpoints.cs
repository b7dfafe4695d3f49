using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Visits;

/// <summary>GET|POST /api/v1/visits, GET|PUT /api/v1/visits/{id} (the visit log, 跑楼记录).</summary>
public static class VisitEndpoints
{
    public static void MapVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/visits").WithTags("Organisation").RequireAuthorization();
        group
            .MapGet("/", ListAsync)
            .WithSummary(
                "Visits in the caller's buildings, newest first, paged; filters buildingId, enterpriseId, partyWorkerId, from, to, openOnly"
            );
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One visit");
        group
            .MapPost("/", CreateAsync)
            .WithSummary("Logs a visit; a party worker's own worker record by default");
        group
            .MapPut("/{id:guid}", CompleteAsync)
            .WithSummary(
                "Records the follow-up as done (followUpDoneOn); 409 when recorded already"
            );
    }

    private static async Task<IResult> ListAsync(
        string? buildingId,
        string? enterpriseId,
        string? partyWorkerId,
        string? from,
        string? to,
        bool? openOnly,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        VisitService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(
                user,
                new VisitQuery(
                    buildingId,
                    enterpriseId,
                    partyWorkerId,
                    from,
                    to,
                    openOnly,
                    page,
                    pageSize
                ),
                ct
            ),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        VisitService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.GetAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        VisitInput input,
        ClaimsPrincipal user,
        VisitService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, input, ct),
            text,
            v => TypedResults.Created($"/api/v1/visits/{v.Id}", v)
        );

    private static async Task<IResult> CompleteAsync(
        Guid id,
        VisitInput input,
        ClaimsPrincipal user,
        VisitService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CompleteFollowUpAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );
}
