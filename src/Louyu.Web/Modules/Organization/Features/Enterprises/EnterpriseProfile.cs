using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Coverage;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>A live organisation covering an enterprise (its own branch or a joint branch).</summary>
public sealed record CoveringOrganization(
    Guid Id,
    string Name,
    OrganizationType Type,
    DateOnly FromDate
);

/// <summary>
/// What the enterprise page shows beside the record: the building's name, the coverage state today (null when the
/// enterprise is not resident today, or the building not covered), the organisations covering it and the
/// instructors assigned to it today.
/// </summary>
public sealed record EnterpriseProfile(
    EnterpriseResponse Enterprise,
    string BuildingName,
    int BuildingFloors,
    EnterpriseCoverage? Coverage,
    IReadOnlyList<CoveringOrganization> Organizations,
    IReadOnlyList<string> Instructors,
    bool CanWrite
);

/// <summary>Reads an enterprise's page (scope enforced as in <see cref="EnterpriseService"/>).</summary>
public sealed class EnterpriseProfileQuery(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    CoverageQuery coverage
)
{
    public async Task<Outcome<EnterpriseProfile>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return Outcome<EnterpriseProfile>.Forbidden();
        var e = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !access.Read.Allows(e.BuildingId))
            return Outcome<EnterpriseProfile>.NotFound();
        var building = await db
            .Buildings.AsNoTracking()
            .Where(b => b.Id == e.BuildingId)
            .Select(b => new { b.Name, b.Floors })
            .FirstAsync(ct);
        var today = coverage.Today;
        var states = await coverage.EnterprisesAsync(today, e.BuildingId, e.Id, ct);
        var state = states.Count > 0 ? states[0] : null;
        var organizations = await (
            from l in db.OrganizationEnterprises.AsNoTracking()
            join o in db.PartyOrganizations.AsNoTracking() on l.OrganizationId equals o.Id
            where
                l.EnterpriseId == id
                && l.FromDate <= today
                && (l.ToDate == null || l.ToDate > today)
                && o.FoundedOn <= today
                && (o.DissolvedOn == null || o.DissolvedOn > today)
            orderby o.Name
            select new CoveringOrganization(o.Id, o.Name, o.Type, l.FromDate)
        ).ToListAsync(ct);
        var instructors = await (
            from a in db.InstructorAssignments.AsNoTracking()
            join w in db.PartyWorkers.AsNoTracking() on a.PartyWorkerId equals w.Id
            where
                a.EnterpriseId == id
                && a.FromDate <= today
                && (a.ToDate == null || a.ToDate > today)
            orderby w.Name
            select w.Name
        ).ToListAsync(ct);
        return Outcome<EnterpriseProfile>.Ok(
            new EnterpriseProfile(
                EnterpriseResponse.From(e),
                building.Name,
                building.Floors,
                state,
                organizations,
                instructors,
                access.Write.Allows(e.BuildingId)
            )
        );
    }
}
