using System.Security.Claims;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;

namespace Louyu.Web.Modules.Organization.Contracts;

/// <summary>A resident ID as other modules see it: valid or the resource key of its problem, birth date, gender.</summary>
public sealed record ResidentIdFacts(
    bool IsValid,
    string? ProblemKey,
    string? Normalized,
    string? Masked,
    DateOnly? BirthDate,
    bool? IsMale
);

/// <summary>GB 11643-1999 resident ID check for other modules (the rule lives in Organization/Domain).</summary>
public static class ResidentIds
{
    public static ResidentIdFacts Check(string? value, DateOnly today)
    {
        var c = ResidentIdNumber.Check(value, today);
        return c.IsValid
            ? new(
                true,
                null,
                c.Normalized,
                ResidentIdNumber.Mask(c.Normalized!),
                c.BirthDate,
                c.Gender == Gender.Male
            )
            : new(false, MemberRules.ResidentIdKey(c.Problem!.Value), null, null, null, null);
    }
}

/// <summary>An organisation as another module sees it, with whether the caller may write records in it.</summary>
public sealed record DirectoryOrganization(Guid Id, string Name, Guid BuildingId, bool CanWrite);

/// <summary>A member's standing on a day, e.g. to check an introducer (入党介绍人) of a development case.</summary>
public sealed record MemberStanding(Guid Id, string Name, bool IsFullMember);

/// <summary>A branch or joint branch (支部、联合支部) still in being, for set-based queries of other modules.</summary>
public sealed class DirectoryBranch
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid BuildingId { get; init; }
    public DateOnly FoundedOn { get; init; }
}

/// <summary>
/// A party member (full or probationary) as other modules see them: name, the login linked to them, whether full
/// or probationary on the day asked about, the day the branch meeting admitted them (入党日期), and the organisation
/// holding their relationship on that day.
/// </summary>
public sealed record DirectoryMember(
    Guid Id,
    string Name,
    string? UserId,
    bool IsFullMember,
    bool IsProbationary,
    DateOnly? JoinedOn,
    Guid? OrganizationId
);

/// <summary>
/// A party group (党小组) as other modules see it: the branch it sits under (its parent organisation) and its dates.
/// A member belongs to a group when their organisational relationship's spell sits in the group organisation.
/// </summary>
public sealed record DirectoryGroup(
    Guid Id,
    string Name,
    Guid? BranchId,
    DateOnly FoundedOn,
    DateOnly? DissolvedOn
)
{
    /// <summary>Founded by the day and not dissolved on it.</summary>
    public bool LiveOn(DateOnly day) =>
        FoundedOn <= day && (DissolvedOn is null || DissolvedOn > day);
}

/// <summary>What other modules may ask the organisation system about organisations and members.</summary>
public interface IPartyDirectory
{
    /// <summary>The organisation if the caller may see it (null otherwise: answer 404).</summary>
    Task<DirectoryOrganization?> OrganizationAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    );

    /// <summary>The organisations the caller may see (id, name, whether they may write there), by name.</summary>
    Task<IReadOnlyList<DirectoryOrganization>> OrganizationsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    );

    /// <summary>The full members of an organisation on a day (introducer choices).</summary>
    Task<IReadOnlyList<MemberStanding>> FullMembersOfAsync(
        Guid organizationId,
        DateOnly on,
        CancellationToken ct
    );

    /// <summary>The standing of these members on a day (unknown ids are left out).</summary>
    Task<IReadOnlyList<MemberStanding>> MembersAsync(
        IReadOnlyCollection<Guid> memberIds,
        DateOnly on,
        CancellationToken ct
    );

    /// <summary>
    /// Every branch and joint branch not dissolved, unscoped, as a query to compose (join, filter by building)
    /// into one SQL statement; the caller applies the scope.
    /// </summary>
    IQueryable<DirectoryBranch> Branches();

    /// <summary>
    /// Full and probationary members admitted by the day whose relationship sits in the organisation that day — for
    /// a branch, in the branch or in one of its party groups (党小组) — by name (meeting attendees, voters, the dues
    /// ledger). For a group, the group's own members.
    /// </summary>
    Task<IReadOnlyList<DirectoryMember>> MembersOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    );

    /// <summary>
    /// The members holding a position (书记、副书记、委员 …) in the organisation's committee term current on the day
    /// (the 支委会's attendees), by name; empty when no term is recorded for that day or its positions name no member.
    /// </summary>
    Task<IReadOnlyList<DirectoryMember>> CommitteeOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    );

    /// <summary>A party group (党小组) by id, whatever its dates; null when unknown or not a group.</summary>
    Task<DirectoryGroup?> GroupAsync(Guid groupId, CancellationToken ct);

    /// <summary>The party groups under these branches that are live on the day, by name.</summary>
    Task<IReadOnlyList<DirectoryGroup>> GroupsOfAsync(
        IReadOnlyCollection<Guid> branchIds,
        DateOnly day,
        CancellationToken ct
    );

    /// <summary>A full or probationary member with their organisation on a day (null if unknown or not a member).</summary>
    Task<DirectoryMember?> MemberAsync(Guid memberId, DateOnly day, CancellationToken ct);

    /// <summary>The member linked to a login, with their organisation on a day (null if none).</summary>
    Task<DirectoryMember?> MemberOfUserAsync(string userId, DateOnly day, CancellationToken ct);

    /// <summary>Record keepers' buildings and branch secretaries' organisations (see <see cref="PartyScope"/>).</summary>
    Task<PartyScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct);

    /// <summary>A member and their current organisation (null when unknown).</summary>
    Task<MemberFacts?> MemberAsync(Guid memberId, CancellationToken ct);

    /// <summary>The party members whose relationship sits in the organisation now, by name.</summary>
    Task<IReadOnlyList<MemberFacts>> MembersOfAsync(Guid organizationId, CancellationToken ct);

    /// <summary>The member's full resident ID (the caller audits the read).</summary>
    Task<string?> FullResidentIdAsync(Guid memberId, CancellationToken ct);

    /// <summary>
    /// Moves the member's organisational relationship: the current spell ends on <paramref name="on"/> and a new
    /// one begins there in <paramref name="toOrganizationId"/> with <paramref name="reason"/>. Not saved.
    /// </summary>
    Task<bool> MoveMemberAsync(
        Guid memberId,
        Guid toOrganizationId,
        DateOnly on,
        string reason,
        CancellationToken ct
    );

    /// <summary>The relationship leaves Louyu: the current spell ends and it is recorded as held at <paramref name="heldAt"/>. Not saved.</summary>
    Task<bool> ReleaseMemberAsync(Guid memberId, DateOnly on, string heldAt, CancellationToken ct);

    /// <summary>
    /// Registers a member arriving from outside (转入) in <paramref name="organizationId"/> from <paramref name="on"/>:
    /// a new record, or a known record without a current organisation (e.g. a pocket member) given one. Null when the
    /// person already belongs to an organisation in Louyu. Not saved.
    /// </summary>
    Task<Guid?> RegisterArrivalAsync(
        ArrivingMember member,
        Guid organizationId,
        DateOnly on,
        string? byUserId,
        CancellationToken ct
    );

    /// <summary>Sets the organisational status (Normal, Mobile, LostContact, StandingStopped) with a history row. Not saved.</summary>
    Task<bool> SetOrganizationalStatusAsync(
        Guid memberId,
        string status,
        string reason,
        string? byUserId,
        CancellationToken ct
    );

    /// <summary>
    /// The names of these organisations, whatever the caller's scope (the caller has already scoped the ids): a
    /// primary-key read, for labelling rows without listing every organisation the caller may see.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, string>> OrganizationNamesAsync(
        IReadOnlyCollection<Guid> organizationIds,
        CancellationToken ct
    );

    /// <summary>Any organisation in Louyu by id, whatever the caller's scope (a receiving end of a transfer); CanWrite is false.</summary>
    Task<DirectoryOrganization?> AnyOrganizationAsync(Guid organizationId, CancellationToken ct);

    /// <summary>Every current organisation in Louyu, by name (receiving ends of transfers).</summary>
    Task<IReadOnlyList<DirectoryOrganization>> AllOrganizationsAsync(CancellationToken ct);
}
