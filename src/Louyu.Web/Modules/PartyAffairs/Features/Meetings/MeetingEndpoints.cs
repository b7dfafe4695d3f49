using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Louyu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// /api/v1/meetings (list, schedule, detail, record, leave, photos), /api/v1/meetings/evaluations (民主评议党员) and
/// /api/v1/compliance (board, branch calendar). Scope is enforced in the services' queries.
/// </summary>
public static class MeetingEndpoints
{
    public static void MapMeetingEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/meetings").WithTags("Meetings").RequireAuthorization();
        g.MapGet("/", ListAsync)
            .WithSummary("Meetings in the caller's scope (a member: those they are invited to)");
        g.MapPost("/", CreateAsync).WithSummary("Schedules a meeting; the attendees are notified");
        g.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A meeting with attendance, photos and quorum");
        g.MapPut("/{id:guid}/record", RecordAsync)
            .WithSummary(
                "Records attendance, minutes and resolutions; 422 without quorum (支委会, 党员大会)"
            );
        g.MapPost("/{id:guid}/leave", LeaveAsync)
            .WithSummary("An invited member asks for leave, with a reason");
        g.MapPost("/{id:guid}/photos", PhotoAsync)
            .DisableAntiforgery()
            .WithSummary(
                "Uploads a photo (multipart field 'file'; JPEG, PNG or WebP; size limited)"
            );
        g.MapGet("/{id:guid}/photos/{photoId:guid}", PhotoFileAsync)
            .WithSummary("A photo of a meeting");
        g.MapPost("/evaluations", CreateEvaluationAsync)
            .WithSummary("Opens the yearly 民主评议党员 of a branch");
        g.MapGet("/evaluations/{id:guid}", GetEvaluationAsync)
            .WithSummary("An evaluation with its results");
        g.MapPost("/evaluations/{id:guid}/ballots", BallotAsync)
            .WithSummary("Casts a ballot (one per voter)");

        var c = app.MapGroup("/api/v1/compliance").WithTags("Meetings").RequireAuthorization();
        c.MapGet(
                "/board",
                async (
                    ClaimsPrincipal user,
                    ComplianceService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct,
                    Guid? buildingId = null
                ) =>
                    await service.BoardAsync(user, buildingId, ct) is { } board
                        ? Results.Ok(board)
                        : ProblemsSetup.Problem(text, 403, "Problem.OutOfScope")
            )
            .WithSummary(
                "Red / amber / green per building and for the district (with buildingId: its branches)"
            );
        c.MapGet(
                "/branches/{id:guid}",
                async (
                    Guid id,
                    ClaimsPrincipal user,
                    ComplianceService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                    await service.CalendarAsync(user, id, ct) is { } cal
                        ? Results.Ok(cal)
                        : ProblemsSetup.Problem(text, 404, "Problem.NotFound")
            )
            .WithSummary("A branch's compliance calendar: each kind's periods, held or missing");
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        MeetingService service,
        CancellationToken ct,
        Guid? organizationId = null,
        bool upcoming = false,
        int page = 1,
        int pageSize = 50
    ) => Results.Ok(await service.ListAsync(user, organizationId, upcoming, page, pageSize, ct));

    private static async Task<IResult> CreateAsync(
        NewMeetingRequest request,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (m, p) = await service.CreateAsync(user, request, ct);
        return p is null ? Results.Created($"/api/v1/meetings/{m!.Id}", m) : ToResult(p, text);
    }

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (m, p) = await service.GetAsync(user, id, ct);
        return p is null ? Results.Ok(m) : ToResult(p, text);
    }

    private static async Task<IResult> RecordAsync(
        Guid id,
        RecordRequest request,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (m, p) = await service.RecordAsync(user, id, request, ct);
        return p is null ? Results.Ok(m) : ToResult(p, text);
    }

    private static async Task<IResult> LeaveAsync(
        Guid id,
        LeaveRequest request,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (m, p) = await service.LeaveAsync(user, id, request, ct);
        return p is null ? Results.Ok(m) : ToResult(p, text);
    }

    private static async Task<IResult> PhotoAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (await FormFiles.FileAsync(request, ct) is not { } file)
            return ProblemsSetup.Validation(text, ("file", "Validation.Required", []));
        await using var s = file.OpenReadStream();
        var (photo, p) = await service.AddPhotoAsync(user, id, file.FileName, file.Length, s, ct);
        return p is null ? Results.Created(photo!.Url, photo) : ToResult(p, text);
    }

    private static async Task<IResult> PhotoFileAsync(
        Guid id,
        Guid photoId,
        ClaimsPrincipal user,
        MeetingService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        await service.PhotoFileAsync(user, id, photoId, ct) is { } f
            ? Results.File(f.Path, f.ContentType)
            : ProblemsSetup.Problem(text, 404, "Problem.NotFound");

    private static async Task<IResult> CreateEvaluationAsync(
        NewEvaluationRequest request,
        ClaimsPrincipal user,
        EvaluationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (e, p) = await service.CreateAsync(user, request, ct);
        return p is null
            ? Results.Created($"/api/v1/meetings/evaluations/{e!.Id}", e)
            : ToResult(p, text);
    }

    private static async Task<IResult> GetEvaluationAsync(
        Guid id,
        ClaimsPrincipal user,
        EvaluationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (e, p) = await service.GetAsync(user, id, ct);
        return p is null ? Results.Ok(e) : ToResult(p, text);
    }

    private static async Task<IResult> BallotAsync(
        Guid id,
        BallotRequest request,
        ClaimsPrincipal user,
        EvaluationService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (e, p) = await service.CastAsync(user, id, request, ct);
        return p is null
            ? Results.Created($"/api/v1/meetings/evaluations/{id}", e)
            : ToResult(p, text);
    }

    public static IResult ToResult(MeetingProblem p, IStringLocalizer<SharedResource> text) =>
        ServiceProblems.ToResult(p, text, "Meetings.QuorumNotMet", p.Detail);
}
