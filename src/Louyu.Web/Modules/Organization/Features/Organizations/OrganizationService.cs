using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Organizations;

/// <summary>Members of an organisation today: party members, of them full and probationary.</summary>
public sealed record MemberCounts(int Count, int Full, int Probationary);

/// <summary>A flagged rule as the API answers it: the message in the caller's language, the source as written.</summary>
public sealed record CheckResponse(string Code, string Severity, string Message, string Source);

/// <summary>A party organisation as the API answers it (api.md "Organisation system").</summary>
public sealed record OrganizationResponse(
    Guid Id,
    string Name,
    string Type,
    Guid? ParentId,
    Guid BuildingId,
    string? Grouping,
    DateOnly FoundedOn,
    DateOnly? DissolvedOn,
    IReadOnlyList<Guid> EnterpriseIds,
    int Version,
    MemberCounts Members,
    IReadOnlyList<CheckResponse> Checks
);

/// <summary>The filters of GET /api/v1/organizations.</summary>
public sealed record OrganizationQuery(
    int? Page = null,
    int? PageSize = null,
    string? Type = null,
    string? BuildingId = null,
    string? ParentId = null,
    string? Q = null
);

/// <summary>
/// Party organisations in the caller's buildings (the scope is part of every query): list, read, set up, update,
/// and the rule checks of <see cref="OrganizationRules"/>. Used by the API and by the pages alike.
/// </summary>
public sealed class OrganizationService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<OrganizationAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        OrganizationAccess.ResolveAsync(scopes, user, ct);

    public async Task<Outcome<Paged<OrganizationResponse>>> ListAsync(
        ClaimsPrincipal user,
        OrganizationQuery query,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<Paged<OrganizationResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, query.Page, query.PageSize);
        var building = FieldRules.Id(errors, "buildingId", query.BuildingId, required: false);
        var parent = FieldRules.Id(errors, "parentId", query.ParentId, required: false);
        OrganizationType? type = null;
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            if (
                Enum.TryParse<OrganizationType>(query.Type.Trim(), false, out var t)
                && Enum.IsDefined(t)
                && !int.TryParse(query.Type, out _)
            )
                type = t;
            else
                errors.Add(FieldError.Of("type", "Validation.OrganizationType"));
        }
        var q = query.Q?.Trim();
        if (q is { Length: > 200 })
            errors.Add(FieldError.Of("q", "Validation.TooLong", 200));
        if (errors.Count > 0)
            return Outcome<Paged<OrganizationResponse>>.Invalid(errors);
        if (building is not null && !access.Read.Allows(building.Value))
            return Outcome<Paged<OrganizationResponse>>.Forbidden();

        var rows = Scoped(access.Read);
        if (building is not null)
            rows = rows.Where(o => o.BuildingId == building.Value);
        if (parent is not null)
            rows = rows.Where(o => o.ParentId == parent.Value);
        if (type is not null)
            rows = rows.Where(o => o.Type == type.Value);
        if (!string.IsNullOrEmpty(q))
            rows = rows.Where(o => o.Name.Contains(q));
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(o => o.Name)
            .ThenBy(o => o.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<OrganizationResponse>>.Ok(
            new Paged<OrganizationResponse>(await DescribeAsync(items, ct), page, size, total)
        );
    }

    /// <summary>The live organisations in the caller's scope that some rule flags (a party worker's to-do list).</summary>
    public async Task<Outcome<Paged<OrganizationResponse>>> ChecksAsync(
        ClaimsPrincipal user,
        int? pageNumber,
        int? pageSize,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<Paged<OrganizationResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, pageNumber, pageSize);
        if (errors.Count > 0)
            return Outcome<Paged<OrganizationResponse>>.Invalid(errors);
        var today = Today;
        var scoped = Scoped(access.Read).Where(o => o.DissolvedOn == null || o.DissolvedOn > today);
        var flagged = await FlaggedAsync(scoped, today, ct);
        var pageRows = flagged.Skip((page - 1) * size).Take(size).ToList();
        var pageIds = pageRows.Select(o => o.Id).ToList();
        var byId =
            pageIds.Count == 0
                ? []
                : await db
                    .PartyOrganizations.AsNoTracking()
                    .Where(o => pageIds.Contains(o.Id))
                    .ToDictionaryAsync(o => o.Id, ct);
        var described = await DescribeAsync([.. pageIds.Select(id => byId[id])], ct);
        return Outcome<Paged<OrganizationResponse>>.Ok(
            new Paged<OrganizationResponse>(described, page, size, flagged.Count)
        );
    }

    private sealed record OrganizationRow(Guid Id, OrganizationType Type);

    /// <summary>
    /// The live organisations of <paramref name="live"/> (ordered by name) that some rule of
    /// <see cref="OrganizationRules.Check"/> flags. Set-based: one grouped count per fact over all of them (members
    /// and full members today, live enterprises, of those the ones with ≥ 3 full members and no organisation of their
    /// own), then the rules on those figures; <see cref="DescribeAsync"/> is run for the page only. The figures are
    /// those DescribeAsync counts, so the same organisations are flagged.
    /// </summary>
    private async Task<List<OrganizationRow>> FlaggedAsync(
        IQueryable<PartyOrganization> live,
        DateOnly today,
        CancellationToken ct
    )
    {
        var orgs = await live.OrderBy(o => o.Name)
            .ThenBy(o => o.Id)
            .Select(o => new OrganizationRow(o.Id, o.Type))
            .ToListAsync(ct);
        if (orgs.Count == 0)
            return [];
        var ids = live.Select(o => o.Id);
        var memberRows = await (
            from s in db.MemberSpells
            join m in db.Members on s.MemberId equals m.Id
            where
                ids.Contains(s.OrganizationId)
                && s.FromDate <= today
                && (s.ToDate == null || s.ToDate > today)
                && m.JoinedOn != null
                && m.JoinedOn <= today
            group new { m.Id, Full = m.FullMemberOn != null && m.FullMemberOn <= today } by new
            {
                s.OrganizationId,
                MemberId = m.Id,
            } into g
            select new
            {
                g.Key.OrganizationId,
                g.Key.MemberId,
                Full = g.Max(x => x.Full ? 1 : 0),
            }
        )
            .GroupBy(x => x.OrganizationId)
            .Select(g => new
            {
                OrganizationId = g.Key,
                Members = g.Count(),
                Full = g.Sum(x => x.Full),
            })
            .ToDictionaryAsync(x => x.OrganizationId, ct);
        var links = db.OrganizationEnterprises.Where(l =>
            ids.Contains(l.OrganizationId) && (l.ToDate == null || l.ToDate > today)
        );
        var enterpriseCounts = await links
            .GroupBy(l => l.OrganizationId)
            .Select(g => new
            {
                OrganizationId = g.Key,
                N = g.Select(l => l.EnterpriseId).Distinct().Count(),
            })
            .ToDictionaryAsync(x => x.OrganizationId, x => x.N, ct);
        // Enterprises with ≥ 3 full members, and those with a live own-kind organisation covering only them.
        var threeFull = db
            .Members.Where(m =>
                m.EnterpriseId != null && m.FullMemberOn != null && m.FullMemberOn <= today
            )
            .GroupBy(m => m.EnterpriseId!.Value)
            .Where(g => g.Count() >= OrganizationRules.MinFullMembersForBranch)
            .Select(g => g.Key);
        var liveLinks = db.OrganizationEnterprises.Where(x =>
            x.FromDate <= today && (x.ToDate == null || x.ToDate > today)
        );
        var single = liveLinks
            .GroupBy(x => x.OrganizationId)
            .Where(g => g.Count() == 1)
            .Select(g => g.Key);
        var own =
            from l in liveLinks
            join o in db.PartyOrganizations on l.OrganizationId equals o.Id
            where
                (o.DissolvedOn == null || o.DissolvedOn > today)
                && (
                    o.Type == OrganizationType.Branch
                    || o.Type == OrganizationType.GeneralBranch
                    || o.Type == OrganizationType.Committee
                )
                && single.Contains(o.Id)
            select l.EnterpriseId;
        var needOwn = await links
            .Where(l => threeFull.Contains(l.EnterpriseId) && !own.Contains(l.EnterpriseId))
            .GroupBy(l => l.OrganizationId)
            .Select(g => new
            {
                OrganizationId = g.Key,
                N = g.Select(l => l.EnterpriseId).Distinct().Count(),
            })
            .ToDictionaryAsync(x => x.OrganizationId, x => x.N, ct);

        var committees = await CommitteeSizesAsync(ids, today, ct);
        // An enterprise stands for the rules only through its to-do flag (CoverageRules.Todo): one that needs an
        // own branch, and one that does not.
        var needsOwn = new CoverageFacts(false, true, false, MinFull, MinFull);
        var fine = new CoverageFacts(true, false, false, 0, 0);
        return
        [
            .. orgs.Where(o =>
            {
                var m = memberRows.GetValueOrDefault(o.Id);
                var n = enterpriseCounts.GetValueOrDefault(o.Id);
                var need = needOwn.GetValueOrDefault(o.Id);
                var facts = new OrganizationFacts(
                    o.Type,
                    m?.Members ?? 0,
                    m?.Full ?? 0,
                    [.. Enumerable.Repeat(needsOwn, need), .. Enumerable.Repeat(fine, n - need)],
                    committees.GetValueOrDefault(o.Id)
                );
                return OrganizationRules.Check(facts).Count > 0;
            }),
        ];
    }

    private const int MinFull = OrganizationRules.MinFullMembersForBranch;

    public async Task<Outcome<OrganizationResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<OrganizationResponse>.Forbidden();
        var o = await db.PartyOrganizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null || !access.Read.Allows(o.BuildingId))
            return Outcome<OrganizationResponse>.NotFound();
        return Outcome<OrganizationResponse>.Ok((await DescribeAsync([o], ct))[0]);
    }

    public async Task<Outcome<OrganizationResponse>> CreateAsync(
        ClaimsPrincipal user,
        OrganizationInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<OrganizationResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = OrganizationInputRules.Validate(input, Today, requireVersion: false);
        if (values is null)
            return Outcome<OrganizationResponse>.Invalid(errors);
        var refusal = await CheckReferencesAsync(access, values, null, errors, ct);
        if (refusal is not null)
            return refusal;
        var entity = new PartyOrganization
        {
            Id = Guid.CreateVersion7(),
            Name = values.Name,
            Version = 1,
        };
        Apply(entity, values);
        db.PartyOrganizations.Add(entity);
        foreach (var e in values.EnterpriseIds)
            db.OrganizationEnterprises.Add(
                new OrganizationEnterprise
                {
                    OrganizationId = entity.Id,
                    EnterpriseId = e,
                    FromDate = values.FoundedOn,
                    ToDate = values.DissolvedOn,
                }
            );
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return Outcome<OrganizationResponse>.Ok((await DescribeAsync([entity], ct))[0]);
    }

    public async Task<Outcome<OrganizationResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid id,
        OrganizationInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<OrganizationResponse>.Forbidden();
        var entity = await db.PartyOrganizations.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null || !access.Read.Allows(entity.BuildingId))
            return Outcome<OrganizationResponse>.NotFound();
        if (!access.Write.Allows(entity.BuildingId))
            return Outcome<OrganizationResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = OrganizationInputRules.Validate(input, Today, requireVersion: true);
        if (values is null)
            return Outcome<OrganizationResponse>.Invalid(errors);
        var refusal = await CheckReferencesAsync(access, values, id, errors, ct);
        if (refusal is not null)
            return refusal;
        if (input.Version != entity.Version)
            return Outcome<OrganizationResponse>.Conflict("Problem.StaleVersion", entity.Version);

        var today = Today;
        var links = await db
            .OrganizationEnterprises.Where(l => l.OrganizationId == id)
            .ToListAsync(ct);
        var wanted = values.EnterpriseIds.ToHashSet();
        foreach (var l in links)
        {
            var isLive = l.ToDate == null || l.ToDate > today;
            if (wanted.Contains(l.EnterpriseId))
            {
                if (!isLive)
                {
                    // The key is (organisation, enterprise): a link taken up again reopens its row.
                    l.FromDate = today < values.FoundedOn ? values.FoundedOn : today;
                    l.ToDate = values.DissolvedOn;
                }
                else
                {
                    if (l.FromDate == entity.FoundedOn)
                        l.FromDate = values.FoundedOn;
                    l.ToDate = values.DissolvedOn;
                }
            }
            else if (isLive)
                l.ToDate = today; // ended, not deleted: the history stays
        }
        foreach (var e in wanted.Where(e => links.All(l => l.EnterpriseId != e)))
            db.OrganizationEnterprises.Add(
                new OrganizationEnterprise
                {
                    OrganizationId = id,
                    EnterpriseId = e,
                    FromDate = today < values.FoundedOn ? values.FoundedOn : today,
                    ToDate = values.DissolvedOn,
                }
            );
        // The UPDATE carries "WHERE Version = <the version the client read>": a concurrent change makes it miss.
        db.Entry(entity).Property(x => x.Version).OriginalValue = input.Version!.Value;
        entity.Version = input.Version.Value + 1;
        entity.Name = values.Name;
        Apply(entity, values);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<OrganizationResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        db.ChangeTracker.Clear();
        return Outcome<OrganizationResponse>.Ok((await DescribeAsync([entity], ct))[0]);
    }

    private IQueryable<PartyOrganization> Scoped(BuildingScope scope)
    {
        var rows = db.PartyOrganizations.AsNoTracking();
        if (scope.Filter is { } allowed)
            rows = rows.Where(o => allowed.Contains(o.BuildingId));
        return rows;
    }

    private static void Apply(PartyOrganization o, OrganizationValues v)
    {
        o.Type = v.Type;
        o.ParentId = v.ParentId;
        o.BuildingId = v.BuildingId;
        o.Grouping = v.Type == OrganizationType.JointBranch ? v.Grouping : null;
        o.FoundedOn = v.FoundedOn;
        o.DissolvedOn = v.DissolvedOn;
    }

    /// <summary>
    /// Building, parent and enterprises against the database: 400 for a missing or out-of-scope reference or a
    /// cycle, 403 for a building the caller may not write, 409 for an enterprise already in another live branch.
    /// </summary>
    private async Task<Outcome<OrganizationResponse>?> CheckReferencesAsync(
        OrganizationAccess access,
        OrganizationValues v,
        Guid? self,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var today = Today;
        if (!await db.Buildings.AnyAsync(b => b.Id == v.BuildingId, ct))
            errors.Add(FieldError.Of("buildingId", "Validation.BuildingNotFound"));

        if (v.ParentId is { } parentId)
        {
            if (parentId == self)
                errors.Add(FieldError.Of("parentId", "Validation.ParentCycle"));
            else
            {
                var parent = await db
                    .PartyOrganizations.AsNoTracking()
                    .Where(o => o.Id == parentId)
                    .Select(o => new { o.BuildingId })
                    .FirstOrDefaultAsync(ct);
                if (parent is null || !access.Read.Allows(parent.BuildingId))
                    errors.Add(FieldError.Of("parentId", "Validation.ParentNotFound"));
                else if (self is not null && await IsAncestorAsync(self.Value, parentId, ct))
                    errors.Add(FieldError.Of("parentId", "Validation.ParentCycle"));
            }
        }

        var ids = v.EnterpriseIds.ToList();
        var enterprises =
            ids.Count == 0
                ? []
                : await db
                    .Enterprises.AsNoTracking()
                    .Where(e => ids.Contains(e.Id))
                    .Select(e => new
                    {
                        e.Id,
                        e.Name,
                        e.BuildingId,
                        e.MovedOutOn,
                    })
                    .ToListAsync(ct);
        if (
            enterprises.Count != ids.Count
            || enterprises.Any(e => !access.Write.Allows(e.BuildingId))
        )
            errors.Add(FieldError.Of("enterpriseIds", "Validation.EnterpriseNotFound"));
        else if (enterprises.Any(e => e.MovedOutOn != null && e.MovedOutOn <= today))
            errors.Add(FieldError.Of("enterpriseIds", "Validation.EnterpriseNotPresent"));

        if (errors.Count > 0)
            return Outcome<OrganizationResponse>.Invalid(errors);
        if (!access.Write.Allows(v.BuildingId))
            return Outcome<OrganizationResponse>.Forbidden(access.RefusalKey);

        var live = v.DissolvedOn is null || v.DissolvedOn > today;
        if (
            live
            && (v.Type is OrganizationType.Branch or OrganizationType.JointBranch)
            && ids.Count > 0
        )
        {
            var other = await (
                from l in db.OrganizationEnterprises
                join o in db.PartyOrganizations on l.OrganizationId equals o.Id
                where
                    ids.Contains(l.EnterpriseId)
                    && (self == null || o.Id != self)
                    && (l.ToDate == null || l.ToDate > today)
                    && (o.DissolvedOn == null || o.DissolvedOn > today)
                    && (o.Type == OrganizationType.Branch || o.Type == OrganizationType.JointBranch)
                select new { l.EnterpriseId, o.Name }
            ).FirstOrDefaultAsync(ct);
            if (other is not null)
                return Outcome<OrganizationResponse>.Conflict(
                    "Problem.EnterpriseInBranch",
                    enterprises.First(e => e.Id == other.EnterpriseId).Name,
                    other.Name
                );
        }
        return null;
    }

    /// <summary>Whether <paramref name="ancestor"/> is above <paramref name="id"/> in the tree (walks up the parents).</summary>
    private async Task<bool> IsAncestorAsync(Guid ancestor, Guid id, CancellationToken ct)
    {
        var seen = new HashSet<Guid>();
        Guid? current = id;
        while (current is { } c && seen.Add(c))
        {
            if (c == ancestor)
                return true;
            current = await db
                .PartyOrganizations.AsNoTracking()
                .Where(o => o.Id == c)
                .Select(o => o.ParentId)
                .FirstOrDefaultAsync(ct);
        }
        return false;
    }

    /// <summary>People holding positions in each organisation's current term on a day (for the committee rule).</summary>
    private async Task<Dictionary<Guid, int>> CommitteeSizesAsync(
        IQueryable<Guid> ids,
        DateOnly today,
        CancellationToken ct
    ) =>
        await (
            from t in db.CommitteeTerms
            join p in db.CommitteePositions on t.Id equals p.TermId
            where
                ids.Contains(t.OrganizationId)
                && t.ElectedOn <= today
                && (t.EndedOn == null || t.EndedOn > today)
            group p by t.OrganizationId into g
            select new { OrganizationId = g.Key, N = g.Count() }
        ).ToDictionaryAsync(x => x.OrganizationId, x => x.N, ct);

    /// <summary>The organisations with their live enterprises, today's member counts and the rule checks.</summary>
    private async Task<List<OrganizationResponse>> DescribeAsync(
        IReadOnlyList<PartyOrganization> orgs,
        CancellationToken ct
    )
    {
        if (orgs.Count == 0)
            return [];
        var today = Today;
        var ids = orgs.Select(o => o.Id).ToList();
        var links = await db
            .OrganizationEnterprises.AsNoTracking()
            .Where(l => ids.Contains(l.OrganizationId) && (l.ToDate == null || l.ToDate > today))
            .Select(l => new { l.OrganizationId, l.EnterpriseId })
            .ToListAsync(ct);
        var members = await (
            from s in db.MemberSpells
            join m in db.Members on s.MemberId equals m.Id
            where
                ids.Contains(s.OrganizationId)
                && s.FromDate <= today
                && (s.ToDate == null || s.ToDate > today)
                && m.JoinedOn != null
                && m.JoinedOn <= today
            select new
            {
                s.OrganizationId,
                m.Id,
                Full = m.FullMemberOn != null && m.FullMemberOn <= today,
            }
        ).ToListAsync(ct);

        var committees = await CommitteeSizesAsync(
            db.PartyOrganizations.Where(o => ids.Contains(o.Id)).Select(o => o.Id),
            today,
            ct
        );
        var enterpriseIds = links.Select(l => l.EnterpriseId).Distinct().ToList();
        var own = new HashSet<Guid>();
        var fullBy = new Dictionary<Guid, int>();
        if (enterpriseIds.Count > 0)
        {
            // An organisation of its own: a live branch, general branch or committee covering only that enterprise.
            var ownRows = await (
                from l in db.OrganizationEnterprises
                join o in db.PartyOrganizations on l.OrganizationId equals o.Id
                where
                    enterpriseIds.Contains(l.EnterpriseId)
                    && l.FromDate <= today
                    && (l.ToDate == null || l.ToDate > today)
                    && (o.DissolvedOn == null || o.DissolvedOn > today)
                    && (
                        o.Type == OrganizationType.Branch
                        || o.Type == OrganizationType.GeneralBranch
                        || o.Type == OrganizationType.Committee
                    )
                    && db.OrganizationEnterprises.Count(x =>
                        x.OrganizationId == o.Id
                        && x.FromDate <= today
                        && (x.ToDate == null || x.ToDate > today)
                    ) == 1
                select l.EnterpriseId
            ).ToListAsync(ct);
            own.UnionWith(ownRows);
            var full = await db
                .Members.AsNoTracking()
                .Where(m =>
                    m.EnterpriseId != null
                    && enterpriseIds.Contains(m.EnterpriseId.Value)
                    && m.FullMemberOn != null
                    && m.FullMemberOn <= today
                )
                .GroupBy(m => m.EnterpriseId!.Value)
                .Select(g => new { g.Key, N = g.Count() })
                .ToListAsync(ct);
            foreach (var f in full)
                fullBy[f.Key] = f.N;
        }

        var result = new List<OrganizationResponse>(orgs.Count);
        foreach (var o in orgs)
        {
            var mine = members.Where(m => m.OrganizationId == o.Id).DistinctBy(m => m.Id).ToList();
            var fullCount = mine.Count(m => m.Full);
            var counts = new MemberCounts(mine.Count, fullCount, mine.Count - fullCount);
            var ents = links
                .Where(l => l.OrganizationId == o.Id)
                .Select(l => l.EnterpriseId)
                .Distinct()
                .OrderBy(e => e)
                .ToList();
            var dissolved = o.DissolvedOn is not null && o.DissolvedOn <= today;
            var checks = dissolved
                ? []
                : OrganizationRules.Check(
                    new OrganizationFacts(
                        o.Type,
                        counts.Count,
                        counts.Full,
                        [
                            .. ents.Select(e =>
                            {
                                var n = fullBy.GetValueOrDefault(e);
                                return new CoverageFacts(
                                    own.Contains(e),
                                    !own.Contains(e),
                                    false,
                                    n,
                                    n
                                );
                            }),
                        ],
                        committees.GetValueOrDefault(o.Id)
                    )
                );
            result.Add(
                new OrganizationResponse(
                    o.Id,
                    o.Name,
                    o.Type.ToString(),
                    o.ParentId,
                    o.BuildingId,
                    o.Grouping?.ToString(),
                    o.FoundedOn,
                    o.DissolvedOn,
                    ents,
                    o.Version,
                    counts,
                    [
                        .. checks.Select(c => new CheckResponse(
                            c.Code,
                            c.Severity.ToString(),
                            text[c.MessageKey, c.Args].Value,
                            c.Source
                        )),
                    ]
                )
            );
        }
        return result;
    }
}
