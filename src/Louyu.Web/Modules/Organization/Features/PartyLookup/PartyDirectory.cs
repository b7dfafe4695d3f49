using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.PartyLookup;

/// <summary>
/// <see cref="IPartyDirectory"/> over the organisation system's tables, with the same scope rules as member records
/// (<see cref="MemberAccess"/>): staff see their buildings' organisations, a branch secretary their branch (and its
/// groups) and may write there; committee secretaries, party workers and administrators write in their buildings.
/// </summary>
public sealed class PartyDirectory(LouyuDbContext db, IBuildingScopeResolver scopes)
    : IPartyDirectory
{
    public async Task<DirectoryOrganization?> OrganizationAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    )
    {
        var o = await db
            .PartyOrganizations.AsNoTracking()
            .Where(x => x.Id == organizationId)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.BuildingId,
            })
            .FirstOrDefaultAsync(ct);
        if (o is null)
            return null;
        var access = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        var read = await scopes.ResolveAsync(user, ct);
        var canWrite = access.MayPlace(o.Id, o.BuildingId, null);
        if (!canWrite && !read.Allows(o.BuildingId) && !access.Branches.Contains(o.Id))
            return null;
        return new DirectoryOrganization(o.Id, o.Name, o.BuildingId, canWrite);
    }

    public async Task<IReadOnlyList<DirectoryOrganization>> OrganizationsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var access = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        var read = await scopes.ResolveAsync(user, ct);
        var filter = read.Filter;
        var branches = access.Branches.ToArray();
        var rows = await db
            .PartyOrganizations.AsNoTracking()
            .Where(o =>
                o.DissolvedOn == null
                && (filter == null || filter.Contains(o.BuildingId) || branches.Contains(o.Id))
            )
            .OrderBy(o => o.Name)
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.BuildingId,
            })
            .ToListAsync(ct);
        if (read.IsEmpty && branches.Length == 0)
            return [];
        return
        [
            .. rows.Select(o => new DirectoryOrganization(
                o.Id,
                o.Name,
                o.BuildingId,
                access.MayPlace(o.Id, o.BuildingId, null)
            )),
        ];
    }

    public async Task<IReadOnlyList<MemberStanding>> FullMembersOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    )
    {
        var rows = await (
            from s in db.MemberSpells
            join m in db.Members on s.MemberId equals m.Id
            where
                s.OrganizationId == organizationId
                && s.FromDate <= day
                && (s.ToDate == null || s.ToDate > day)
                && m.FullMemberOn != null
                && m.FullMemberOn <= day
            select new { m.Id, m.Name }
        )
            .Distinct()
            .ToListAsync(ct);
        return [.. rows.OrderBy(m => m.Name).Select(m => new MemberStanding(m.Id, m.Name, true))];
    }

    public async Task<IReadOnlyList<MemberStanding>> MembersAsync(
        IReadOnlyCollection<Guid> memberIds,
        DateOnly on,
        CancellationToken ct
    ) =>
        memberIds.Count == 0
            ? []
            : await db
                .Members.AsNoTracking()
                .Where(m => memberIds.Contains(m.Id))
                .Select(m => new MemberStanding(
                    m.Id,
                    m.Name,
                    m.FullMemberOn != null && m.FullMemberOn <= on
                ))
                .ToListAsync(ct);

    public IQueryable<DirectoryBranch> Branches() =>
        db
            .PartyOrganizations.AsNoTracking()
            .Where(o =>
                o.DissolvedOn == null
                && (
                    o.Type == Louyu.Web.Modules.Organization.Domain.OrganizationType.Branch
                    || o.Type == Louyu.Web.Modules.Organization.Domain.OrganizationType.JointBranch
                )
            )
            .Select(o => new DirectoryBranch
            {
                Id = o.Id,
                Name = o.Name,
                BuildingId = o.BuildingId,
                FoundedOn = o.FoundedOn,
            });

    public async Task<IReadOnlyList<DirectoryMember>> MembersOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    )
    {
        var rows = await (
            from s in db.MemberSpells
            join m in db.Members on s.MemberId equals m.Id
            where
                s.OrganizationId == organizationId
                && s.FromDate <= day
                && (s.ToDate == null || s.ToDate > day)
                && (m.Status == MemberStatus.Full || m.Status == MemberStatus.Probationary)
                && m.JoinedOn != null
                && m.JoinedOn <= day
            select new
            {
                m.Id,
                m.Name,
                m.UserId,
                m.Status,
                m.JoinedOn,
                m.FullMemberOn,
            }
        )
            .Distinct()
            .ToListAsync(ct);
        return
        [
            .. rows.OrderBy(m => m.Name, StringComparer.Ordinal)
                .ThenBy(m => m.Id)
                .Select(m => new DirectoryMember(
                    m.Id,
                    m.Name,
                    m.UserId,
                    m.FullMemberOn != null && m.FullMemberOn <= day,
                    m.Status == MemberStatus.Probationary,
                    m.JoinedOn,
                    organizationId
                )),
        ];
    }

    public Task<DirectoryMember?> MemberAsync(Guid memberId, DateOnly day, CancellationToken ct) =>
        MemberWhereAsync(m => m.Id == memberId, day, ct);

    public Task<DirectoryMember?> MemberOfUserAsync(
        string userId,
        DateOnly day,
        CancellationToken ct
    ) => MemberWhereAsync(m => m.UserId == userId, day, ct);

    private async Task<DirectoryMember?> MemberWhereAsync(
        System.Linq.Expressions.Expression<Func<Data.Member, bool>> which,
        DateOnly day,
        CancellationToken ct
    )
    {
        var m = await db
            .Members.AsNoTracking()
            .Where(which)
            .Where(m => m.Status == MemberStatus.Full || m.Status == MemberStatus.Probationary)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.UserId,
                m.Status,
                m.JoinedOn,
                m.FullMemberOn,
            })
            .FirstOrDefaultAsync(ct);
        if (m is null)
            return null;
        var org = await db
            .MemberSpells.AsNoTracking()
            .Where(s =>
                s.MemberId == m.Id && s.FromDate <= day && (s.ToDate == null || s.ToDate > day)
            )
            .OrderByDescending(s => s.FromDate)
            .Select(s => (Guid?)s.OrganizationId)
            .FirstOrDefaultAsync(ct);
        return new DirectoryMember(
            m.Id,
            m.Name,
            m.UserId,
            m.FullMemberOn != null && m.FullMemberOn <= day,
            m.Status == MemberStatus.Probationary,
            m.JoinedOn,
            org
        );
    }
}
