using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Organization.Features.PartyWork;

/// <summary>
/// What a caller may do with party work records (terms, party workers, instructors, visits, pocket members).
/// <see cref="Read"/>: the buildings of all staff grants (a branch secretary reads their building);
/// <see cref="Write"/>: the buildings of the committee secretary, party worker and administrator grants;
/// <see cref="Branches"/>: the organisations of branch-secretary grants and their children, whose own terms the
/// branch secretary keeps. Members and enterprise contacts have nothing.
/// </summary>
public sealed record PartyWorkAccess(
    BuildingScope Read,
    BuildingScope Write,
    IReadOnlySet<Guid> Branches,
    string? UserId
)
{
    public bool CanRead => !Read.IsEmpty || Branches.Count > 0;
    public bool CanWrite => !Write.IsEmpty;

    /// <summary>The title of a 403: read-only for a reader who may not write, out of scope otherwise.</summary>
    public string RefusalKey => CanRead && !CanWrite ? "Problem.ReadOnly" : "Problem.OutOfScope";

    /// <summary>Whether the organisation is visible at all (else 404).</summary>
    public bool MaySee(Guid organizationId, Guid buildingId) =>
        Read.Allows(buildingId) || Branches.Contains(organizationId);

    /// <summary>Whether the caller reads and records the organisation's terms (committee secretary, the
    /// building's party worker, the branch's own secretary).</summary>
    public bool MayKeepTerms(Guid organizationId, Guid buildingId) =>
        Write.Allows(buildingId) || Branches.Contains(organizationId);

    public static async Task<PartyWorkAccess> ResolveAsync(
        IBuildingScopeResolver scopes,
        LouyuDbContext db,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var staff = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        var members = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        return new PartyWorkAccess(staff.Read, staff.Write, members.Branches, members.UserId);
    }
}
