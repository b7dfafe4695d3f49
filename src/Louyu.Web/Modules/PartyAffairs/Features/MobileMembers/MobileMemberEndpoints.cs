using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;

/// <summary>/api/v1/mobile-members (流动党员) and /api/v1/lost-contact (失联党员).</summary>
public static class MobileMemberEndpoints
{
    public static void MapMobileMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var m = app.MapGroup("/api/v1/mobile-members")
            .WithTags("Party affairs")
            .RequireAuthorization();
        m.MapGet(
                "/",
                async (
                    bool? current,
                    bool? transferDue,
                    ClaimsPrincipal user,
                    MobileMemberService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                    Answer(
                        await s.ListAsync(user, current ?? false, transferDue ?? false, ct),
                        text
                    )
            )
            .WithSummary(
                "Mobile members in scope; ?current=true for those still away, ?transferDue=true for those to transfer (第二十五条)"
            );
        m.MapPost(
                "/",
                async (
                    NewMobileRequest r,
                    ClaimsPrincipal user,
                    MobileMemberService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                {
                    var (x, p) = await s.CreateAsync(user, r, ct);
                    return p is null
                        ? TypedResults.Created($"/api/v1/mobile-members/{x!.Id}", x)
                        : PartyProblemResults.ToResult(p, text);
                }
            )
            .WithSummary(
                "Registers a mobile member with the activity certificate; the member's status becomes Mobile"
            );
        m.MapGet(
                "/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal user,
                    MobileMemberService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.GetAsync(user, id, ct), text)
            )
            .WithSummary("A mobile member's registration");
        m.MapPost(
                "/{id:guid}/end",
                async (
                    Guid id,
                    EndMobileRequest r,
                    ClaimsPrincipal user,
                    MobileMemberService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.EndAsync(user, id, r, ct), text)
            )
            .WithSummary("Ends the registration (back home); the status is Normal again");

        var l = app.MapGroup("/api/v1/lost-contact")
            .WithTags("Party affairs")
            .RequireAuthorization();
        l.MapGet(
                "/",
                async (
                    bool? open,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.ListAsync(user, open ?? false, ct), text)
            )
            .WithSummary("Lost-contact members in scope with their clocks (第二十四条)");
        l.MapPost(
                "/",
                async (
                    NewLostContactRequest r,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                {
                    var (x, p) = await s.CreateAsync(user, r, ct);
                    return p is null
                        ? TypedResults.Created($"/api/v1/lost-contact/{x!.Id}", x)
                        : PartyProblemResults.ToResult(p, text);
                }
            )
            .WithSummary("Records that a member is out of contact since a day; status LostContact");
        l.MapGet(
                "/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.GetAsync(user, id, ct), text)
            )
            .WithSummary("A lost-contact case with its searches and clocks");
        l.MapPost(
                "/{id:guid}/searches",
                async (
                    Guid id,
                    SearchRequest r,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.AddSearchAsync(user, id, r, ct), text)
            )
            .WithSummary("Records a search (date, method, result)");
        l.MapPost(
                "/{id:guid}/found",
                async (
                    Guid id,
                    DecisionRequest r,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.FoundAsync(user, id, r, ct), text)
            )
            .WithSummary("The member was found; status Normal");
        l.MapPost(
                "/{id:guid}/standing-stopped",
                async (
                    Guid id,
                    DecisionRequest r,
                    ClaimsPrincipal user,
                    LostContactService s,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(await s.StandingStoppedAsync(user, id, r, ct), text)
            )
            .WithSummary(
                "Records the decision to stop party standing (422 before six months, 第二十四条)"
            );
    }

    private static IResult Answer<T>(
        (T? Value, Development.CaseProblem? Problem) r,
        IStringLocalizer<SharedResource> text
    ) =>
        r.Problem is null
            ? TypedResults.Ok(r.Value)
            : PartyProblemResults.ToResult(r.Problem, text);
}
