using System.Security.Claims;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Problems;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>POST /api/v1/tickets. An officer filing at the desk gives channel WalkIn or Phone and the filer's name and phone.</summary>
public sealed record NewTicketRequest(
    Guid? ServiceId,
    string? Description,
    Guid? EnterpriseId = null,
    string? Channel = null,
    string? FilerName = null,
    string? FilerPhone = null,
    string? FilerEmail = null,
    string? Address = null,
    IReadOnlyDictionary<string, string>? Attributes = null
);

public sealed record StepRequest(int? Version = null, string? Note = null);

public sealed record SendBackRequest(string? Reason, int? Version = null);

public sealed record RerouteRequest(Guid? ServiceId, string? Reason = null, int? Version = null);

public sealed record NoteRequest(string? Note, bool Public = false);

public sealed record RequestDocumentsRequest(string? What, int? Version = null);

public sealed record ExtensionRequest(int? WorkingDays, string? Reason, int? Version = null);

public sealed record ReplyRequest(string? Reply, int? Version = null);

public sealed record RateRequest(string? Grade, string? Comment = null, int? Version = null);

/// <summary>A ticket in a list.</summary>
public sealed record TicketRow(
    Guid Id,
    string Number,
    Guid ServiceId,
    string ServiceName,
    Guid DepartmentId,
    string DepartmentCode,
    string DepartmentName,
    string Type,
    string Status,
    string Channel,
    Guid? EnterpriseId,
    string FilerName,
    string Summary,
    DateTime FiledAtUtc,
    DateOnly DueOn,
    string SlaState,
    int RemainingWorkingDays,
    string? OfficerUserId,
    string? OfficerName,
    int Round,
    bool FollowUpRequired,
    bool ExtensionPending,
    string? Rating,
    int Version
);

public sealed record TicketEventView(
    Guid Id,
    DateTime AtUtc,
    string Kind,
    string? StatusAfter,
    string? ActorName,
    string? Note,
    bool Public
);

public sealed record TicketAttributeView(string Code, string Label, string Value);

public sealed record AttachmentView(
    Guid Id,
    string FileName,
    string ContentType,
    long SizeBytes,
    string? UploadedByName,
    DateTime UploadedAtUtc,
    string Url
);

/// <summary>A ticket with its history. <see cref="Actions"/>: the steps the caller may take now (TicketStep names).</summary>
public sealed record TicketDetail(
    TicketRow Ticket,
    string Description,
    string? FilerPhone,
    string? FilerEmail,
    string? Address,
    string? Reply,
    DateTime? SignedAtUtc,
    DateTime? RepliedAtUtc,
    DateTime? ClosedAtUtc,
    int SlaWorkingDays,
    int ExtensionWorkingDays,
    int PausedWorkingDays,
    DateOnly? PausedSince,
    int? ExtensionRequestedDays,
    string? ExtensionRequestedReason,
    string? RatingComment,
    IReadOnlyList<TicketAttributeView> Attributes,
    IReadOnlyList<TicketEventView> Events,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<string> Actions
);

public sealed record TicketPage(IReadOnlyList<TicketRow> Items, int Page, int PageSize, int Total);

/// <summary>Why a request failed: 400 with field errors, 403, 404, 409, or 422 naming the rule and its source.</summary>
public sealed record TicketProblem(
    int Status,
    string? TitleKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null,
    string? Rule = null,
    string? Source = null,
    object[]? RuleArgs = null
) : IServiceProblem
{
    public static readonly TicketProblem NotFound = new(404, "Problem.NotFound");
    public static readonly TicketProblem Forbidden = new(403, "Problem.ReadOnly");
    public static readonly TicketProblem Stale = new(409, "Problem.StaleVersion");

    public static TicketProblem Invalid(string field, string key, params object[] args) =>
        new(400, Errors: [(field, key, args)]);

    public static TicketProblem Refused(string rule, string source, params object[] args) =>
        new(422, "Problem.RuleRefused", Rule: rule, Source: source, RuleArgs: args);
}

/// <summary>
/// Who the caller is at the workstation: a workstation manager (administrator, committee secretary, party worker —
/// sees every ticket, re-routes, decides extensions), an officer of some departments (their grants' codes), or a filer.
/// </summary>
public sealed record TicketViewer(
    string UserId,
    string Name,
    bool Manager,
    IReadOnlyList<string> DepartmentCodes
)
{
    public static readonly string[] ManagerRoles =
    [
        LouyuRoles.Administrator,
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.PartyWorker,
    ];

    public bool Officer => DepartmentCodes.Count > 0;

    public bool Staff => Manager || Officer;

    public static bool IsManager(ClaimsPrincipal user) => ManagerRoles.Any(user.IsInRole);

    public static TicketViewer Of(ClaimsPrincipal user) =>
        new(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.FindFirstValue("louyu:display_name") ?? user.Identity?.Name ?? "",
            IsManager(user),
            DepartmentsOf(user)
        );

    /// <summary>The codes of the departments the user is an officer of (their DepartmentOfficer grants).</summary>
    public static IReadOnlyList<string> DepartmentsOf(ClaimsPrincipal user) =>
        [
            .. RoleGrantClaims
                .Read(user)
                .Where(g =>
                    g.Role == LouyuRoles.DepartmentOfficer
                    && g.ScopeKind == ScopeKind.Department
                    && g.ScopeId is not null
                )
                .Select(g => g.ScopeId!)
                .Distinct(),
        ];
}
