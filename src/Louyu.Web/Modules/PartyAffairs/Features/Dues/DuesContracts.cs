using System.Globalization;
using Louyu.Web.Platform.Problems;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// POST /api/v1/dues/assessments: a member's assessment for a year. A second one for the same year is a mid-year
/// re-assessment and needs <see cref="Reason"/>; it applies from <see cref="EffectiveFrom"/> (default today).
/// Hardship relief (<see cref="Hardship"/> = Reduced | Waived) needs the branch decision and the upper approval.
/// </summary>
public sealed record AssessmentRequest(
    Guid? MemberId,
    int? Year,
    string? Category,
    long? MonthlyBaseFen,
    string? EffectiveFrom = null,
    string? Reason = null,
    string? Hardship = null,
    long? ReducedFen = null,
    string? BranchDecisionOn = null,
    string? BranchDecisionRef = null,
    string? ApprovalOn = null,
    string? ApprovalRef = null
);

/// <summary>An assessment; the base is masked unless revealed to a caller allowed to see it (audited).</summary>
public sealed record AssessmentResponse(
    Guid Id,
    Guid MemberId,
    string MemberName,
    Guid OrganizationId,
    int Year,
    string Category,
    string MonthlyBase,
    long? MonthlyBaseFen,
    long AssessedFen,
    string AssessedYuan,
    long MonthlyFen,
    string MonthlyYuan,
    decimal? Rate,
    string Bracket,
    string Rule,
    string Hardship,
    long? ReducedFen,
    DateOnly? BranchDecisionOn,
    string? BranchDecisionRef,
    DateOnly? ApprovalOn,
    string? ApprovalRef,
    string FirstMonth,
    string? LastMonth,
    bool Current,
    string? Reason,
    DateTime AssessedAtUtc,
    int Version
);

/// <summary>A member of an organisation with their current assessment for the year (null when not yet assessed).</summary>
public sealed record AssessmentRosterRow(
    Guid MemberId,
    string Name,
    bool IsProbationary,
    DateOnly? JoinedOn,
    AssessmentResponse? Assessment
);

/// <summary>One member's month in the ledger, with their arrears as of the ledger month.</summary>
public sealed record LedgerRow(
    Guid MemberId,
    string MemberName,
    string Month,
    long DueFen,
    string DueYuan,
    long PaidFen,
    string PaidYuan,
    string Status,
    DateOnly? PaidOn,
    int ArrearsMonths,
    string Arrears,
    string? ArrearsRule
);

/// <summary>GET /api/v1/dues/organizations/{id}/ledger/{month}: the branch's month with its totals.</summary>
public sealed record LedgerResponse(
    Guid OrganizationId,
    string OrganizationName,
    string Month,
    bool Generated,
    long DueFen,
    string DueYuan,
    long PaidFen,
    string PaidYuan,
    int PaidCount,
    int UnpaidCount,
    int WaivedCount,
    IReadOnlyList<LedgerRow> Items,
    int UnassessedMembers
);

public sealed record GenerateResponse(string Month, int Created, int Total);

/// <summary>
/// POST /api/v1/dues/payments: one member's months (one, or several at once — quarterly), paid by the member or a
/// proxy with the branch's consent; the organisation may not pay (Art. 14).
/// </summary>
public sealed record PaymentRequest(
    Guid? MemberId,
    IReadOnlyList<string>? Months,
    string? PaidOn = null,
    string? Payer = null,
    string? ProxyName = null,
    string? ConsentOn = null,
    string? ConsentNote = null
);

public sealed record PaymentResponse(
    Guid Id,
    Guid MemberId,
    IReadOnlyList<string> Months,
    long AmountFen,
    string AmountYuan,
    DateOnly PaidOn,
    string Payer,
    string? ProxyName
);

public sealed record PayAllRequest(string? PaidOn = null);

public sealed record PayAllResponse(string Month, int Paid, long AmountFen, string AmountYuan);

/// <summary>POST /api/v1/dues/voluntary: a voluntary extra payment (§1.10).</summary>
public sealed record VoluntaryRequest(
    Guid? MemberId,
    long? AmountFen,
    string? PaidOn = null,
    string? Note = null
);

public sealed record VoluntaryResponse(
    Guid Id,
    Guid MemberId,
    long AmountFen,
    string AmountYuan,
    DateOnly PaidOn,
    bool ForwardUpward,
    string? Rule
);

/// <summary>A member with consecutive unpaid months: warning from 3, flag at 6 (Art. 13).</summary>
public sealed record ArrearsRow(
    Guid MemberId,
    string MemberName,
    Guid OrganizationId,
    string OrganizationName,
    int Months,
    string Level,
    string Rule
);

/// <summary>A line of a dues report: a branch, a building or a month, with due, paid, rate and arrears.</summary>
public sealed record DuesReportRow(
    string Key,
    string Name,
    int Members,
    long DueFen,
    string DueYuan,
    long PaidFen,
    string PaidYuan,
    double Rate,
    int ArrearsCount
);

public sealed record DuesReport(
    string By,
    string Month,
    IReadOnlyList<DuesReportRow> Items,
    DuesReportRow Total
);

/// <summary>GET /api/v1/dues/me: a member's own monthly amount, months and arrears.</summary>
public sealed record MyDuesResponse(
    Guid MemberId,
    string Name,
    int Year,
    long? MonthlyFen,
    string? MonthlyYuan,
    string? Bracket,
    string? Rule,
    string? Hardship,
    IReadOnlyList<LedgerRow> Months,
    int ArrearsMonths,
    string Arrears,
    string? ArrearsRule
);

/// <summary>Why a dues request failed: 400 with field errors, 403, 404, 409, or 422 naming a rule and its source.</summary>
public sealed record DuesProblem(
    int Status,
    string? TitleKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null,
    string? Rule = null,
    string? Source = null,
    string? DetailKey = null,
    object[]? DetailArgs = null
) : IServiceProblem
{
    public static DuesProblem Invalid(string field, string key, params object[] args) =>
        new(400, Errors: [(field, key, args)]);

    public static readonly DuesProblem NotFound = new(404, "Problem.NotFound");
    public static readonly DuesProblem Forbidden = new(403, "Problem.OutOfScope");
}

/// <summary>Amounts as people read them.</summary>
public static class Yuan
{
    public static string Of(long fen) =>
        (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Of(long? fen) => fen is null ? "" : Of(fen.Value);
}
