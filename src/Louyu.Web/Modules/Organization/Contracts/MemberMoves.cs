namespace Louyu.Web.Modules.Organization.Contracts;

/// <summary>A member as transfers, mobile and lost-contact records need them (resident ID masked).</summary>
public sealed record MemberFacts(
    Guid Id,
    string Name,
    string Gender,
    DateOnly BirthDate,
    string? Ethnicity,
    bool IsPartyMember,
    bool IsProbationary,
    string OrganizationalStatus,
    string ResidentIdMasked,
    string? Phone,
    Guid? OrganizationId,
    string? OrganizationName,
    Guid? BuildingId
);

/// <summary>A member arriving from an organisation outside Louyu (转入), registered on arrival.</summary>
public sealed record ArrivingMember(
    string Name,
    string ResidentId,
    bool IsMale,
    DateOnly BirthDate,
    string? Ethnicity,
    bool IsProbationary,
    DateOnly? JoinedOn,
    DateOnly? FullMemberOn,
    string? Phone
);

/// <summary>The scope of party-affairs records: buildings of the record keepers' grants, and branch secretaries' organisations.</summary>
public sealed record PartyScope(BuildingScope Buildings, IReadOnlySet<Guid> Organizations)
{
    public bool IsEmpty => Buildings.IsEmpty && Organizations.Count == 0;

    /// <summary>Whether a record of this organisation in this building is the caller's to change.</summary>
    public bool Allows(Guid organizationId, Guid buildingId) =>
        Buildings.Allows(buildingId) || Organizations.Contains(organizationId);
}

/// <summary>
/// How other modules move members and change their organisational status. None of these methods saves: the
/// changes join the caller's unit of work (one request, one SaveChanges), with the history rows (spells and
/// status changes) that the organisation system keeps.
/// </summary>
public static class MemberMoveReasons
{
    public const string TransferIn = "TransferIn";
    public const string InternalTransfer = "InternalTransfer";
    public const string TransferOut = "TransferOut";
}
