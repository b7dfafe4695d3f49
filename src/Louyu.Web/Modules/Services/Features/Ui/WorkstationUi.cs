using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Identity;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Ui;

/// <summary>What the workstation's screens need to know about the signed-in user and how to show a ticket's state.</summary>
public static class WorkstationUi
{
    /// <summary>Workstation managers: approve extensions, re-route sent-back tickets, see every department.</summary>
    public const string ManagerRoles =
        LouyuRoles.Administrator
        + ","
        + LouyuRoles.CommitteeSecretary
        + ","
        + LouyuRoles.PartyWorker;

    /// <summary>Everyone who works tickets: the departments' officers and the workstation managers.</summary>
    public const string DeskRoles = ManagerRoles + "," + LouyuRoles.DepartmentOfficer;

    public static bool IsManager(ClaimsPrincipal user) => TicketViewer.IsManager(user);

    public static bool IsAdministrator(ClaimsPrincipal user) =>
        user.IsInRole(LouyuRoles.Administrator);

    public static bool IsOfficer(ClaimsPrincipal user) =>
        user.IsInRole(LouyuRoles.DepartmentOfficer);

    public static bool IsDesk(ClaimsPrincipal user) => IsManager(user) || IsOfficer(user);

    /// <summary>The codes of the departments the user is an officer of (their DepartmentOfficer grants).</summary>
    public static IReadOnlyList<string> OfficerDepartments(ClaimsPrincipal user) =>
        TicketViewer.DepartmentsOf(user);

    public static string? UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The department's name in the interface language.</summary>
    public static string Name(string name, string? nameEn) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal)
        && !string.IsNullOrWhiteSpace(nameEn)
            ? nameEn
            : name;

    /// <summary>
    /// A count in words: the key's ".One" variant when the count is one and the language has one ("1 working day"),
    /// else the key itself; the count is the first argument.
    /// </summary>
    public static string Count(IStringLocalizer text, string key, int n, params object[] more)
    {
        object[] args = [n, .. more];
        if (Math.Abs(n) == 1 && text[key + ".One", args] is { ResourceNotFound: false } one)
            return one.Value;
        return text[key, args].Value;
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The CSS class of a status tag (a word always goes with it; never colour alone).</summary>
    public static string StatusClass(TicketStatus s) =>
        s switch
        {
            TicketStatus.Submitted => "ws-status ws-submitted",
            TicketStatus.SentBack => "ws-status ws-sentback",
            TicketStatus.InProgress => "ws-status ws-inprogress",
            TicketStatus.AwaitingDocuments => "ws-status ws-awaiting",
            TicketStatus.Replied => "ws-status ws-replied",
            _ => "ws-status ws-closed",
        };

    /// <summary>The five grades from best to worst, as the filer chooses them.</summary>
    public static readonly SatisfactionGrade[] Grades =
    [
        SatisfactionGrade.VerySatisfied,
        SatisfactionGrade.Satisfied,
        SatisfactionGrade.Neutral,
        SatisfactionGrade.Dissatisfied,
        SatisfactionGrade.VeryDissatisfied,
    ];
}
