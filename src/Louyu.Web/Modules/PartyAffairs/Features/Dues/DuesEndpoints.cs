using System.Security.Claims;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// Party dues under /api/v1/dues (domain-rules §1): assessments, the branch ledger per month, payments, voluntary
/// extras, arrears, reports and the .xlsx export, and the member's own dues. POST /api/v1/dues/calculate stays in
/// <see cref="DuesCalculatorEndpoints"/>.
/// </summary>
public static class DuesEndpoints
{
    public static void MapDuesEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/dues").WithTags("Party affairs").RequireAuthorization();
        g.MapGet("/assessments", RosterAsync)
            .WithSummary(
                "The members of an organisation with their current assessment for a year (base masked)"
            );
        g.MapPost("/assessments", AssessAsync)
            .WithSummary(
                "Assesses a member for a year (201), or re-assesses mid-year with a reason (200); hardship needs the branch decision and the upper approval"
            );
        g.MapGet("/assessments/{id:guid}", GetAssessmentAsync)
            .WithSummary(
                "An assessment; ?reveal=true shows the declared base to allowed roles (audited)"
            );
        g.MapGet("/members/{memberId:guid}/assessments", HistoryAsync)
            .WithSummary("A member's assessments, current and superseded");
        g.MapGet("/organizations/{organizationId:guid}/ledger/{month}", LedgerAsync)
            .WithSummary("A branch's month: due, paid, status and arrears of each member");
        g.MapPost("/organizations/{organizationId:guid}/ledger/{month}/generate", GenerateAsync)
            .WithSummary("Generates the branch's month from the assessments (idempotent)");
        g.MapPost("/organizations/{organizationId:guid}/ledger/{month}/pay-all", PayAllAsync)
            .WithSummary("Marks the whole month of the branch paid");
        g.MapGet("/organizations/{organizationId:guid}/ledger/{month}/export", ExportLedgerAsync)
            .WithSummary("The branch's month as .xlsx");
        g.MapPost("/ledger/{month}/generate", GenerateAllAsync)
            .WithSummary(
                "Generates the month for every organisation in the caller's scope (idempotent)"
            );
        g.MapPost("/payments", PayAsync)
            .WithSummary(
                "Records a member's payment of one or several months; 422 for months older than 6 (第十一条) or paid by the organisation (第十四条); 409 if already paid"
            );
        g.MapPost("/voluntary", VoluntaryAsync)
            .WithSummary(
                "Records a voluntary extra payment; ≥ 1,000 yuan is flagged to forward upward (第十条)"
            );
        g.MapGet("/arrears", ArrearsAsync)
            .WithSummary(
                "Members with consecutive unpaid months: warning at 3, flag at 6 (第十三条)"
            );
        g.MapGet("/reports", ReportAsync)
            .WithSummary("Due, paid, rate and arrears by organization, building or month");
        g.MapGet("/reports/export", ExportReportAsync).WithSummary("A report as .xlsx");
        g.MapGet("/me", MineAsync)
            .WithSummary("The caller's own dues: monthly amount, months and arrears");
    }

    private static async Task<IResult> RosterAsync(
        Guid? organizationId,
        int? year,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (organizationId is null)
            return ProblemsSetup.Validation(text, ("organizationId", "Validation.Required", []));
        var (rows, p) = await service.RosterAsync(
            user,
            organizationId.Value,
            year ?? service.Today.Year,
            ct
        );
        return p is null ? TypedResults.Ok(new { items = rows }) : ToResult(p, text);
    }

    private static async Task<IResult> AssessAsync(
        AssessmentRequest request,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (a, created, p) = await service.AssessAsync(user, request, ct);
        if (p is not null)
            return ToResult(p, text);
        return created
            ? TypedResults.Created($"/api/v1/dues/assessments/{a!.Id}", a)
            : TypedResults.Ok(a);
    }

    private static async Task<IResult> GetAssessmentAsync(
        Guid id,
        bool? reveal,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (a, p) = await service.GetAssessmentAsync(user, id, reveal == true, ct);
        return p is null ? TypedResults.Ok(a) : ToResult(p, text);
    }

    private static async Task<IResult> HistoryAsync(
        Guid memberId,
        int? year,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (items, p) = await service.HistoryAsync(user, memberId, year, ct);
        return p is null ? TypedResults.Ok(new { items }) : ToResult(p, text);
    }

    private static async Task<IResult> LedgerAsync(
        Guid organizationId,
        string month,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (DuesMonth.Parse(month) is not { } m)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month]));
        var (l, p) = await service.LedgerAsync(user, organizationId, m, ct);
        return p is null ? TypedResults.Ok(l) : ToResult(p, text);
    }

    private static async Task<IResult> GenerateAsync(
        Guid organizationId,
        string month,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (DuesMonth.Parse(month) is not { } m)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month]));
        var (r, p) = await service.GenerateForAsync(user, organizationId, m, ct);
        return p is null ? TypedResults.Ok(r) : ToResult(p, text);
    }

    private static async Task<IResult> GenerateAllAsync(
        string month,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (DuesMonth.Parse(month) is not { } m)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month]));
        var (r, p) = await service.GenerateInScopeAsync(user, m, ct);
        return p is null ? TypedResults.Ok(r) : ToResult(p, text);
    }

    private static async Task<IResult> PayAllAsync(
        Guid organizationId,
        string month,
        PayAllRequest? request,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (DuesMonth.Parse(month) is not { } m)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month]));
        var (r, p) = await service.PayAllAsync(user, organizationId, m, request ?? new(), ct);
        return p is null ? TypedResults.Ok(r) : ToResult(p, text);
    }

    private static async Task<IResult> PayAsync(
        PaymentRequest request,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (r, p) = await service.PayAsync(user, request, ct);
        return p is null
            ? TypedResults.Created($"/api/v1/dues/payments/{r!.Id}", r)
            : ToResult(p, text);
    }

    private static async Task<IResult> VoluntaryAsync(
        VoluntaryRequest request,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (r, p) = await service.VoluntaryAsync(user, request, ct);
        return p is null
            ? TypedResults.Created($"/api/v1/dues/voluntary/{r!.Id}", r)
            : ToResult(p, text);
    }

    private static async Task<IResult> ArrearsAsync(
        Guid? organizationId,
        int? minimumMonths,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (rows, p) = await service.ArrearsAsync(
            user,
            organizationId,
            minimumMonths ?? DuesLedgerRules.WarningMonths,
            ct
        );
        return p is null ? TypedResults.Ok(new { items = rows }) : ToResult(p, text);
    }

    private static async Task<IResult> ReportAsync(
        string? month,
        string? by,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var m = month is null ? service.CurrentMonth : DuesMonth.Parse(month);
        if (m is null)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month!]));
        var (r, p) = await service.ReportAsync(user, m.Value, by ?? "organization", ct);
        return p is null ? TypedResults.Ok(r) : ToResult(p, text);
    }

    private static async Task<IResult> ExportReportAsync(
        string? month,
        string? by,
        ClaimsPrincipal user,
        DuesService service,
        DuesSheets sheets,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var m = month is null ? service.CurrentMonth : DuesMonth.Parse(month);
        if (m is null)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month!]));
        var (r, p) = await service.ReportAsync(user, m.Value, by ?? "organization", ct);
        if (p is not null)
            return ToResult(p, text);
        var file = sheets.Report(r!);
        await service.AuditBulkAsync(user, "Export", null, m.Value, r!.Items.Count, ct);
        return TypedResults.File(file.Content, DuesSheets.ContentType, file.Name);
    }

    private static async Task<IResult> ExportLedgerAsync(
        Guid organizationId,
        string month,
        ClaimsPrincipal user,
        DuesService service,
        DuesSheets sheets,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (DuesMonth.Parse(month) is not { } m)
            return ProblemsSetup.Validation(text, ("month", "Dues.MonthInvalid", [month]));
        var (l, p) = await service.LedgerAsync(user, organizationId, m, ct);
        if (p is not null)
            return ToResult(p, text);
        var file = sheets.Ledger(l!);
        await service.AuditBulkAsync(user, "Export", organizationId, m, l!.Items.Count, ct);
        return TypedResults.File(file.Content, DuesSheets.ContentType, file.Name);
    }

    private static async Task<IResult> MineAsync(
        int? year,
        ClaimsPrincipal user,
        DuesService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (r, p) = await service.MineAsync(user, year, ct);
        return p is null ? TypedResults.Ok(r) : ToResult(p, text);
    }

    /// <summary>The problem as an answer; its detail (a resource key) is shown with a plain status too.</summary>
    public static IResult ToResult(DuesProblem p, IStringLocalizer<SharedResource> text)
    {
        var detail = p.DetailKey is null ? null : text[p.DetailKey, p.DetailArgs ?? []].Value;
        return ServiceProblems.ToResult(
            p,
            text,
            "Dues.RuleRefused",
            detail + text["Dues.RuleSource", p.Source ?? ""].Value,
            statusDetail: detail
        );
    }
}
