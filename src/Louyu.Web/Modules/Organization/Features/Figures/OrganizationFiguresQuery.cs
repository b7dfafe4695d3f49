using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Figures;

/// <summary>
/// Counts at the end of a day from the dated rows. A building counts from the day its work started; enterprises,
/// organisations, members and workers count only in buildings counted that day. <c>branches</c> = 支部 + 联合支部;
/// <c>members</c> = full + probationary members whose relationship sits in a branch or joint branch (api.md).
/// Coverage (domain-rules §6): organisation coverage = enterprises in an own or joint organisation ÷ enterprises;
/// work coverage = enterprises with an organisation or an instructor ÷ enterprises.
/// </summary>
public sealed class OrganizationFiguresQuery(LouyuDbContext db) : IOrganizationFigures
{
    public async Task<OrganizationFigures> AsOfAsync(
        DateOnly d,
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    )
    {
        var buildings = db
            .Buildings.AsNoTracking()
            .Where(b => b.CoveredFrom <= d && (b.CoveredUntil == null || b.CoveredUntil > d));
        if (buildingIds is not null)
            buildings = buildings.Where(b => buildingIds.Contains(b.Id));

        var enterprises =
            from e in db.Enterprises
            join b in buildings on e.BuildingId equals b.Id
            where e.MovedInOn <= d && (e.MovedOutOn == null || e.MovedOutOn > d)
            select e;
        var organizations =
            from o in db.PartyOrganizations
            join b in buildings on o.BuildingId equals b.Id
            where o.FoundedOn <= d && (o.DissolvedOn == null || o.DissolvedOn > d)
            select o;
        var branches = organizations.Where(o =>
            o.Type == OrganizationType.Branch || o.Type == OrganizationType.JointBranch
        );
        // A spell is a party member's organisational relationship, so it never starts before the member joined:
        // counting spells counts members. Probationary members are the few who joined within about a year;
        // full members are the rest. This keeps the big count to one index range per organisation.
        var spells =
            from s in db.MemberSpells
            join o in branches on s.OrganizationId equals o.Id
            where s.FromDate <= d && (s.ToDate == null || s.ToDate > d)
            select s;
        // Two index ranges on (FullMemberOn, JoinedOn) rather than one OR that would read every member.
        var probationary =
            from m in db.Members
            where m.FullMemberOn > d && m.JoinedOn <= d
            where spells.Any(s => s.MemberId == m.Id)
            select m;
        var neverFull =
            from m in db.Members
            where m.FullMemberOn == null && m.JoinedOn <= d
            where spells.Any(s => s.MemberId == m.Id)
            select m;
        var workers =
            from w in db.PartyWorkers
            join b in buildings on w.BuildingId equals b.Id
            where w.StartedOn <= d && (w.EndedOn == null || w.EndedOn > d)
            select w;
        var liveLinks =
            from oe in db.OrganizationEnterprises
            join o in db.PartyOrganizations on oe.OrganizationId equals o.Id
            where
                oe.FromDate <= d
                && (oe.ToDate == null || oe.ToDate > d)
                && o.FoundedOn <= d
                && (o.DissolvedOn == null || o.DissolvedOn > d)
                && o.Type != OrganizationType.Group
            select oe.EnterpriseId;
        var instructed = db
            .InstructorAssignments.Where(ia =>
                ia.FromDate <= d && (ia.ToDate == null || ia.ToDate > d)
            )
            .Select(ia => ia.EnterpriseId);

        var buildingCount = await buildings.CountAsync(ct);
        var enterpriseCount = await enterprises.CountAsync(ct);
        var organizationCount = await organizations.CountAsync(
            o => o.Type != OrganizationType.Group,
            ct
        );
        var branchCount = await branches.CountAsync(ct);
        var memberCount = await spells.CountAsync(ct);
        var probationaryCount = await probationary.CountAsync(ct) + await neverFull.CountAsync(ct);
        var fullCount = memberCount - probationaryCount;
        var workerCount = await workers.CountAsync(ct);
        var orgCovered = await enterprises.CountAsync(e => liveLinks.Contains(e.Id), ct);
        var workCovered = await enterprises.CountAsync(
            e => liveLinks.Contains(e.Id) || instructed.Contains(e.Id),
            ct
        );
        return new OrganizationFigures(
            d,
            buildingCount,
            enterpriseCount,
            organizationCount,
            branchCount,
            memberCount,
            fullCount,
            probationaryCount,
            workerCount,
            Rate(orgCovered, enterpriseCount),
            Rate(workCovered, enterpriseCount)
        );
    }

    private static double Rate(int part, int whole) =>
        whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    public Task<bool> BuildingExistsAsync(Guid buildingId, CancellationToken ct) =>
        db.Buildings.AnyAsync(b => b.Id == buildingId, ct);

    public async Task<IReadOnlyList<BuildingSummary>> BuildingsAsync(
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    )
    {
        var q = db.Buildings.AsNoTracking();
        if (buildingIds is not null)
            q = q.Where(b => buildingIds.Contains(b.Id));
        return await q.OrderBy(b => b.CoveredFrom)
            .ThenBy(b => b.Name)
            .Select(b => new BuildingSummary(b.Id, b.Name))
            .ToListAsync(ct);
    }
}
