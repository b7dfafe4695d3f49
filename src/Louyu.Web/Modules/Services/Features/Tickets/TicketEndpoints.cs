using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Louyu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>
/// /api/v1/tickets: file (Idempotency-Key header), list, detail and every workflow step. Scope is enforced in
/// <see cref="TicketService"/>'s queries (404 outside it); an illegal step is a 422 naming the rule; a stale
/// <c>version</c> a 409.
/// </summary>
public static class TicketEndpoints
{
    public static void MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/tickets").WithTags("Tickets").RequireAuthorization();
        g.MapPost("/", FileAsync)
            .WithSummary(
                "Files a ticket (header Idempotency-Key: the same key returns the same ticket, 200 instead of 201)"
            );
        g.MapGet("/", ListAsync)
            .WithSummary(
                "Tickets: scope=mine|queue|department|sentback|signed, status (comma separated), departmentId, page, pageSize"
            );
        g.MapGet("/{id:guid}", GetAsync)
            .WithSummary("A ticket with its history and the caller's allowed steps");
        g.MapPost(
                "/{id:guid}/sign",
                (
                    Guid id,
                    StepRequest? r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.SignAsync(u, id, r ?? new(), ct), t)
            )
            .WithSummary("签收: an officer of the department takes the ticket");
        g.MapPost(
                "/{id:guid}/send-back",
                (
                    Guid id,
                    SendBackRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.SendBackAsync(u, id, r, ct), t)
            )
            .WithSummary("退单 {reason}: back to the workstation to be re-routed");
        g.MapPost(
                "/{id:guid}/reroute",
                (
                    Guid id,
                    RerouteRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.RerouteAsync(u, id, r, ct), t)
            )
            .WithSummary(
                "改派 {serviceId, reason}: a manager routes a sent-back ticket; a new clock starts"
            );
        g.MapPost(
                "/{id:guid}/notes",
                (
                    Guid id,
                    NoteRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.NoteAsync(u, id, r, ct), t)
            )
            .WithSummary("A note {note, public}: internal notes are hidden from the filer");
        g.MapPost(
                "/{id:guid}/request-documents",
                (
                    Guid id,
                    RequestDocumentsRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.RequestDocumentsAsync(u, id, r, ct), t)
            )
            .WithSummary("补件 {what}: the clock stops until the documents arrive");
        g.MapPost(
                "/{id:guid}/documents-received",
                (
                    Guid id,
                    StepRequest? r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.DocumentsReceivedAsync(u, id, r ?? new(), ct), t)
            )
            .WithSummary(
                "Documents arrived (filer or officer): the clock runs again, the deadline moves later"
            );
        g.MapPost(
                "/{id:guid}/extension",
                (
                    Guid id,
                    ExtensionRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.RequestExtensionAsync(u, id, r, ct), t)
            )
            .WithSummary(
                "延期 {workingDays, reason}: asked before the deadline; a manager decides"
            );
        g.MapPost(
                "/{id:guid}/extension/{decision}",
                (
                    Guid id,
                    string decision,
                    StepRequest? r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.DecideExtensionAsync(u, id, decision, r ?? new(), ct), t)
            )
            .WithSummary("approve|refuse the pending extension (workstation manager)");
        g.MapPost(
                "/{id:guid}/reply",
                (
                    Guid id,
                    ReplyRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.ReplyAsync(u, id, r, ct), t)
            )
            .WithSummary("答复 {reply}");
        g.MapPost(
                "/{id:guid}/close",
                (
                    Guid id,
                    StepRequest? r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.CloseAsync(u, id, r ?? new(), ct), t)
            )
            .WithSummary("办结 a replied ticket");
        g.MapPost(
                "/{id:guid}/rate",
                (
                    Guid id,
                    RateRequest r,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) => Done(s.RateAsync(u, id, r, ct), t)
            )
            .WithSummary(
                "评价 {grade: VerySatisfied…VeryDissatisfied, comment} (filer); dissatisfied reopens for a second round"
            );
        g.MapPost("/{id:guid}/attachments", AttachAsync)
            .DisableAntiforgery()
            .WithSummary(
                "Attaches a file (multipart field 'file'; PDF, JPEG, PNG, Word, Excel; ≤ 10 MB)"
            );
        g.MapGet(
                "/{id:guid}/attachments",
                async (
                    Guid id,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                {
                    var (list, p) = await s.AttachmentsAsync(u, id, ct);
                    return p is null ? Results.Ok(list) : ToResult(p, t);
                }
            )
            .WithSummary("The ticket's attachments");
        g.MapGet(
                "/{id:guid}/attachments/{attachmentId:guid}",
                async (
                    Guid id,
                    Guid attachmentId,
                    ClaimsPrincipal u,
                    TicketService s,
                    IStringLocalizer<SharedResource> t,
                    CancellationToken ct
                ) =>
                    await s.AttachmentFileAsync(u, id, attachmentId, ct) is { } f
                        ? Results.File(f.Path, f.ContentType, f.FileName)
                        : ProblemsSetup.Problem(t, 404, "Problem.NotFound")
            )
            .WithSummary("An attachment's file");
    }

    private static async Task<IResult> FileAsync(
        NewTicketRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        TicketService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (result, p) = await service.FileAsync(user, request, idempotencyKey, ct);
        if (p is not null)
            return ToResult(p, text);
        if (!result!.Succeeded)
            return TypedResults.ValidationProblem(
                result.Errors,
                title: text["Problem.Validation"].Value
            );
        var t = result.Ticket!;
        return t.AlreadyFiled ? Results.Ok(t) : Results.Created($"/api/v1/tickets/{t.Id}", t);
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        TicketService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct,
        string? scope = null,
        string? status = null,
        Guid? departmentId = null,
        int page = 1,
        int pageSize = 50
    )
    {
        var (list, p) = await service.ListAsync(
            user,
            scope,
            status,
            departmentId,
            page,
            pageSize,
            ct
        );
        return p is null ? Results.Ok(list) : ToResult(p, text);
    }

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        TicketService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (t, p) = await service.GetAsync(user, id, ct);
        return p is null ? Results.Ok(t) : ToResult(p, text);
    }

    private static async Task<IResult> AttachAsync(
        Guid id,
        HttpRequest request,
        ClaimsPrincipal user,
        TicketService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (await FormFiles.FileAsync(request, ct) is not { } file)
            return ProblemsSetup.Validation(text, ("file", "Validation.Required", []));
        await using var s = file.OpenReadStream();
        var (a, p) = await service.AttachAsync(user, id, file.FileName, file.Length, s, ct);
        return p is null ? Results.Created(a!.Url, a) : ToResult(p, text);
    }

    private static async Task<IResult> Done(
        Task<(TicketDetail?, TicketProblem?)> step,
        IStringLocalizer<SharedResource> text
    )
    {
        var (t, p) = await step;
        return p is null ? Results.Ok(t) : ToResult(p, text);
    }

    /// <summary>The problem as an answer; a refusal's <c>rule</c> is the rule as written, with its arguments.</summary>
    public static IResult ToResult(TicketProblem p, IStringLocalizer<SharedResource> text)
    {
        var rule = p.Rule is null ? null : text[p.Rule, p.RuleArgs ?? []].Value;
        return ServiceProblems.ToResult(
            p,
            text,
            "Problem.RuleRefused",
            $"{rule}（{p.Source}）",
            rule
        );
    }
}
