using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.PartyAffairs.Features.Development;

/// <summary>
/// POST /api/v1/development/cases, GET /api/v1/development/cases/{id}, POST …/{id}/steps/{stepNo}
/// (api.md "Party affairs": 422 naming the rule when a step breaks one, 400 for a date in the future).
/// </summary>
public static class DevelopmentEndpoints
{
    public static void MapDevelopmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/development/cases")
            .WithTags("Party affairs")
            .RequireAuthorization();
        group
            .MapPost("/", CreateAsync)
            .WithSummary(
                "Opens a case with the application (step 1); 422 when under 18 (细则 第五条)"
            );
        group
            .MapGet("/{id:guid}", GetAsync)
            .WithSummary("A case: stage, steps and what is due next");
        group
            .MapPost("/{id:guid}/steps/{stepNo:int}", StepAsync)
            .WithSummary(
                "Records a step, judged by the rule book (422 naming the rule when refused)"
            );
        group
            .MapPost(
                "/{id:guid}/probation/extension",
                (
                    Guid id,
                    ProbationExtensionRequest request,
                    ClaimsPrincipal user,
                    DevelopmentService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(service.ExtendProbationAsync(user, id, request, ct), text)
            )
            .WithSummary(
                "Extends probation once by 6–12 months {months, decidedOn, reason}; 422 naming the rule otherwise"
            );
        group
            .MapPost(
                "/{id:guid}/probation/cancellation",
                (
                    Guid id,
                    CaseDecisionRequest request,
                    ClaimsPrincipal user,
                    DevelopmentService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(service.CancelProbationAsync(user, id, request, ct), text)
            )
            .WithSummary("Cancels probation {decidedOn, reason}; the case is closed");
        group
            .MapPost(
                "/{id:guid}/approval/extension",
                (
                    Guid id,
                    CaseDecisionRequest request,
                    ClaimsPrincipal user,
                    DevelopmentService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) => Answer(service.ExtendApprovalAsync(user, id, request, ct), text)
            )
            .WithSummary(
                "Extends the higher committee's approval period from 3 to 6 months {decidedOn, reason}"
            );
        group
            .MapPost("/{id:guid}/documents", AttachAsync)
            .WithSummary(
                "Attaches a document (multipart: stepNo, kind, datedOn, file — PDF/JPEG/PNG/.docx, ≤ 10 MB)"
            );
        group
            .MapGet("/{id:guid}/documents/{documentId:guid}", DocumentAsync)
            .WithSummary("A document's file");

        var branches = app.MapGroup("/api/v1/development/branches")
            .WithTags("Party affairs")
            .RequireAuthorization();
        branches
            .MapGet(
                "/",
                async (ClaimsPrincipal user, DevelopmentService service, CancellationToken ct) =>
                    TypedResults.Ok(await service.BranchesAsync(user, ct))
            )
            .WithSummary("Organisations with development cases: cases, late, due within 30 days");
        branches
            .MapGet(
                "/{organizationId:guid}",
                async Task<IResult> (
                    Guid organizationId,
                    ClaimsPrincipal user,
                    DevelopmentService service,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                    await service.BranchAsync(user, organizationId, ct) is { } b
                        ? TypedResults.Ok(b)
                        : ProblemsSetup.Problem(text, 404, "Problem.NotFound")
            )
            .WithSummary("One organisation's cases, late first, with what is due next");

        var rules = app.MapGroup("/api/v1/development/rules")
            .WithTags("Party affairs")
            .RequireAuthorization();
        rules
            .MapGet(
                "/",
                async (DevelopmentRuleAdmin admin, CancellationToken ct) =>
                    TypedResults.Ok(await admin.BookAsync(Chinese, ct))
            )
            .WithSummary("The rule book table: stages, steps, rules with their limits and sources");
        rules
            .MapGet(
                "/history",
                async (string? ruleId, DevelopmentRuleAdmin admin, CancellationToken ct) =>
                    TypedResults.Ok(await admin.HistoryAsync(ruleId, ct))
            )
            .WithSummary("Changes of the rules, newest first");
        rules
            .MapPut(
                "/{id}",
                async Task<IResult> (
                    string id,
                    RuleUpdateRequest request,
                    ClaimsPrincipal user,
                    DevelopmentRuleAdmin admin,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                {
                    var (rule, problem) = await admin.UpdateAsync(user, id, request, Chinese, ct);
                    return problem is null ? TypedResults.Ok(rule) : ToResult(problem, text);
                }
            )
            .RequireAuthorization(p => p.RequireRole(DevelopmentRuleAdmin.Editors))
            .WithSummary(
                "Changes a rule's limits or source {version, reason, source, limits: {months: 3}}; recorded in the history"
            );
    }

    private static bool Chinese =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith(
            "zh",
            StringComparison.Ordinal
        );

    private static async Task<IResult> Answer(
        Task<(CaseResponse? Case, CaseProblem? Problem)> run,
        IStringLocalizer<SharedResource> text
    )
    {
        var (c, problem) = await run;
        return problem is null ? TypedResults.Ok(c) : ToResult(problem, text);
    }

    private static async Task<IResult> AttachAsync(
        Guid id,
        HttpContext ctx,
        DevelopmentService service,
        IOptions<DevelopmentOptions> options,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var request = ctx.Request;
        var bearer = request.Headers.Authorization.Any(h =>
            h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
        );
        if (
            !bearer
            && !await ctx
                .RequestServices.GetRequiredService<IAntiforgery>()
                .IsRequestValidAsync(ctx)
        )
            return ProblemsSetup.Problem(text, 400, "Problem.MalformedRequest");
        var max = options.Value.MaxDocumentBytes;
        var tooLarge = ProblemsSetup.Validation(
            text,
            ("file", "Development.Documents.TooLarge", [max / (1024 * 1024)])
        );
        if (request.ContentLength > max + 64 * 1024)
            return tooLarge;
        var size = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false })
            size.MaxRequestBodySize = max + 64 * 1024;
        if (!request.HasFormContentType)
            return ProblemsSetup.Validation(text, ("file", "Development.Documents.NoFile", []));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return tooLarge;
        }
        var file = form.Files.GetFile("file");
        byte[]? content = null;
        if (file is { Length: > 0 } && file.Length <= max)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var (c, problem) = await service.AttachAsync(
            ctx.User,
            id,
            new DocumentUpload(
                form["stepNo"].FirstOrDefault(),
                form["kind"].FirstOrDefault(),
                form["datedOn"].FirstOrDefault(),
                file?.FileName,
                file?.Length ?? 0,
                content
            ),
            ct
        );
        return problem is null
            ? TypedResults.Created($"/api/v1/development/cases/{id}", c)
            : ToResult(problem, text);
    }

    private static async Task<IResult> DocumentAsync(
        Guid id,
        Guid documentId,
        ClaimsPrincipal user,
        DevelopmentService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        await service.OpenDocumentAsync(user, id, documentId, ct) is { } d
            ? TypedResults.File(d.Content, d.ContentType, d.FileName)
            : ProblemsSetup.Problem(text, 404, "Problem.NotFound");

    private static async Task<IResult> CreateAsync(
        NewCaseRequest request,
        ClaimsPrincipal user,
        DevelopmentService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (c, problem) = await service.CreateAsync(user, request, ct);
        return problem is null
            ? TypedResults.Created($"/api/v1/development/cases/{c!.Id}", c)
            : ToResult(problem, text);
    }

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        DevelopmentService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (c, problem) = await service.GetAsync(user, id, ct);
        return problem is null ? TypedResults.Ok(c) : ToResult(problem, text);
    }

    private static async Task<IResult> StepAsync(
        Guid id,
        int stepNo,
        StepRequest request,
        ClaimsPrincipal user,
        DevelopmentService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (c, problem) = await service.RecordStepAsync(user, id, stepNo, request, ct);
        return problem is null ? TypedResults.Ok(c) : ToResult(problem, text);
    }

    private static IResult ToResult(CaseProblem p, IStringLocalizer<SharedResource> text) =>
        ServiceProblems.ToResult(
            p,
            text,
            "Development.RuleRefused",
            p.Detail is not null && p.Detail.StartsWith("Development.", StringComparison.Ordinal)
                ? text[p.Detail].Value
                : p.Detail
        );
}
