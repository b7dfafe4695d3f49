using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.PocketMembers;

/// <summary>GET /api/v1/members/pocket (口袋党员).</summary>
public static class PocketMemberEndpoints
{
    public static void MapPocketMemberEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/members/pocket", ListAsync)
            .WithTags("Organisation")
            .RequireAuthorization()
            .WithSummary(
                "Pocket members: party members working in the caller's buildings whose relationship sits outside Louyu; filters buildingId, enterpriseId"
            );

    private static async Task<IResult> ListAsync(
        string? buildingId,
        string? enterpriseId,
        int? page,
        int? pageSize,
        ClaimsPrincipal user,
        PocketMemberQuery query,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await query.ListAsync(user, buildingId, enterpriseId, page, pageSize, ct),
            text,
            TypedResults.Ok
        );
}
