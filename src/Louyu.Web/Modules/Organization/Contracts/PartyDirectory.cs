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

/// <summary>
/// A party member (full or probationary) as other modules see them: name, whether probationary, the day the branch
/// meeting admitted them (入党日期), and the organisation holding their relationship on the day asked about.
/// </summary>
public sealed record DirectoryMember(
    Guid Id,
    string Name,
    bool IsProbationary,
    DateOnly? JoinedOn,
    Guid? OrganizationId
);

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

    /// <summary>Full and probationary members whose relationship sits in an organisation on a day, by name.</summary>
    Task<IReadOnlyList<DirectoryMember>> PartyMembersOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    );

    /// <summary>A full or probationary member with their organisation on a day (null if unknown or not a member).</summary>
    Task<DirectoryMember?> PartyMemberAsync(Guid memberId, DateOnly day, CancellationToken ct);

    /// <summary>The member record linked to the caller's login, with their organisation on a day (null if none).</summary>
    Task<DirectoryMember?> PartyMemberOfUserAsync(
        ClaimsPrincipal user,
        DateOnly day,
        CancellationToken ct
    );
}
