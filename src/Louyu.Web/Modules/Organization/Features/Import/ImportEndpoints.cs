using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>One row problem as the API answers it: row number (header = 1), API field, message in the caller's language.</summary>
public sealed record ImportErrorResponse(int Row, string Field, string Message);

/// <summary>
/// The answer of POST …/import: <c>imported</c> (= <c>created</c> + <c>updated</c>; in a dry run, what would be),
/// the rows read, the rows without problems, the problems (at most 1,000 listed, all counted).
/// </summary>
public sealed record ImportResponse(
    int Imported,
    int Created,
    int Updated,
    int Rows,
    int Valid,
    int ErrorCount,
    int BadRows,
    bool DryRun,
    bool Partial,
    IReadOnlyList<ImportErrorResponse> Errors
)
{
    public static ImportResponse From(ImportResult r, IStringLocalizer<SharedResource> text) =>
        new(
            r.Imported,
            r.Created,
            r.Updated,
            r.Rows,
            r.Valid,
            r.ErrorCount,
            r.BadRows,
            r.DryRun,
            r.Partial,
            [.. r.Errors.Select(e => new ImportErrorResponse(e.Row, e.Field, text[e.Key, e.Args]))]
        );
}

/// <summary>
/// POST /api/v1/{members|enterprises}/import (multipart .xlsx, field <c>file</c>; <c>?partial=true</c>,
/// <c>?dryRun=true</c>), GET …/import/template and GET …/export (api.md "Organisation system").
/// </summary>
public static class ImportEndpoints
{
    public const string XlsxType =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members")
            .WithTags("Organisation")
            .RequireAuthorization();
        members
            .MapPost("/import", ImportMembersAsync)
            .WithSummary(
                "Imports members from an .xlsx (form field file); nothing is written when a row is bad unless ?partial=true; ?dryRun=true previews"
            );
        members
            .MapGet(
                "/import/template",
                (OrganizationSheets sheets) => Template(sheets, ImportColumnSet.Members)
            )
            .WithSummary(
                "The .xlsx template for a member import, headers in the caller's language"
            );
        members
            .MapGet("/export", ExportMembersAsync)
            .WithSummary(
                "Members in the caller's scope as .xlsx (same filters as the list, resident IDs and phones masked); audited"
            );

        var enterprises = app.MapGroup("/api/v1/enterprises")
            .WithTags("Organisation")
            .RequireAuthorization();
        enterprises
            .MapPost("/import", ImportEnterprisesAsync)
            .WithSummary(
                "Imports enterprises from an .xlsx (form field file); nothing is written when a row is bad unless ?partial=true; ?dryRun=true previews"
            );
        enterprises
            .MapGet(
                "/import/template",
                (OrganizationSheets sheets) => Template(sheets, ImportColumnSet.Enterprises)
            )
            .WithSummary(
                "The .xlsx template for an enterprise import, headers in the caller's language"
            );
        enterprises
            .MapGet("/export", ExportEnterprisesAsync)
            .WithSummary(
                "Enterprises in the caller's buildings as .xlsx (same filters as the list); audited"
            );
    }

    private static IResult Template(OrganizationSheets sheets, ImportColumnSet columns)
    {
        var (stream, name) = sheets.Template(columns);
        return TypedResults.File(stream, XlsxType, name);
    }

    private static Task<IResult> ImportMembersAsync(
        HttpContext ctx,
        bool? partial,
        bool? dryRun,
        MemberImporter importer,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        ImportAsync(
            ctx,
            text,
            (user, file) =>
                importer.ImportAsync(
                    user,
                    file,
                    new ImportOptions(partial ?? false, dryRun ?? false),
                    ct
                )
        );

    private static Task<IResult> ImportEnterprisesAsync(
        HttpContext ctx,
        bool? partial,
        bool? dryRun,
        EnterpriseImporter importer,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        ImportAsync(
            ctx,
            text,
            (user, file) =>
                importer.ImportAsync(
                    user,
                    file,
                    new ImportOptions(partial ?? false, dryRun ?? false),
                    ct
                )
        );

    /// <summary>
    /// Reads the upload (at most <see cref="ImportLimits.MaxFileBytes"/>; a larger one is a 413) and runs the import.
    /// A browser signed in with the cookie must send the antiforgery token; API clients use a bearer token.
    /// </summary>
    private static async Task<IResult> ImportAsync(
        HttpContext ctx,
        IStringLocalizer<SharedResource> text,
        Func<ClaimsPrincipal, Stream, Task<ImportRun>> run
    )
    {
        var request = ctx.Request;
        if (
            !request.Headers.Authorization.Any(h =>
                h?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
            )
        )
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx))
                return ProblemsSetup.Problem(
                    text,
                    400,
                    "Problem.MalformedRequest",
                    text["Import.Problem.Antiforgery"].Value
                );
        }
        if (request.ContentLength > ImportLimits.MaxFileBytes + 64 * 1024)
            return TooLarge(text);
        var size = ctx.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false })
            size.MaxRequestBodySize = ImportLimits.MaxFileBytes + 64 * 1024;
        if (!request.HasFormContentType)
            return BadFile(text, "Import.Problem.NoFile");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ctx.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return TooLarge(text);
        }
        catch (InvalidDataException)
        {
            return TooLarge(text);
        }
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null)
            return BadFile(text, "Import.Problem.NoFile");
        if (file.Length > ImportLimits.MaxFileBytes)
            return TooLarge(text);
        await using var stream = file.OpenReadStream();
        var outcome = await run(ctx.User, stream);
        return ToResult(outcome, text);
    }

    public static IResult ToResult(ImportRun outcome, IStringLocalizer<SharedResource> text)
    {
        if (outcome.Failure is { } f)
            return ProblemsSetup.Problem(
                text,
                f.Status,
                f.TitleKey,
                text[f.DetailKey, f.Args].Value
            );
        return TypedResults.Ok(ImportResponse.From(outcome.Result!, text));
    }

    private static IResult BadFile(IStringLocalizer<SharedResource> text, string key) =>
        ProblemsSetup.Problem(text, 400, "Import.Problem.BadFile", text[key].Value);

    private static IResult TooLarge(IStringLocalizer<SharedResource> text) =>
        ProblemsSetup.Problem(
            text,
            413,
            "Import.Problem.TooLarge",
            text["Import.Problem.TooLargeDetail", ImportLimits.MaxFileBytes / 1024 / 1024].Value
        );

    private static async Task<IResult> ExportMembersAsync(
        string? organizationId,
        string? enterpriseId,
        string? buildingId,
        string? status,
        string? q,
        string? organizationalStatus,
        ClaimsPrincipal user,
        OrganizationSheets sheets,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var outcome = await sheets.ExportMembersAsync(
            user,
            new MemberQuery(
                null,
                null,
                organizationId,
                enterpriseId,
                buildingId,
                status,
                q,
                organizationalStatus
            ),
            ct
        );
        return outcome.Refusal is null
            ? TypedResults.File(outcome.Value!.Stream, XlsxType, outcome.Value.FileName)
            : OutcomeResults.ToResult(outcome, text, _ => TypedResults.Ok());
    }

    private static async Task<IResult> ExportEnterprisesAsync(
        string? buildingId,
        string? industry,
        string? q,
        bool? present,
        ClaimsPrincipal user,
        OrganizationSheets sheets,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var outcome = await sheets.ExportEnterprisesAsync(
            user,
            new EnterpriseQuery(null, null, buildingId, industry, q, present ?? false),
            ct
        );
        return outcome.Refusal is null
            ? TypedResults.File(outcome.Value!.Stream, XlsxType, outcome.Value.FileName)
            : OutcomeResults.ToResult(outcome, text, _ => TypedResults.Ok());
    }
}
