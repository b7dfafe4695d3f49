using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>An organisation offered in a form's choice list.</summary>
public sealed record OrganizationChoice(
    Guid Id,
    string Name,
    OrganizationType Type,
    Guid BuildingId
);

/// <summary>
/// An enterprise offered in a form's choice list, with what a party worker needs to choose it for a branch:
/// its party members working there today, of them full members, and the live branch or joint branch that already
/// covers it (if any) with whether that organisation covers it alone.
/// </summary>
public sealed record EnterpriseChoice(
    Guid Id,
    string Name,
    int Members,
    int FullMembers,
    Guid? BranchId,
    string? BranchName,
    bool OwnOrganization
);

/// <summary>
/// The choice lists and names the member and organisation forms show (organisations and enterprises of one building,
/// names of the organisations, enterprises and users a page refers to). Every choice list is limited to a building
/// the caller's scope allows; the names are looked up only for ids a scoped service has already returned.
/// </summary>
public sealed class RecordChoices(LouyuDbContext db, TimeProvider clock)
{
    public const int MaxChoices = 500;

    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>Live organisations in the building (or in every building of the scope when none is given).</summary>
    public async Task<IReadOnlyList<OrganizationChoice>> OrganizationsAsync(
        BuildingScope scope,
        Guid? building,
        CancellationToken ct
    )
    {
        if (scope.IsEmpty || (building is not null && !scope.Allows(building.Value)))
            return [];
        var today = Today;
        var rows = db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.DissolvedOn == null || o.DissolvedOn > today);
        if (building is not null)
            rows = rows.Where(o => o.BuildingId == building.Value);
        else if (scope.Filter is { } allowed)
            rows = rows.Where(o => allowed.Contains(o.BuildingId));
        return await rows.OrderBy(o => o.Name)
            .ThenBy(o => o.Id)
            .Take(MaxChoices)
            .Select(o => new OrganizationChoice(o.Id, o.Name, o.Type, o.BuildingId))
            .ToListAsync(ct);
    }

    /// <summary>The enterprises resident in the building today, with their members and current branch.</summary>
    public async Task<IReadOnlyList<EnterpriseChoice>> EnterprisesAsync(
        BuildingScope scope,
        Guid building,
        CancellationToken ct
    )
    {
        if (!scope.Allows(building))
            return [];
        var today = Today;
        var list = await db
            .Enterprises.AsNoTracking()
            .Where(e => e.BuildingId == building && (e.MovedOutOn == null || e.MovedOutOn > today))
            .OrderBy(e => e.Name)
            .ThenBy(e => e.Id)
            .Take(MaxChoices)
            .Select(e => new { e.Id, e.Name })
            .ToListAsync(ct);
        if (list.Count == 0)
            return [];
        var ids = list.Select(e => e.Id).ToList();
        var members = await db
            .Members.AsNoTracking()
            .Where(m =>
                m.EnterpriseId != null
                && ids.Contains(m.EnterpriseId.Value)
                && m.JoinedOn != null
                && m.JoinedOn <= today
                && (m.Status == MemberStatus.Probationary || m.Status == MemberStatus.Full)
            )
            .GroupBy(m => m.EnterpriseId!.Value)
            .Select(g => new
            {
                g.Key,
                N = g.Count(),
                Full = g.Count(m => m.FullMemberOn != null && m.FullMemberOn <= today),
            })
            .ToListAsync(ct);
        var links = await (
            from l in db.OrganizationEnterprises
            join o in db.PartyOrganizations on l.OrganizationId equals o.Id
            where
                ids.Contains(l.EnterpriseId)
                && l.FromDate <= today
                && (l.ToDate == null || l.ToDate > today)
                && (o.DissolvedOn == null || o.DissolvedOn > today)
                && o.Type != OrganizationType.Group
            select new
            {
                l.EnterpriseId,
                o.Id,
                o.Name,
                o.Type,
                Covered = db.OrganizationEnterprises.Count(x =>
                    x.OrganizationId == o.Id
                    && x.FromDate <= today
                    && (x.ToDate == null || x.ToDate > today)
                ),
            }
        ).ToListAsync(ct);
        return
        [
            .. list.Select(e =>
            {
                var m = members.FirstOrDefault(x => x.Key == e.Id);
                var link = links
                    .Where(l => l.EnterpriseId == e.Id)
                    .OrderBy(l => l.Type == OrganizationType.JointBranch)
                    .FirstOrDefault();
                return new EnterpriseChoice(
                    e.Id,
                    e.Name,
                    m?.N ?? 0,
                    m?.Full ?? 0,
                    link?.Id,
                    link?.Name,
                    link is not null
                        && link.Type != OrganizationType.JointBranch
                        && link.Covered == 1
                );
            }),
        ];
    }

    /// <summary>The names of organisations by id (for ids a scoped query returned).</summary>
    public async Task<Dictionary<Guid, string>> OrganizationNamesAsync(
        IEnumerable<Guid> ids,
        CancellationToken ct
    )
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
            return [];
        return await db
            .PartyOrganizations.AsNoTracking()
            .Where(o => list.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    /// <summary>The names and buildings of enterprises by id (for ids a scoped query returned).</summary>
    public async Task<Dictionary<Guid, (string Name, Guid BuildingId)>> EnterprisesByIdAsync(
        IEnumerable<Guid> ids,
        CancellationToken ct
    )
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0)
            return [];
        var rows = await db
            .Enterprises.AsNoTracking()
            .Where(e => list.Contains(e.Id))
            .Select(e => new
            {
                e.Id,
                e.Name,
                e.BuildingId,
            })
            .ToListAsync(ct);
        return rows.ToDictionary(e => e.Id, e => (e.Name, e.BuildingId));
    }

    /// <summary>The building of an organisation (to open a form on it).</summary>
    public Task<Guid?> OrganizationBuildingAsync(Guid id, CancellationToken ct) =>
        db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.Id == id)
            .Select(o => (Guid?)o.BuildingId)
            .FirstOrDefaultAsync(ct);

    /// <summary>The display names of users (who recorded a change).</summary>
    public async Task<Dictionary<string, string>> UserNamesAsync(
        IEnumerable<string?> ids,
        CancellationToken ct
    )
    {
        var list = ids.OfType<string>().Distinct().ToList();
        if (list.Count == 0)
            return [];
        var rows = await db
            .Users.AsNoTracking()
            .Where(u => list.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(ct);
        return rows.ToDictionary(u => u.Id, u => u.DisplayName);
    }
}
