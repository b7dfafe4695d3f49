using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>
/// /api/v1/transfers: list (paged, <c>?overdue=true</c> for receipts past due), create (a letter, or an arrival from
/// outside), read, accept (receiving side, inside Louyu), record the receipt (sending side, outbound) and the
/// letter as a PDF.
/// </summary>
public static class TransferEndpoints
{
    public static void MapTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/transfers").WithTags("Party affairs").RequireAuthorization();
        g.MapGet("/", ListAsync)
            .WithSummary("Transfers in the caller's scope, newest first; overdue receipts counted");
        g.MapPost("/", CreateAsync)
            .WithSummary(
                "Issues a transfer letter (Internal, BetweenBuildings, Outbound) or registers an arrival (Inbound)"
            );
        g.MapGet("/{id:guid}", GetAsync).WithSummary("A transfer");
        g.MapPost("/{id:guid}/accept", AcceptAsync)
            .WithSummary(
                "The receiving organisation accepts: the member's relationship moves there"
            );
        g.MapPost("/{id:guid}/receipt", ReceiptAsync)
            .WithSummary(
                "The sending organisation records the receipt (回执) of an outbound transfer"
            );
        g.MapGet("/{id:guid}/letter.pdf", LetterAsync)
            .WithSummary(
                "The letter (存根 / 介绍信 / 回执) as a PDF; the full resident ID is printed and the read audited"
            );
    }

    private static async Task<IResult> ListAsync(
        [AsParameters] TransferQuery query,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (page, problem) = await service.ListAsync(user, query, ct);
        return problem is null
            ? TypedResults.Ok(page)
            : PartyProblemResults.ToResult(problem, text);
    }

    private static async Task<IResult> CreateAsync(
        NewTransferRequest request,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (t, problem) = await service.CreateAsync(user, request, ct);
        return problem is null
            ? TypedResults.Created($"/api/v1/transfers/{t!.Id}", t)
            : PartyProblemResults.ToResult(problem, text);
    }

    private static async Task<IResult> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (t, problem) = await service.GetAsync(user, id, ct);
        return problem is null ? TypedResults.Ok(t) : PartyProblemResults.ToResult(problem, text);
    }

    private static async Task<IResult> AcceptAsync(
        Guid id,
        ReceiptRequest request,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (t, problem) = await service.AcceptAsync(user, id, request, ct);
        return problem is null ? TypedResults.Ok(t) : PartyProblemResults.ToResult(problem, text);
    }

    private static async Task<IResult> ReceiptAsync(
        Guid id,
        ReceiptRequest request,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (t, problem) = await service.RecordReceiptAsync(user, id, request, ct);
        return problem is null ? TypedResults.Ok(t) : PartyProblemResults.ToResult(problem, text);
    }

    private static async Task<IResult> LetterAsync(
        Guid id,
        ClaimsPrincipal user,
        TransferService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        try
        {
            var (pdf, number, problem) = await service.LetterAsync(user, id, ct);
            if (problem is not null)
                return PartyProblemResults.ToResult(problem, text);
            var file =
                $"transfer-letter-{number!.Trim('〔').Replace("〕第", "-", StringComparison.Ordinal).TrimEnd('号')}.pdf";
            return TypedResults.File(pdf!, "application/pdf", file);
        }
        catch (LetterFontMissingException e)
        {
            return ProblemsSetup.Problem(text, 503, "Transfers.NoFont", e.Message);
        }
    }
}
