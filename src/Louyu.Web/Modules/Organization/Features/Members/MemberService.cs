using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// A member as the API answers it (api.md "Organisation system"). <see cref="ResidentId"/> is masked
/// (110105********002X) unless revealed; the phone is masked in lists and shown in full on a single record.
/// </summary>
public sealed record MemberResponse(
    Guid Id,
    string Name,
    string ResidentId,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Gender>))] Gender Gender,
    DateOnly BirthDate,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MemberStatus>))] MemberStatus Status,
    [property: JsonConverter(typeof(JsonStringEnumConverter<OrganizationalStatus>))]
        OrganizationalStatus OrganizationalStatus,
    Guid? OrganizationId,
    Guid? EnterpriseId,
    bool IsMobile,
    DateOnly? JoinedOn,
    DateOnly? FullMemberOn,
    string? Phone,
    string? Ethnicity,
    string? Education,
    string? Position,
    int Version,
    string? RelationshipHeldAt = null
)
{
    public static MemberResponse From(
        Member m,
        Guid? organizationId,
        string? fullResidentId = null,
        bool fullPhone = false
    ) =>
        new(
            m.Id,
            m.Name,
            fullResidentId ?? m.ResidentIdMasked,
            m.Gender,
            m.BirthDate,
            m.Status,
            m.OrganizationalStatus,
            organizationId,
            m.EnterpriseId,
            m.IsMobile,
            m.JoinedOn,
            m.FullMemberOn,
            m.Phone is null || fullPhone ? m.Phone : MemberRecordRules.MaskPhone(m.Phone),
            m.Ethnicity,
            m.Education,
            m.Position,
            m.Version,
            m.RelationshipHeldAt
        );
}

/// <summary>The filters of GET /api/v1/members.</summary>
public sealed record MemberQuery(
    int? Page = null,
    int? PageSize = null,
    string? OrganizationId = null,
    string? EnterpriseId = null,
    string? BuildingId = null,
    string? Status = null,
    string? Q = null,
    string? OrganizationalStatus = null
);

public sealed record MemberSpellResponse(
    Guid Id,
    Guid OrganizationId,
    string? OrganizationName,
    DateOnly FromDate,
    DateOnly? ToDate,
    string Reason
);

public sealed record MemberStatusChangeResponse(
    DateTime At,
    string Field,
    string? From,
    string To,
    string? Reason,
    string? ByUserId
);

/// <summary>What the phone page "my branch" (/m/branch) shows.</summary>
public sealed record MyBranchView(
    MemberResponse Me,
    string? BranchName,
    string? BuildingName,
    string? SecretaryName,
    int MemberCount
);

/// <summary>GET /api/v1/members/{id}/history: the organisational relationship over time and every status change.</summary>
public sealed record MemberHistoryResponse(
    Guid MemberId,
    IReadOnlyList<MemberSpellResponse> Spells,
    IReadOnlyList<MemberStatusChangeResponse> StatusChanges
);

/// <summary>
/// Member records in the caller's scope (the scope is part of every query): list, read (with an audited reveal of
/// the resident ID), register, update with the history of spells and status changes.
/// </summary>
public sealed class MemberService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    PersonalDataProtector protector,
    IHttpContextAccessor http,
    TimeProvider clock,
    ListCounts counts,
    ListPages pages
)
{
    public const string RegisteredReason = "Registered";
    public const string InternalTransferReason = "InternalTransfer";

    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<MemberAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        MemberAccess.ResolveAsync(scopes, db, user, ct);

    /// <summary>
    /// The members the caller may see, as a query (never loaded whole): a party worker's buildings by the members'
    /// placement (the PlacedBuildingId the database keeps on the member row), a secretary's branches by the
    /// current spells, a member their own record.
    /// </summary>
    private IQueryable<Member> Visible(MemberAccess access)
    {
        var rows = db.Members.AsNoTracking();
        if (access.Buildings.All)
            return rows;
        var buildings = access.Buildings.BuildingIds.Select(b => (Guid?)b).ToArray();
        var anyBuilding = buildings.Length > 0;
        var branches = access.Branches.ToArray();
        var anyBranch = branches.Length > 0;
        var self = access.IsMember ? access.UserId : null;
        var inBranches = db
            .MemberSpells.Where(s => s.ToDate == null && branches.Contains(s.OrganizationId))
            .Select(s => s.MemberId);
        return rows.Where(m =>
            (anyBuilding && buildings.Contains(m.PlacedBuildingId))
            || (anyBranch && inBranches.Contains(m.Id))
            || (self != null && m.UserId == self)
        );
    }

    /// <summary>The parsed filters of GET /api/v1/members (the caller's scope resolved).</summary>
    private sealed record MemberFilter(
        MemberAccess Access,
        Guid? Organization,
        Guid? Enterprise,
        Guid? Building,
        MemberStatus? Status,
        OrganizationalStatus? OrganizationalStatus,
        string? Q
    );

    /// <summary>
    /// The members the caller may see, filtered as GET /api/v1/members filters them (the list and the export);
    /// <paramref name="errors"/> may already hold the caller's own field errors.
    /// </summary>
    public async Task<Outcome<IQueryable<Member>>> FilteredAsync(
        ClaimsPrincipal user,
        MemberQuery query,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var parsed = await ParseAsync(user, query, errors, ct);
        return parsed.Refusal is not null
            ? parsed.Refused<IQueryable<Member>>()
            : Outcome<IQueryable<Member>>.Ok(Filter(parsed.Value!));
    }

    private async Task<Outcome<MemberFilter>> ParseAsync(
        ClaimsPrincipal user,
        MemberQuery query,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<MemberFilter>.Forbidden();
        var organization = FieldRules.Id(errors, "organizationId", query.OrganizationId, false);
        var enterprise = FieldRules.Id(errors, "enterpriseId", query.EnterpriseId, false);
        var building = FieldRules.Id(errors, "buildingId", query.BuildingId, false);
        MemberStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (
                Enum.TryParse<MemberStatus>(query.Status.Trim(), true, out var s)
                && Enum.IsDefined(s)
                && !query.Status.Any(char.IsAsciiDigit)
            )
                status = s;
            else
                errors.Add(FieldError.Of("status", "Validation.MemberStatus"));
        }
        OrganizationalStatus? orgStatus = null;
        if (!string.IsNullOrWhiteSpace(query.OrganizationalStatus))
        {
            if (
                Enum.TryParse<OrganizationalStatus>(
                    query.OrganizationalStatus.Trim(),
                    true,
                    out var os
                )
                && Enum.IsDefined(os)
                && !query.OrganizationalStatus.Any(char.IsAsciiDigit)
            )
                orgStatus = os;
            else
                errors.Add(
                    FieldError.Of("organizationalStatus", "Validation.OrganizationalStatus")
                );
        }
        var q = query.Q?.Trim();
        if (q is { Length: > 100 })
            errors.Add(FieldError.Of("q", "Validation.TooLong", 100));
        if (errors.Count > 0)
            return Outcome<MemberFilter>.Invalid(errors);
        if (
            building is not null
            && access.Branches.Count == 0
            && !access.Buildings.IsEmpty
            && !access.Buildings.Allows(building.Value)
        )
            return Outcome<MemberFilter>.Forbidden();
        return Outcome<MemberFilter>.Ok(
            new MemberFilter(
                access,
                organization,
                enterprise,
                building,
                status,
                orgStatus,
                string.IsNullOrEmpty(q) ? null : q
            )
        );
    }

    /// <summary>
    /// The filtered members as a query. The building filter reads the members' placement (their current
    /// organisation's building, or without one their workplace's), which the database keeps on the member row: the
    /// (PlacedBuildingId, Name, Id) index gives a building's page in order and its total from one index range.
    /// </summary>
    private IQueryable<Member> Filter(MemberFilter f)
    {
        var rows = Visible(f.Access);
        if (f.Organization is { } organization)
        {
            var inOrganization = db
                .MemberSpells.Where(s => s.ToDate == null && s.OrganizationId == organization)
                .Select(s => s.MemberId);
            rows = rows.Where(m => inOrganization.Contains(m.Id));
        }
        if (f.Enterprise is { } enterprise)
            rows = rows.Where(m => m.EnterpriseId == enterprise);
        if (f.Building is { } building)
            rows = rows.Where(m => m.PlacedBuildingId == building);
        if (f.Status is { } status)
            rows = rows.Where(m => m.Status == status);
        if (f.OrganizationalStatus is { } orgStatus)
            rows = rows.Where(m => m.OrganizationalStatus == orgStatus);
        if (f.Q is { } q)
            rows = rows.Where(m => m.Name.Contains(q));
        return rows;
    }

    /// <summary>
    /// The filter tested on one member in memory, exactly as <see cref="Filter"/> tests it in SQL (a name contains
    /// the text code point by code point, as <c>instr</c> and <c>strpos</c> do) — only where the filter reads the
    /// member's own columns: no organisation and no secretary's branches (those read the spells). The building and
    /// a party worker's buildings read the placement the database keeps on the row, which writes report back
    /// (<see cref="PlacementWatch"/>). Otherwise null: the total is counted again.
    /// </summary>
    private static Func<Member, bool>? Matches(MemberFilter f)
    {
        var access = f.Access;
        if (f.Organization is not null || (!access.Buildings.All && access.Branches.Count > 0))
            return null;
        var buildings = access.Buildings.All ? null : access.Buildings.BuildingIds.ToHashSet();
        var self = access.IsMember ? access.UserId : null;
        return m =>
            (
                buildings is null
                || (m.PlacedBuildingId is { } placed && buildings.Contains(placed))
                || (self != null && m.UserId == self)
            )
            && (f.Building is null || m.PlacedBuildingId == f.Building)
            && (f.Enterprise is null || m.EnterpriseId == f.Enterprise)
            && (f.Status is null || m.Status == f.Status)
            && (f.OrganizationalStatus is null || m.OrganizationalStatus == f.OrganizationalStatus)
            && (f.Q is null || m.Name.Contains(f.Q, StringComparison.Ordinal));
    }

    /// <summary>Whether <see cref="Matches"/> reads the placement (a building, a party worker's buildings).</summary>
    private static bool ReadsPlacement(MemberFilter f) =>
        f.Building is not null || !f.Access.Buildings.All;

    public async Task<Outcome<Paged<MemberResponse>>> ListAsync(
        ClaimsPrincipal user,
        MemberQuery query,
        CancellationToken ct
    )
    {
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, query.Page, query.PageSize);
        var parsed = await ParseAsync(user, query, errors, ct);
        if (parsed.Refusal is not null)
            return parsed.Refused<Paged<MemberResponse>>();
        var f = parsed.Value!;
        var rows = Filter(f);
        var offset = (page - 1) * size;
        // The exact total, kept until a write that can change it (ListCounts) — or patched by it.
        var total = await counts.CountAsync(rows, ct, Matches(f), ReadsPlacement(f));
        if (offset >= total)
            return Outcome<Paged<MemberResponse>>.Ok(new([], page, size, total));
        if (f.Q is { } q)
            rows = await NarrowToPrefixAsync(rows, q, total, ct);
        // The page's ids first (the (Name, Id) index alone, from the nearest page start served before), then
        // those rows.
        var ids = await pages.IdsAsync(rows, offset, size, m => m.Name, m => m.Id, ct);
        var byId =
            ids.Count == 0
                ? []
                : await db
                    .Members.AsNoTracking()
                    .Where(m => ids.Contains(m.Id))
                    .ToDictionaryAsync(m => m.Id, ct);
        var items = ids.Select(id => byId[id]).ToList();
        var current = await CurrentOrganizationsAsync([.. items.Select(m => m.Id)], ct);
        return Outcome<Paged<MemberResponse>>.Ok(
            new Paged<MemberResponse>(
                [.. items.Select(m => MemberResponse.From(m, current.GetValueOrDefault(m.Id)))],
                page,
                size,
                total
            )
        );
    }

    /// <summary>
    /// A name search usually matches at the start of the name (a surname, a full name). When every match starts
    /// with <paramref name="q"/> — the kept count of matches inside the range [q, q + U+FFFF) equals the total,
    /// which holds under any collation — the page reads that range of the (Name, Id) index instead of scanning all
    /// names for the substring.
    /// </summary>
    private async Task<IQueryable<Member>> NarrowToPrefixAsync(
        IQueryable<Member> rows,
        string q,
        int total,
        CancellationToken ct
    )
    {
        var upper = q + '\uffff';
        // Translated to SQL (Name >= @q AND Name < @upper): the database's collation compares, not .NET's.
#pragma warning disable CA1309
        var range = rows.Where(m =>
            string.Compare(m.Name, q) >= 0 && string.Compare(m.Name, upper) < 0
        );
#pragma warning restore CA1309
        return await counts.CountAsync(range, ct) == total ? range : rows;
    }

    public async Task<Outcome<MemberResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        bool reveal,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<MemberResponse>.Forbidden();
        var m = await Visible(access).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
            return Outcome<MemberResponse>.NotFound();
        var org = (await CurrentOrganizationsAsync([id], ct)).GetValueOrDefault(id);
        if (!reveal)
            return Outcome<MemberResponse>.Ok(MemberResponse.From(m, org, fullPhone: true));
        var self = access.UserId is not null && m.UserId == access.UserId;
        if (!access.MayRevealAll && !self)
            return Outcome<MemberResponse>.Forbidden("Problem.RevealForbidden");
        var full = protector.Decrypt(m.ResidentIdCipher);
        // A sensitive read is audited explicitly (domain-rules §8.1): who saw which member's full ID, and when.
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = access.UserId,
                UserName = user.Identity?.Name,
                Action = "Read",
                Entity = nameof(Member),
                EntityId = m.Id.ToString(),
                After = "residentId",
                RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return Outcome<MemberResponse>.Ok(MemberResponse.From(m, org, full, fullPhone: true));
    }

    public async Task<Outcome<MemberHistoryResponse>> HistoryAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<MemberHistoryResponse>.Forbidden();
        if (!await Visible(access).AnyAsync(x => x.Id == id, ct))
            return Outcome<MemberHistoryResponse>.NotFound();
        var spells = await db
            .MemberSpells.AsNoTracking()
            .Where(s => s.MemberId == id)
            .OrderBy(s => s.FromDate)
            .ThenBy(s => s.ToDate == null)
            .ThenBy(s => s.ToDate)
            .Select(s => new MemberSpellResponse(
                s.Id,
                s.OrganizationId,
                db.PartyOrganizations.Where(o => o.Id == s.OrganizationId)
                    .Select(o => o.Name)
                    .FirstOrDefault(),
                s.FromDate,
                s.ToDate,
                s.Reason
            ))
            .ToListAsync(ct);
        var changes = await db.Set<MemberStatusChange>()
            .AsNoTracking()
            .Where(c => c.MemberId == id)
            .OrderBy(c => c.At)
            .ThenBy(c => c.Id)
            .Select(c => new MemberStatusChangeResponse(
                c.At,
                c.Field,
                c.From,
                c.To,
                c.Reason,
                c.ByUserId
            ))
            .ToListAsync(ct);
        return Outcome<MemberHistoryResponse>.Ok(new MemberHistoryResponse(id, spells, changes));
    }

    public async Task<Outcome<MemberResponse>> CreateAsync(
        ClaimsPrincipal user,
        MemberInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<MemberResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = MemberRules.Validate(input, Today, requireVersion: false);
        var place = await CheckPlacementAsync(input, errors, ct);
        if (values is null || errors.Count > 0)
            return Outcome<MemberResponse>.Invalid(errors);
        var refusal = Refuse(access, values, place);
        if (refusal is not null)
            return refusal;
        var hash = protector.Hash(values.ResidentId);
        if (await db.Members.AnyAsync(m => m.ResidentIdHash == hash, ct))
            return Duplicate(values.ResidentId);
        var entity = new Member
        {
            Id = Guid.CreateVersion7(),
            Name = values.Name,
            ResidentIdCipher = protector.Encrypt(values.ResidentId),
            ResidentIdHash = hash,
            ResidentIdMasked = ResidentIdNumber.Mask(values.ResidentId),
            Version = 1,
        };
        Apply(entity, values);
        db.Members.Add(entity);
        var by = access.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        if (values.OrganizationId is not null)
            db.MemberSpells.Add(
                new MemberSpell
                {
                    Id = Guid.CreateVersion7(),
                    MemberId = entity.Id,
                    OrganizationId = values.OrganizationId.Value,
                    FromDate = values.JoinedOn ?? Today,
                    Reason = RegisteredReason,
                }
            );
        AddChange(
            entity.Id,
            now,
            MemberStatusChange.StatusField,
            null,
            values.Status.ToString(),
            RegisteredReason,
            by
        );
        AddChange(
            entity.Id,
            now,
            MemberStatusChange.OrganizationalStatusField,
            null,
            values.OrganizationalStatus.ToString(),
            RegisteredReason,
            by
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same person between our check and our insert (unique index).
            if (await HashTakenAsync(hash, entity.Id, ct))
                return Duplicate(values.ResidentId);
            throw;
        }
        return Outcome<MemberResponse>.Ok(
            MemberResponse.From(entity, values.OrganizationId, fullPhone: true)
        );
    }

    public async Task<Outcome<MemberResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid id,
        MemberInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<MemberResponse>.Forbidden();
        if (!await Visible(access).AnyAsync(x => x.Id == id, ct))
            return Outcome<MemberResponse>.NotFound();
        if (!access.CanWrite)
            return Outcome<MemberResponse>.Forbidden(access.RefusalKey);
        var entity = await db.Members.FirstAsync(x => x.Id == id, ct);
        var spell = await db
            .MemberSpells.Where(s => s.MemberId == id && s.ToDate == null)
            .OrderByDescending(s => s.FromDate)
            .FirstOrDefaultAsync(ct);
        var currentPlace = await PlacementAsync(spell?.OrganizationId, entity.EnterpriseId, ct);
        if (
            !access.MayPlace(
                spell?.OrganizationId,
                currentPlace.OrganizationBuilding,
                currentPlace.EnterpriseBuilding
            )
        )
            return Outcome<MemberResponse>.Forbidden(access.RefusalKey);
        var stored = protector.Decrypt(entity.ResidentIdCipher);
        var (values, errors) = MemberRules.Validate(input, Today, requireVersion: true, stored);
        var place = await CheckPlacementAsync(input, errors, ct);
        if (values is null || errors.Count > 0)
            return Outcome<MemberResponse>.Invalid(errors);
        var refusal = Refuse(access, values, place);
        if (refusal is not null)
            return refusal;
        if (input.Version != entity.Version)
            return Outcome<MemberResponse>.Conflict("Problem.StaleVersion", entity.Version);
        var hash = protector.Hash(values.ResidentId);
        if (
            hash != entity.ResidentIdHash
            && await db.Members.AnyAsync(m => m.ResidentIdHash == hash && m.Id != id, ct)
        )
            return Duplicate(values.ResidentId);

        var by = access.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Today;
        if (values.Status != entity.Status)
            AddChange(
                id,
                now,
                MemberStatusChange.StatusField,
                entity.Status.ToString(),
                values.Status.ToString(),
                values.ChangeReason,
                by
            );
        if (values.OrganizationalStatus != entity.OrganizationalStatus)
            AddChange(
                id,
                now,
                MemberStatusChange.OrganizationalStatusField,
                entity.OrganizationalStatus.ToString(),
                values.OrganizationalStatus.ToString(),
                values.ChangeReason,
                by
            );
        if (values.OrganizationId != spell?.OrganizationId)
        {
            if (spell is not null)
                spell.ToDate = today;
            if (values.OrganizationId is not null)
                db.MemberSpells.Add(
                    new MemberSpell
                    {
                        Id = Guid.CreateVersion7(),
                        MemberId = id,
                        OrganizationId = values.OrganizationId.Value,
                        FromDate = today,
                        Reason = spell is null ? RegisteredReason : InternalTransferReason,
                    }
                );
        }
        // The UPDATE carries "WHERE Version = <the version the client read>": a concurrent change makes it miss.
        db.Entry(entity).Property(x => x.Version).OriginalValue = input.Version!.Value;
        entity.Version = input.Version.Value + 1;
        entity.Name = values.Name;
        if (hash != entity.ResidentIdHash)
        {
            entity.ResidentIdCipher = protector.Encrypt(values.ResidentId);
            entity.ResidentIdHash = hash;
            entity.ResidentIdMasked = ResidentIdNumber.Mask(values.ResidentId);
        }
        Apply(entity, values);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<MemberResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        catch (DbUpdateException)
        {
            if (await HashTakenAsync(hash, id, ct))
                return Duplicate(values.ResidentId);
            throw;
        }
        return Outcome<MemberResponse>.Ok(
            MemberResponse.From(entity, values.OrganizationId, fullPhone: true)
        );
    }

    /// <summary>
    /// The signed-in member's own branch for the phone page "my branch": the organisation of their current spell,
    /// its building, its secretary (a branch-secretary grant over it) and its number of party members, with the
    /// member's own record (resident ID masked). Null when the user has no member record.
    /// </summary>
    public async Task<MyBranchView?> MyBranchAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
            return null;
        var me = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (me is null)
            return null;
        var orgId = (await CurrentOrganizationsAsync([me.Id], ct)).GetValueOrDefault(me.Id);
        var record = MemberResponse.From(me, orgId == Guid.Empty ? null : orgId);
        if (orgId == Guid.Empty)
            return new MyBranchView(record, null, null, null, 0);
        var org = await db
            .PartyOrganizations.AsNoTracking()
            .Where(o => o.Id == orgId)
            .Select(o => new
            {
                o.Name,
                Building = db
                    .Buildings.Where(b => b.Id == o.BuildingId)
                    .Select(b => b.Name)
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        var scopeId = orgId.ToString();
        var secretary = await db
            .RoleGrants.AsNoTracking()
            .Where(g =>
                g.Role == Platform.Identity.LouyuRoles.BranchSecretary
                && g.ScopeKind == Platform.Identity.ScopeKind.Organization
                && g.ScopeId == scopeId
            )
            .Join(db.Users, g => g.UserId, u => u.Id, (g, u) => u.DisplayName)
            .OrderBy(n => n)
            .FirstOrDefaultAsync(ct);
        var count = await db.Members.CountAsync(
            m =>
                (m.Status == MemberStatus.Probationary || m.Status == MemberStatus.Full)
                && db.MemberSpells.Any(s =>
                    s.MemberId == m.Id && s.ToDate == null && s.OrganizationId == orgId
                ),
            ct
        );
        return new MyBranchView(record, org?.Name, org?.Building, secretary, count);
    }

    /// <summary>The organisation of each member's current spell (the one without an end).</summary>
    public async Task<Dictionary<Guid, Guid>> CurrentOrganizationsAsync(
        Guid[] memberIds,
        CancellationToken ct
    )
    {
        if (memberIds.Length == 0)
            return [];
        var rows = await db
            .MemberSpells.AsNoTracking()
            .Where(s => memberIds.Contains(s.MemberId) && s.ToDate == null)
            .Select(s => new
            {
                s.MemberId,
                s.OrganizationId,
                s.FromDate,
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MemberId)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.FromDate)!.OrganizationId);
    }

    private sealed record Placement(Guid? OrganizationBuilding, Guid? EnterpriseBuilding);

    private async Task<Placement> PlacementAsync(
        Guid? organizationId,
        Guid? enterpriseId,
        CancellationToken ct
    )
    {
        Guid? orgBuilding = null,
            entBuilding = null;
        if (organizationId is not null)
            orgBuilding = await db
                .PartyOrganizations.AsNoTracking()
                .Where(o => o.Id == organizationId.Value)
                .Select(o => (Guid?)o.BuildingId)
                .FirstOrDefaultAsync(ct);
        if (enterpriseId is not null)
            entBuilding = await db
                .Enterprises.AsNoTracking()
                .Where(e => e.Id == enterpriseId.Value)
                .Select(e => (Guid?)e.BuildingId)
                .FirstOrDefaultAsync(ct);
        return new Placement(orgBuilding, entBuilding);
    }

    /// <summary>The organisation and the enterprise, when given, must exist.</summary>
    private async Task<Placement> CheckPlacementAsync(
        MemberInput input,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        Guid? org = Guid.TryParse(input.OrganizationId?.Trim(), out var o) ? o : null;
        Guid? ent = Guid.TryParse(input.EnterpriseId?.Trim(), out var e) ? e : null;
        var place = await PlacementAsync(org, ent, ct);
        if (org is not null && place.OrganizationBuilding is null)
            errors.Add(FieldError.Of("organizationId", "Validation.OrganizationNotFound"));
        if (ent is not null && place.EnterpriseBuilding is null)
            errors.Add(FieldError.Of("enterpriseId", "Validation.EnterpriseNotFound"));
        return place;
    }

    /// <summary>403 when the organisation or the workplace lies outside the caller's scope.</summary>
    private static Outcome<MemberResponse>? Refuse(
        MemberAccess access,
        MemberValues values,
        Placement place
    )
    {
        if (
            !access.MayPlace(
                values.OrganizationId,
                place.OrganizationBuilding,
                place.EnterpriseBuilding
            )
        )
            return Outcome<MemberResponse>.Forbidden();
        if (
            place.EnterpriseBuilding is not null
            && !access.Buildings.All
            && !access.MayUseEnterprise(place.EnterpriseBuilding.Value)
        )
            return Outcome<MemberResponse>.Forbidden();
        return null;
    }

    private void AddChange(
        Guid memberId,
        DateTime at,
        string field,
        string? from,
        string to,
        string? reason,
        string? by
    ) =>
        db.Set<MemberStatusChange>()
            .Add(
                new MemberStatusChange
                {
                    Id = Guid.CreateVersion7(),
                    MemberId = memberId,
                    At = at,
                    Field = field,
                    From = from,
                    To = to,
                    Reason = reason,
                    ByUserId = by,
                }
            );

    private static void Apply(Member m, MemberValues v)
    {
        m.Gender = v.Gender;
        m.BirthDate = v.BirthDate;
        m.Status = v.Status;
        m.OrganizationalStatus = v.OrganizationalStatus;
        m.EnterpriseId = v.EnterpriseId;
        m.IsMobile = v.IsMobile;
        m.JoinedOn = v.JoinedOn;
        m.FullMemberOn = v.FullMemberOn;
        m.Phone = v.Phone;
        m.Ethnicity = v.Ethnicity;
        m.Education = v.Education;
        m.Position = v.Position;
        m.RelationshipHeldAt = v.RelationshipHeldAt;
    }

    private async Task<bool> HashTakenAsync(string hash, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db
            .Members.AsNoTracking()
            .AnyAsync(m => m.ResidentIdHash == hash && m.Id != id, ct);
    }

    private static Outcome<MemberResponse> Duplicate(string residentId) =>
        Outcome<MemberResponse>.Conflict(
            "Problem.DuplicateResidentId",
            ResidentIdNumber.Mask(residentId)
        );
}
