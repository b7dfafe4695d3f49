using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Web.Modules.Organization.Data;

/// <summary>A commercial building (楼宇) and the period in which the committee's work covered it.</summary>
public sealed class Building
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public int Floors { get; set; }
    public string? PropertyManager { get; set; }

    /// <summary>First day the building's party work is run by Louyu's committee.</summary>
    public DateOnly CoveredFrom { get; set; }
    public DateOnly? CoveredUntil { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>An enterprise resident in a building between its move-in and move-out dates.</summary>
public sealed class Enterprise
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>统一社会信用代码, GB 32100-2015; natural key.</summary>
    public required string UnifiedSocialCreditCode { get; set; }
    public Guid BuildingId { get; set; }

    /// <summary>GB/T 4754 section letter (A–T).</summary>
    public required string Industry { get; set; }
    public int EmployeeCount { get; set; }
    public required string LegalRepresentative { get; set; }
    public bool LegalRepresentativeIsMember { get; set; }
    public int Floor { get; set; }
    public string? Room { get; set; }
    public DateOnly MovedInOn { get; set; }
    public DateOnly? MovedOutOn { get; set; }

    /// <summary>成立日期 on the business licence (policies count the years since founding).</summary>
    public DateOnly? FoundedOn { get; set; }

    /// <summary>企业规模 as declared (统计上大中小微型企业划分办法 国统字〔2017〕213号).</summary>
    public EnterpriseSize? Size { get; set; }

    /// <summary>Recognitions and labels (高新技术企业, 专精特新 …) separated by ';' — policies match on them.</summary>
    public string? Tags { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>A party organisation (党组织): committee, general branch, branch, joint branch or group.</summary>
public sealed class PartyOrganization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganizationType Type { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>The building where the organisation sits (scopes queries by building).</summary>
    public Guid BuildingId { get; set; }
    public JointGrouping? Grouping { get; set; }
    public DateOnly FoundedOn { get; set; }
    public DateOnly? DissolvedOn { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>An enterprise covered by an organisation (one for a branch, several for a joint branch).</summary>
public sealed class OrganizationEnterprise
{
    public Guid OrganizationId { get; set; }
    public Guid EnterpriseId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
}

/// <summary>A party member (党员) or a person on the way to membership.</summary>
public sealed class Member
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Resident ID encrypted at rest (AES-GCM); never stored in clear.</summary>
    public required string ResidentIdCipher { get; set; }

    /// <summary>Keyed hash of the resident ID, the natural key for de-duplication.</summary>
    public required string ResidentIdHash { get; set; }

    /// <summary>Masked form for lists (110105********002X).</summary>
    public required string ResidentIdMasked { get; set; }
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public MemberStatus Status { get; set; }
    public Guid? EnterpriseId { get; set; }

    /// <summary>
    /// The building the member is placed in: their current organisation's building or, without one, their
    /// workplace's. Maintained by the database (triggers on members, spells, organisations and enterprises, every
    /// write path alike — see migration <c>MemberPlacement</c>), which correct any other value; the member import
    /// writes the value they would compute, to spare them a second write. A tracked entity's value may be stale.
    /// The member list filters and scopes by building on it.
    /// </summary>
    public Guid? PlacedBuildingId { get; set; }
    public bool IsMobile { get; set; }

    /// <summary>Admitted as probationary member (入党日期).</summary>
    public DateOnly? JoinedOn { get; set; }

    /// <summary>Became a full member (转正日期).</summary>
    public DateOnly? FullMemberOn { get; set; }
    public string? UserId { get; set; }

    /// <summary>Organisational status: normal, mobile, lost contact, standing stopped.</summary>
    public OrganizationalStatus OrganizationalStatus { get; set; }

    /// <summary>Mobile phone, kept in clear (not a sensitive category of §8.1); masked in lists.</summary>
    public string? Phone { get; set; }
    public string? Ethnicity { get; set; }
    public string? Education { get; set; }

    /// <summary>Position at the workplace.</summary>
    public string? Position { get; set; }

    /// <summary>
    /// For a pocket member (口袋党员: working in a building, relationship elsewhere): the organisation outside Louyu
    /// that holds the member's relationship (组织关系所在党组织), as the member reports it.
    /// </summary>
    public string? RelationshipHeldAt { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>One change of a member's status or organisational status (the history of every change).</summary>
public sealed class MemberStatusChange
{
    public const string StatusField = "Status";
    public const string OrganizationalStatusField = "OrganizationalStatus";

    public Guid Id { get; set; }
    public Guid MemberId { get; set; }

    /// <summary>When the change was recorded (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary><see cref="StatusField"/> or <see cref="OrganizationalStatusField"/>.</summary>
    public required string Field { get; set; }
    public string? From { get; set; }
    public required string To { get; set; }
    public string? Reason { get; set; }
    public string? ByUserId { get; set; }
}

/// <summary>A period in which a member's organisational relationship (组织关系) sat in one organisation.</summary>
public sealed class MemberSpell
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid OrganizationId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly? ToDate { get; set; }

    /// <summary>How the spell began: Developed (发展), TransferIn, InternalTransfer, Founding.</summary>
    public required string Reason { get; set; }
}

/// <summary>A full-time party worker (专职党务工作者) serving a building.</summary>
public sealed class PartyWorker
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Guid BuildingId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? UserId { get; set; }
}

/// <summary>A party-building instructor (党建指导员) assigned to an enterprise without an organisation.</summary>
public sealed class InstructorAssignment
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public Guid PartyWorkerId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
}

/// <summary>A room (房间) on a floor of a building; enterprises occupy rooms (matched by <see cref="Number"/>).</summary>
public sealed class BuildingRoom
{
    public Guid Id { get; set; }
    public Guid BuildingId { get; set; }
    public int Floor { get; set; }

    /// <summary>Room number as on the door (e.g. "1203"); unique within the building.</summary>
    public required string Number { get; set; }
    public decimal? AreaSquareMeters { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>A contact person of an enterprise (企业联系人): who the party worker calls.</summary>
public sealed class EnterpriseContact
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public required string Name { get; set; }

    /// <summary>Job title or role for party work (e.g. 人事经理, 党建联络员).</summary>
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsPrimary { get; set; }

    /// <summary>The Louyu account of the contact, when they have one (enterprise role).</summary>
    public string? UserId { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>One term (届) of an organisation's committee or secretary, from election to the next election.</summary>
public sealed class CommitteeTerm
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>Date of the election (选举日期) that opened the term.</summary>
    public DateOnly ElectedOn { get; set; }

    /// <summary>Date the term is due to end (by rule §3.5: 5 years committee, 3 years general branch/branch).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>When the term actually ended (the next election); null while current.</summary>
    public DateOnly? EndedOn { get; set; }
    public string? Notes { get; set; }

    /// <summary>Concurrency token: incremented on every update; a PUT must carry the version it read.</summary>
    public int Version { get; set; }
}

/// <summary>A position held in a committee term (书记、副书记、委员 …) by a member or a named person.</summary>
public sealed class CommitteePosition
{
    public Guid Id { get; set; }
    public Guid TermId { get; set; }
    public CommitteeRole Role { get; set; }
    public Guid? MemberId { get; set; }
    public required string PersonName { get; set; }
}

/// <summary>A visit (跑楼) by a party worker or instructor to a building or an enterprise, with what came of it.</summary>
public sealed class BuildingVisit
{
    public Guid Id { get; set; }
    public Guid BuildingId { get; set; }
    public Guid? EnterpriseId { get; set; }
    public Guid? PartyWorkerId { get; set; }
    public DateOnly VisitedOn { get; set; }
    public required string Purpose { get; set; }
    public string? Findings { get; set; }
    public string? FollowUp { get; set; }
    public DateOnly? FollowUpBy { get; set; }
    public DateOnly? FollowUpDoneOn { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}
