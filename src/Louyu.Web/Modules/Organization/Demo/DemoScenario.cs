using Louyu.Web.Modules.Organization.Data;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>A generated organisation history, ready to be inserted. Resident IDs are in clear here only.</summary>
public sealed class DemoScenario
{
    public List<Building> Buildings { get; } = [];
    public List<Enterprise> Enterprises { get; } = [];
    public List<PartyOrganization> Organizations { get; } = [];
    public List<OrganizationEnterprise> OrganizationEnterprises { get; } = [];
    public List<DemoMember> Members { get; } = [];
    public List<MemberSpell> Spells { get; } = [];
    public List<PartyWorker> Workers { get; } = [];
    public List<InstructorAssignment> Instructors { get; } = [];

    /// <summary>Well-known records the demo accounts attach to.</summary>
    public Guid CommitteeId { get; set; }
    public Guid FirstBranchId { get; set; }
    public Guid? NamedEnterpriseId { get; set; }
}

/// <summary>A member as generated, with the resident ID in clear (encrypted when stored).</summary>
public sealed record DemoMember(Member Member, string ResidentId);
