using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

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
    }

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

    private static IResult ToResult(CaseProblem p, IStringLocalizer<SharedResource> text)
    {
        if (p.Errors is { Count: > 0 })
            return ProblemsSetup.Validation(text, [.. p.Errors]);
        if (p.Rule is null)
            return ProblemsSetup.Problem(text, p.Status, p.TitleKey ?? "Problem.NotFound");
        var detail =
            p.Detail is not null && p.Detail.StartsWith("Development.", StringComparison.Ordinal)
                ? text[p.Detail].Value
                : p.Detail;
        return TypedResults.Problem(
            title: text[p.TitleKey ?? "Development.RuleRefused"].Value,
            detail: detail,
            statusCode: p.Status,
            extensions: new Dictionary<string, object?> { ["rule"] = p.Rule, ["source"] = p.Source }
        );
    }
}
