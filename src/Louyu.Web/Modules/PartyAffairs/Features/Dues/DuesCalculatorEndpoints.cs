using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>The body of POST /api/v1/dues/calculate (api.md "Party affairs").</summary>
public sealed record DuesCalculationRequest(string? Category, long? MonthlyBaseFen);

/// <summary>The answer: amount in fen, the rate on the whole base (null for fixed amounts), bracket and rule.</summary>
public sealed record DuesCalculationResponse(
    long MonthlyDuesFen,
    decimal? Rate,
    string Bracket,
    string Rule
);

/// <summary>Deployment settings of the dues rules ([S] items of domain-rules §1).</summary>
public sealed class DuesOptions
{
    /// <summary>Farmers' monthly dues in fen, between 20 and 100 (Art. 6); default 20.</summary>
    public long FarmerMonthlyFen { get; set; } = DuesRules.FixedMinimumFen;
}

/// <summary>POST /api/v1/dues/calculate — the dues calculator (党费计算器).</summary>
public static class DuesCalculatorEndpoints
{
    public static void MapDuesCalculator(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/dues/calculate", Calculate)
            .WithTags("Party affairs")
            .WithSummary(
                "Monthly dues from category and monthly base in fen, with the rate, bracket and rule (中组发〔2008〕3号)"
            )
            .RequireAuthorization();

    /// <summary>Validates the request: the field errors (none when it can be computed).</summary>
    public static IReadOnlyList<(string Field, string Key, object[] Args)> Validate(
        DuesCalculationRequest r,
        out DuesCategory category
    )
    {
        var errors = new List<(string, string, object[])>();
        category = default;
        if (string.IsNullOrWhiteSpace(r.Category))
            errors.Add(("category", "Dues.CategoryRequired", []));
        else if (
            !Enum.TryParse(r.Category, ignoreCase: true, out category)
            || !Enum.IsDefined(category)
            || int.TryParse(r.Category, out _)
        )
            errors.Add(("category", "Dues.CategoryUnknown", [r.Category]));
        else if (DuesRules.UsesBase(category))
        {
            if (r.MonthlyBaseFen is null)
                errors.Add(("monthlyBaseFen", "Dues.BaseRequired", []));
            else if (r.MonthlyBaseFen < 0)
                errors.Add(("monthlyBaseFen", "Dues.BaseNegative", []));
            else if (r.MonthlyBaseFen > DuesRules.MaximumBaseFen)
                errors.Add(("monthlyBaseFen", "Dues.BaseTooLarge", []));
        }
        return errors;
    }

    private static IResult Calculate(
        DuesCalculationRequest request,
        Microsoft.Extensions.Options.IOptions<DuesOptions> options,
        IStringLocalizer<SharedResource> text
    )
    {
        var errors = Validate(request, out var category);
        if (errors.Count > 0)
            return ProblemsSetup.Validation(text, [.. errors]);
        var farmer = DuesRules.IsValidFarmerAmount(options.Value.FarmerMonthlyFen)
            ? options.Value.FarmerMonthlyFen
            : DuesRules.FixedMinimumFen;
        var a = DuesRules.Calculate(category, request.MonthlyBaseFen ?? 0, farmer);
        return TypedResults.Ok(
            new DuesCalculationResponse(a.MonthlyDuesFen, a.Rate, a.Bracket, a.Rule)
        );
    }
}
