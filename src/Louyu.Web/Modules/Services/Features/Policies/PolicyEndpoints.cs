using System.Security.Claims;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.OfficeDays;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>
/// /api/v1/policies (catalogue, publish/withdraw, matches, re-match), /api/v1/enterprises/{id}/policy-package (+ push),
/// /api/v1/policy-applications and /api/v1/office-days (+ sign-ups). Scope is enforced in the services.
/// </summary>
public static class PolicyEndpoints
{
    public sealed record StatusInput(int? Version);

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/policies").WithTags("Policies").RequireAuthorization();
        g.MapGet(
                "/",
                async (
                    ClaimsPrincipal u,
                    PolicyService s,
                    CancellationToken ct,
                    string? q,
                    PolicyStatus? status
                ) => Results.Ok(await s.ListAsync(u, q, status, ct))
            )
            .WithSummary(
                "Policies: published ones for everyone, drafts and withdrawn ones for editors"
            );
        g.MapPost(
                "/",
                async (
                    ClaimsPrincipal u,
                    PolicyInput input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (await s.CreateAsync(u, input, ct)).ToHttp(
                        t,
                        p => Results.Created($"/api/v1/policies/{p.Id}", p)
                    )
            )
            .WithSummary("Adds a draft policy; criteria are validated (400 with field errors)");
        g.MapGet(
                "/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    await s.GetAsync(u, id, ct) is { } p
                        ? Results.Ok(p)
                        : Platform.Problems.ProblemsSetup.Problem(t, 404, "Problem.NotFound")
            )
            .WithSummary("A policy");
        g.MapPut(
                "/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyInput input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => (await s.UpdateAsync(u, id, input, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary("Edits a policy (409 on a stale version); it is re-matched at once");
        g.MapPost(
                "/{id:guid}/publish",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    StatusInput? input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (
                        await s.SetStatusAsync(u, id, PolicyStatus.Published, input?.Version, ct)
                    ).ToHttp(t, Results.Ok)
            )
            .WithSummary("Publishes a policy and matches it against every resident enterprise");
        g.MapPost(
                "/{id:guid}/withdraw",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    StatusInput? input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (
                        await s.SetStatusAsync(u, id, PolicyStatus.Withdrawn, input?.Version, ct)
                    ).ToHttp(t, Results.Ok)
            )
            .WithSummary("Withdraws a policy; its matches are removed");
        g.MapGet(
                "/{id:guid}/matches",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct,
                    int page = 1,
                    int pageSize = 50
                ) => (await s.MatchesAsync(u, id, page, pageSize, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary(
                "Enterprises eligible (or possibly eligible) with the reasons, criterion by criterion"
            );
        g.MapGet(
                "/{id:guid}/candidates",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct,
                    string? q = null,
                    int take = 20
                ) => (await s.CandidatesAsync(u, id, q, take, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary(
                "Staff recording an application: enterprises in the caller's scope whose name or credit code "
                    + "contains q, each with why it qualifies for the published policy and its application if any"
            );
        g.MapPost(
                "/rematch",
                async (
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => (await s.RematchAllAsync(u, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary("Matches every published policy against every resident enterprise");

        var e = app.MapGroup("/api/v1/enterprises/{id:guid}/policy-package")
            .WithTags("Policies")
            .RequireAuthorization();
        e.MapGet(
                "/",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => (await s.PackageAsync(u, id, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary(
                "The enterprise's policy service package (a contact: only their own enterprise)"
            );
        e.MapPost(
                "/push",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => (await s.PushAsync(u, id, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary(
                "Pushes the package to the enterprise's contacts (in-app, live, e-mail; others to call)"
            );

        var a = app.MapGroup("/api/v1/policy-applications")
            .WithTags("Policies")
            .RequireAuthorization();
        a.MapGet(
                "/",
                async (
                    ClaimsPrincipal u,
                    PolicyService s,
                    CancellationToken ct,
                    Guid? enterpriseId,
                    Guid? policyId,
                    ApplicationStatus? status,
                    int? page,
                    int? pageSize
                ) =>
                    page is null && pageSize is null
                        ? Results.Ok(
                            (
                                await s.ApplicationsPageAsync(
                                    u,
                                    new ApplicationQuery(enterpriseId, policyId, status, 1, 500),
                                    ct
                                )
                            ).Items
                        )
                        : Results.Ok(
                            await s.ApplicationsPageAsync(
                                u,
                                new ApplicationQuery(
                                    enterpriseId,
                                    policyId,
                                    status,
                                    page ?? 1,
                                    pageSize ?? 50
                                ),
                                ct
                            )
                        )
            )
            .WithSummary(
                "Applications, newest first (a contact: their enterprise's; an editor: their buildings'), filtered by "
                    + "enterprise, policy and status; a plain list of up to 500, or with page/pageSize one page "
                    + "{items, page, pageSize, total}"
            );
        a.MapPost(
                "/",
                async (
                    ClaimsPrincipal u,
                    ApplicationInput input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (await s.ApplyAsync(u, input, ct)).ToHttp(
                        t,
                        x => Results.Created($"/api/v1/policy-applications/{x.Id}", x)
                    )
            )
            .WithSummary(
                "Applies for a policy (a contact, or staff on the enterprise's behalf); 409 if applied before"
            );
        a.MapPut(
                "/{id:guid}/decision",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    DecisionInput input,
                    PolicyService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => (await s.DecideAsync(u, id, input, ct)).ToHttp(t, Results.Ok)
            )
            .WithSummary(
                "Accepts, grants (amount in fen) or rejects (with a reason) an application of an enterprise in the "
                    + "editor's buildings; the enterprise's contacts are notified; 409 on a stale version"
            );

        var o = app.MapGroup("/api/v1/office-days").WithTags("Office days").RequireAuthorization();
        o.MapGet(
                "/",
                async (
                    ClaimsPrincipal u,
                    OfficeDayService s,
                    CancellationToken ct,
                    DateOnly? from
                ) => Results.Ok(await s.ListAsync(u, from, ct))
            )
            .WithSummary("Coming office days (现场办公日)");
        o.MapPost(
                "/",
                async (
                    ClaimsPrincipal u,
                    OfficeDayInput input,
                    OfficeDayService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (await s.CreateAsync(u, input, ct)).ToHttp(
                        t,
                        x => Results.Created($"/api/v1/office-days/{x.Id}", x)
                    )
            )
            .WithSummary("Schedules an office day: department, building, date, place, capacity");
        o.MapGet(
                "/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    OfficeDayService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    await s.GetAsync(u, id, ct) is { } d
                        ? Results.Ok(d)
                        : Platform.Problems.ProblemsSetup.Problem(t, 404, "Problem.NotFound")
            )
            .WithSummary("An office day with its sign-ups and questions (a contact: their own)");
        o.MapPost(
                "/{id:guid}/sign-ups",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    SignUpInput input,
                    OfficeDayService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    (await s.SignUpAsync(u, id, input, ct)).ToHttp(
                        t,
                        x => Results.Created($"/api/v1/office-days/{id}/sign-ups/{x.Id}", x)
                    )
            )
            .WithSummary(
                "Signs an enterprise up with a question; 409 when full (never overbooked) or signed up"
            );
    }
}
