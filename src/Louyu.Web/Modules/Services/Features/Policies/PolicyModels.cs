using System.Security.Claims;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>A service answer: a value, or a refusal (HTTP status, problem key, field errors).</summary>
public sealed record Result<T>(
    T? Value,
    int Status = 200,
    string? ProblemKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null
)
{
    public static Result<T> Ok(T value) => new(value);

    public static Result<T> Fail(int status, string key) => new(default, status, key);

    public static Result<T> Invalid(List<(string, string, object[])> errors) =>
        new(default, 400, "Problem.Validation", errors);

    public IResult ToHttp(IStringLocalizer<SharedResource> text, Func<T, IResult> ok) =>
        Status switch
        {
            200 => ok(Value!),
            400 => ProblemsSetup.Validation(text, [.. Errors ?? []]),
            _ => ProblemsSetup.Problem(text, Status, ProblemKey ?? "Problem.NotFound"),
        };
}

/// <summary>Who may do what with policies.</summary>
public static class PolicyAccess
{
    /// <summary>Edit the catalogue, decide applications, run matching: 系统管理员, 楼宇党委书记, 专职党务工作者.</summary>
    public static bool CanEdit(ClaimsPrincipal user) =>
        user.IsInRole(LouyuRoles.Administrator)
        || user.IsInRole(LouyuRoles.CommitteeSecretary)
        || user.IsInRole(LouyuRoles.PartyWorker);

    /// <summary>Serve enterprises (see packages, push, record applications, hold office days): editors and officers.</summary>
    public static bool CanServe(ClaimsPrincipal user) =>
        CanEdit(user) || user.IsInRole(LouyuRoles.DepartmentOfficer);

    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public static string Name(ClaimsPrincipal user) =>
        user.FindFirstValue("louyu:display_name") ?? user.Identity?.Name ?? "";
}

/// <summary>A policy as written by the form or the API.</summary>
public sealed record PolicyInput(
    string? Title,
    string? Issuer,
    string? DocumentNumber,
    DateOnly? ValidFrom,
    DateOnly? ValidUntil,
    string? Summary,
    string? FullText,
    string? HowToApply,
    string? Contact,
    string? Benefit,
    long? EstimatedAmountFen,
    bool GrantedWithoutApplication,
    PolicyCriteria? Criteria,
    int? Version
);

public sealed record PolicyDto(
    Guid Id,
    string Title,
    string Issuer,
    string? DocumentNumber,
    DateOnly ValidFrom,
    DateOnly? ValidUntil,
    string Summary,
    string? FullText,
    string? HowToApply,
    string? Contact,
    string? Benefit,
    long? EstimatedAmountFen,
    bool GrantedWithoutApplication,
    PolicyStatus Status,
    PolicyCriteria Criteria,
    int Version,
    DateTime? MatchedAtUtc,
    int Eligible,
    int Possible
);

/// <summary>A criterion reason for the reader: the code and arguments, and the text in the caller's language.</summary>
public sealed record ReasonDto(
    CriterionKind Kind,
    CriterionOutcome Outcome,
    string Code,
    string[] Args,
    string Text
);

public sealed record MatchDto(
    Guid EnterpriseId,
    string EnterpriseName,
    string BuildingName,
    MatchResult Result,
    IReadOnlyList<ReasonDto> Reasons,
    DateTime MatchedAtUtc
);

public sealed record Paged<T>(int Total, int PageNumber, int PageSize, IReadOnlyList<T> Items);

/// <summary>A page as api.md pages lists: <c>{ "items", "page", "pageSize", "total" }</c>.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Which applications to list (every filter optional), newest first.</summary>
public sealed record ApplicationQuery(
    Guid? EnterpriseId = null,
    Guid? PolicyId = null,
    ApplicationStatus? Status = null,
    int Page = 1,
    int PageSize = 50
);

public sealed record PackageItem(
    PolicyDto Policy,
    MatchResult Result,
    IReadOnlyList<ReasonDto> Reasons,
    ApplicationDto? Application
);

public sealed record PushDto(
    Guid Id,
    DateTime PushedAtUtc,
    string PushedByName,
    int PolicyCount,
    IReadOnlyList<RecipientDto> Recipients
);

public sealed record RecipientDto(string Name, string? Phone, bool Notified);

public sealed record PackageDto(
    Guid EnterpriseId,
    string EnterpriseName,
    string BuildingName,
    IReadOnlyList<PackageItem> Items,
    IReadOnlyList<PushDto> Pushes,
    long SavedFen
);

public sealed record ApplicationInput(Guid PolicyId, Guid EnterpriseId, string? Note);

/// <summary>Why an enterprise qualifies for a policy or not (the package's explanation), and its application if any.</summary>
public sealed record QualificationDto(
    Guid EnterpriseId,
    string EnterpriseName,
    string UnifiedSocialCreditCode,
    string BuildingName,
    MatchResult Result,
    IReadOnlyList<ReasonDto> Reasons,
    ApplicationDto? Application
);

public sealed record DecisionInput(
    ApplicationStatus Status,
    long? GrantedAmountFen,
    string? Note,
    int? Version
);

public sealed record ApplicationDto(
    Guid Id,
    Guid PolicyId,
    string PolicyTitle,
    Guid EnterpriseId,
    string? EnterpriseName,
    ApplicationStatus Status,
    DateTime AppliedAtUtc,
    string AppliedByName,
    bool RecordedByStaff,
    string? Note,
    DateTime? DecidedAtUtc,
    string? DecidedByName,
    string? DecisionNote,
    long? GrantedAmountFen,
    bool Automatic,
    int Version
);
