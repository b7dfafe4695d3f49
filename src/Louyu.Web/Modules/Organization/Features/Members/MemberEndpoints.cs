using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// GET|POST /api/v1/members, GET|PUT /api/v1/members/{id}, GET /api/v1/members/{id}/history
/// (api.md "Organisation system").
/// </summary>
public static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/members").WithTags("Organisation").RequireAuthorization();
        group
            .MapGet("/", ListAsync)
            .WithSummary(
                "Members in the caller's scope, paged, resident ID masked; filters organizationId, enterpriseId, buildingId, status, organizationalStatus, q"
            );
        group
            .MapGet("/{id:guid}", GetAsync)
            .WithSummary(
                "One member; ?reveal=true shows the full resident ID to a committee secretary, an administrator or the member, and is audited"
            );
        group
            .MapGet("/{id:guid}/history", HistoryAsync)
            .WithSummary(
                "The member's organisational relationship over time and every status change"
            );
        group
            .MapPost("/", CreateAsync)
            .WithSummary("Registers a member (resident ID checked by GB 11643-1999)");
        group
            .MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Updates a member; carries the version it read (409 when stale)");
    }

    private static async Task<IResult> ListAsync(
        int? page,
        int? pageSize,
        string? organizationId,
        string? enterpriseId,
        string? buildingId,
        string? status,
        string? q,
        string? organizationalStatus,
        ClaimsPrincipal user,
        MemberService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(
                user,
                new MemberQuery(
                    page,
                    pageSize,
                    organizationId,
                    enterpriseId,
                    buildingId,
                    status,
                    q,
                    organizationalStatus
                ),
                ct
            ),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        bool? reveal,
        ClaimsPrincipal user,
        MemberService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.GetAsync(user, id, reveal ?? false, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> HistoryAsync(
        Guid id,
        ClaimsPrincipal user,
        MemberService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) => OutcomeResults.ToResult(await service.HistoryAsync(user, id, ct), text, TypedResults.Ok);

    private static async Task<IResult> CreateAsync(
        MemberInput input,
        ClaimsPrincipal user,
        MemberService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, input, ct),
            text,
            m => TypedResults.Created($"/api/v1/members/{m.Id}", m)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        MemberInput input,
        ClaimsPrincipal user,
        MemberService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );
}
