using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.PartyLookup;

/// <summary>
/// <see cref="IPartyDirectory"/> over the organisation system's tables, with the same scope rules as member records
/// (<see cref="MemberAccess"/>): staff see their buildings' organisations, a branch secretary their branch (and its
/// groups) and may write there; committee secretaries, party workers and administrators write in their buildings.
/// </summary>
public sealed class PartyDirectory(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    PersonalDataProtector protector,
    TimeProvider clock
) : IPartyDirectory
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
                (
                    s.OrganizationId == organizationId
                    || db.PartyOrganizations.Any(g =>
                        g.Id == s.OrganizationId
                        && g.ParentId == organizationId
                        && g.Type == OrganizationType.Group
                    )
                )
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

    public async Task<IReadOnlyList<DirectoryMember>> CommitteeOfAsync(
        Guid organizationId,
        DateOnly day,
        CancellationToken ct
    )
    {
        var ids = await (
            from t in db.CommitteeTerms
            join p in db.CommitteePositions on t.Id equals p.TermId
            where
                t.OrganizationId == organizationId
                && t.ElectedOn <= day
                && (t.EndedOn == null || t.EndedOn > day)
                && p.MemberId != null
            select p.MemberId!.Value
        )
            .Distinct()
            .ToListAsync(ct);
        var members = new List<DirectoryMember>();
        foreach (var id in ids)
            if (await MemberAsync(id, day, ct) is { } m)
                members.Add(m);
        return [.. members.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Id)];
    }

    public async Task<DirectoryGroup?> GroupAsync(Guid groupId, CancellationToken ct) =>
        await db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.Id == groupId && o.Type == OrganizationType.Group)
            .Select(o => new DirectoryGroup(o.Id, o.Name, o.ParentId, o.FoundedOn, o.DissolvedOn))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<DirectoryGroup>> GroupsOfAsync(
        IReadOnlyCollection<Guid> branchIds,
        DateOnly day,
        CancellationToken ct
    )
    {
        if (branchIds.Count == 0)
            return [];
        var ids = branchIds.ToArray();
        var rows = await db
            .PartyOrganizations.AsNoTracking()
            .Where(o =>
                o.Type == OrganizationType.Group
                && o.ParentId != null
                && ids.Contains(o.ParentId.Value)
                && o.FoundedOn <= day
                && (o.DissolvedOn == null || o.DissolvedOn > day)
            )
            .Select(o => new DirectoryGroup(o.Id, o.Name, o.ParentId, o.FoundedOn, o.DissolvedOn))
            .ToListAsync(ct);
        return [.. rows.OrderBy(g => g.Name, StringComparer.Ordinal).ThenBy(g => g.Id)];
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

    public async Task<PartyScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var access = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        return new PartyScope(access.Buildings, access.Branches);
    }

    private IQueryable<MemberFacts> Facts(IQueryable<Member> members) =>
        from m in members
        let spell = db
            .MemberSpells.Where(s => s.MemberId == m.Id && s.ToDate == null)
            .OrderByDescending(s => s.FromDate)
            .FirstOrDefault()
        let org = db.PartyOrganizations.FirstOrDefault(o =>
            spell != null && o.Id == spell.OrganizationId
        )
        select new MemberFacts(
            m.Id,
            m.Name,
            m.Gender == Gender.Male ? "Male" : "Female",
            m.BirthDate,
            m.Ethnicity,
            m.Status == MemberStatus.Probationary || m.Status == MemberStatus.Full,
            m.Status == MemberStatus.Probationary,
            m.OrganizationalStatus.ToString(),
            m.ResidentIdMasked,
            m.Phone,
            spell == null ? null : spell.OrganizationId,
            org == null ? null : org.Name,
            org == null ? null : org.BuildingId
        );

    public async Task<MemberFacts?> MemberAsync(Guid memberId, CancellationToken ct) =>
        await Facts(db.Members.AsNoTracking().Where(m => m.Id == memberId)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<MemberFacts>> MembersOfAsync(
        Guid organizationId,
        CancellationToken ct
    )
    {
        var ids = db
            .MemberSpells.Where(s => s.OrganizationId == organizationId && s.ToDate == null)
            .Select(s => s.MemberId);
        var rows = await Facts(
                db.Members.AsNoTracking()
                    .Where(m =>
                        ids.Contains(m.Id)
                        && (m.Status == MemberStatus.Probationary || m.Status == MemberStatus.Full)
                    )
            )
            .ToListAsync(ct);
        return [.. rows.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    public async Task<string?> FullResidentIdAsync(Guid memberId, CancellationToken ct)
    {
        var cipher = await db
            .Members.AsNoTracking()
            .Where(m => m.Id == memberId)
            .Select(m => m.ResidentIdCipher)
            .FirstOrDefaultAsync(ct);
        return cipher is null ? null : protector.Decrypt(cipher);
    }

    public async Task<bool> MoveMemberAsync(
        Guid memberId,
        Guid toOrganizationId,
        DateOnly on,
        string reason,
        CancellationToken ct
    )
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return false;
        var current = await db
            .MemberSpells.Where(s => s.MemberId == memberId && s.ToDate == null)
            .ToListAsync(ct);
        foreach (var s in current)
            s.ToDate = on < s.FromDate ? s.FromDate : on;
        db.MemberSpells.Add(
            new MemberSpell
            {
                Id = Guid.CreateVersion7(),
                MemberId = memberId,
                OrganizationId = toOrganizationId,
                FromDate = on,
                Reason = reason,
            }
        );
        member.RelationshipHeldAt = null;
        member.Version++;
        return true;
    }

    public async Task<bool> ReleaseMemberAsync(
        Guid memberId,
        DateOnly on,
        string heldAt,
        CancellationToken ct
    )
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return false;
        var current = await db
            .MemberSpells.Where(s => s.MemberId == memberId && s.ToDate == null)
            .ToListAsync(ct);
        foreach (var s in current)
            s.ToDate = on < s.FromDate ? s.FromDate : on;
        member.RelationshipHeldAt = heldAt.Length > 200 ? heldAt[..200] : heldAt;
        member.IsMobile = false;
        member.Version++;
        return true;
    }

    public async Task<Guid?> RegisterArrivalAsync(
        ArrivingMember a,
        Guid organizationId,
        DateOnly on,
        string? byUserId,
        CancellationToken ct
    )
    {
        var hash = protector.Hash(a.ResidentId);
        var known = await db.Members.FirstOrDefaultAsync(m => m.ResidentIdHash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (known is not null)
        {
            if (await db.MemberSpells.AnyAsync(s => s.MemberId == known.Id && s.ToDate == null, ct))
                return null;
            await MoveMemberAsync(known.Id, organizationId, on, MemberMoveReasons.TransferIn, ct);
            return known.Id;
        }
        var status = a.IsProbationary ? MemberStatus.Probationary : MemberStatus.Full;
        var m = new Member
        {
            Id = Guid.CreateVersion7(),
            Name = a.Name,
            ResidentIdCipher = protector.Encrypt(a.ResidentId),
            ResidentIdHash = hash,
            ResidentIdMasked = ResidentIdNumber.Mask(a.ResidentId),
            Gender = a.IsMale ? Gender.Male : Gender.Female,
            BirthDate = a.BirthDate,
            Status = status,
            JoinedOn = a.JoinedOn,
            FullMemberOn = a.IsProbationary ? null : a.FullMemberOn,
            Ethnicity = a.Ethnicity,
            Phone = a.Phone,
            OrganizationalStatus = OrganizationalStatus.Normal,
            Version = 1,
        };
        db.Members.Add(m);
        db.MemberSpells.Add(
            new MemberSpell
            {
                Id = Guid.CreateVersion7(),
                MemberId = m.Id,
                OrganizationId = organizationId,
                FromDate = on,
                Reason = MemberMoveReasons.TransferIn,
            }
        );
        foreach (
            var (field, to) in new[]
            {
                (MemberStatusChange.StatusField, status.ToString()),
                (MemberStatusChange.OrganizationalStatusField, nameof(OrganizationalStatus.Normal)),
            }
        )
            db.Set<MemberStatusChange>()
                .Add(
                    new MemberStatusChange
                    {
                        Id = Guid.CreateVersion7(),
                        MemberId = m.Id,
                        At = now,
                        Field = field,
                        To = to,
                        Reason = MemberMoveReasons.TransferIn,
                        ByUserId = byUserId,
                    }
                );
        return m.Id;
    }

    public async Task<bool> SetOrganizationalStatusAsync(
        Guid memberId,
        string status,
        string reason,
        string? byUserId,
        CancellationToken ct
    )
    {
        if (!Enum.TryParse<OrganizationalStatus>(status, false, out var to) || !Enum.IsDefined(to))
            return false;
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return false;
        if (member.OrganizationalStatus == to)
            return true;
        db.Set<MemberStatusChange>()
            .Add(
                new MemberStatusChange
                {
                    Id = Guid.CreateVersion7(),
                    MemberId = memberId,
                    At = clock.GetUtcNow().UtcDateTime,
                    Field = MemberStatusChange.OrganizationalStatusField,
                    From = member.OrganizationalStatus.ToString(),
                    To = to.ToString(),
                    Reason = reason,
                    ByUserId = byUserId,
                }
            );
        member.OrganizationalStatus = to;
        member.IsMobile = to == OrganizationalStatus.Mobile;
        member.Version++;
        return true;
    }

    public async Task<DirectoryOrganization?> AnyOrganizationAsync(
        Guid organizationId,
        CancellationToken ct
    ) =>
        await db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.Id == organizationId)
            .Select(o => new DirectoryOrganization(o.Id, o.Name, o.BuildingId, false))
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, string>> OrganizationNamesAsync(
        IReadOnlyCollection<Guid> organizationIds,
        CancellationToken ct
    )
    {
        if (organizationIds.Count == 0)
            return new Dictionary<Guid, string>();
        var memo = OrganizationNameMemo.Of(db);
        var ids = organizationIds.Distinct().Where(id => !memo.ContainsKey(id)).ToArray();
        if (ids.Length > 0)
        {
            var rows = await db
                .PartyOrganizations.AsNoTracking()
                .Where(o => ids.Contains(o.Id))
                .Select(o => new { o.Id, o.Name })
                .ToListAsync(ct);
            foreach (var o in rows)
                memo[o.Id] = o.Name;
        }
        var names = new Dictionary<Guid, string>();
        foreach (var id in organizationIds)
            if (memo.TryGetValue(id, out var name))
                names[id] = name;
        return names;
    }

    public async Task<IReadOnlyList<DirectoryOrganization>> AllOrganizationsAsync(
        CancellationToken ct
    ) =>
        await db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.DissolvedOn == null)
            .OrderBy(o => o.Name)
            .Select(o => new DirectoryOrganization(o.Id, o.Name, o.BuildingId, false))
            .ToListAsync(ct);
}
