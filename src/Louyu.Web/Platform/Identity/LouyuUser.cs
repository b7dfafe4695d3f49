using Microsoft.AspNetCore.Identity;

namespace Louyu.Web.Platform.Identity;

/// <summary>A person who logs in to Louyu.</summary>
public sealed class LouyuUser : IdentityUser
{
    public required string DisplayName { get; set; }
}

/// <summary>
/// A role granted over a scope: an organisation subtree, a building, or a workstation department.
/// A user may hold several grants.
/// </summary>
public sealed class RoleGrant
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Role { get; set; }
    public ScopeKind ScopeKind { get; set; }

    /// <summary>Id of the organisation or building, or the department code; null for the whole district.</summary>
    public string? ScopeId { get; set; }
}

public enum ScopeKind
{
    District,
    Organization,
    Building,
    Department,
    Enterprise,
}

/// <summary>The roles of Louyu (features.md "Platform").</summary>
public static class LouyuRoles
{
    public const string CommitteeSecretary = "CommitteeSecretary"; // 楼宇党委书记
    public const string PartyWorker = "PartyWorker"; // 专职党务工作者
    public const string BranchSecretary = "BranchSecretary"; // 支部书记
    public const string Member = "Member"; // 党员
    public const string EnterpriseContact = "EnterpriseContact"; // 企业联系人
    public const string DepartmentOfficer = "DepartmentOfficer"; // 部门工作人员
    public const string Administrator = "Administrator"; // 系统管理员

    public static readonly string[] All =
    [
        CommitteeSecretary,
        PartyWorker,
        BranchSecretary,
        Member,
        EnterpriseContact,
        DepartmentOfficer,
        Administrator,
    ];

    /// <summary>Roles that work in the staff area (desktop).</summary>
    public static readonly string[] Staff =
    [
        CommitteeSecretary,
        PartyWorker,
        BranchSecretary,
        Administrator,
    ];
}
