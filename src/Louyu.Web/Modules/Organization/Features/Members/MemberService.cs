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
    ListCounts counts
)
{
    public const string RegisteredReason = "Registered";
    public const string InternalTransferReason = "InternalTransfer";

    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<MemberAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        MemberAccess.ResolveAsync(scopes, db, user, ct);

    /// <summary>The members the caller may see, as a query (never loaded whole).</summary>
    private IQueryable<Member> Visible(MemberAccess access)
    {
        var rows = db.Members.AsNoTracking();
        if (access.Buildings.All)
            return rows;
        var buildings = access.Buildings.BuildingIds.ToArray();
        var anyBuilding = buildings.Length > 0;
        var branches = access.Branches.ToArray();
        var anyBranch = branches.Length > 0;
        var self = access.IsMember ? access.UserId : null;
        var placed = PlacedIn(buildings);
        var inBranches = db
            .MemberSpells.Where(s => s.ToDate == null && branches.Contains(s.OrganizationId))
            .Select(s => s.MemberId);
        return rows.Where(m =>
            (anyBuilding && placed.Contains(m.Id))
            || (anyBranch && inBranches.Contains(m.Id))
            || (self != null && m.UserId == self)
        );
    }

    /// <summary>
    /// The ids of the members placed in these buildings: their current organisation sits there, or (without one)
    /// their workplace does. Written as a set (<c>IN (SELECT … UNION ALL SELECT …)</c>) that the database builds
    /// from the buildings' organisations and enterprises, not as a test run on every member.
    /// </summary>
    private IQueryable<Guid> PlacedIn(Guid[] buildings)
    {
        var viaOrganization =
            from s in db.MemberSpells
            join o in db.PartyOrganizations on s.OrganizationId equals o.Id
            where s.ToDate == null && buildings.Contains(o.BuildingId)
            select s.MemberId;
        var viaWorkplace =
            from m in db.Members
            join e in db.Enterprises on m.EnterpriseId equals e.Id
            where
                buildings.Contains(e.BuildingId)
                && !db.MemberSpells.Any(s => s.MemberId == m.Id && s.ToDate == null)
            select m.Id;
        return viaOrganization.Concat(viaWorkplace);
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
            : Outcome<IQueryable<Member>>.Ok(Filter(parsed.Value!, walk: false));
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
    /// The filtered members as a query. The building filter has two equivalent forms: the set of the building's
    /// members (<paramref name="walk"/> false: built once from its organisations and enterprises — cheap for a
    /// typical building, then sorted) or a test on each member (<paramref name="walk"/> true: its current
    /// organisation's building, or without one its workplace's — for a large share of the district, where the
    /// page walks the (Name, Id) index in order and stops after the page instead of collecting and sorting a
    /// quarter of the district). The test is written with scalar subqueries so that PostgreSQL runs it per row
    /// (an <c>EXISTS</c> there is turned into a hashed set of every current spell).
    /// </summary>
    private IQueryable<Member> Filter(MemberFilter f, bool walk, bool building = true)
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
        if (building && f.Building is { } b)
        {
            if (walk)
            {
                var inOrganizations = db
                    .PartyOrganizations.Where(o => o.BuildingId == b)
                    .Select(o => o.Id);
                rows = rows.Where(m =>
                    db.MemberSpells.Count(s =>
                        s.MemberId == m.Id
                        && s.ToDate == null
                        && inOrganizations.Contains(s.OrganizationId)
                    ) > 0
                    || db.Enterprises.Where(e => e.Id == m.EnterpriseId)
                        .Select(e => (Guid?)e.BuildingId)
                        .FirstOrDefault() == b
                        && !db.MemberSpells.Any(s => s.MemberId == m.Id && s.ToDate == null)
                );
            }
            else
            {
                var placed = PlacedIn([b]);
                rows = rows.Where(m => placed.Contains(m.Id));
            }
        }
        if (f.Status is { } status)
            rows = rows.Where(m => m.Status == status);
        if (f.OrganizationalStatus is { } orgStatus)
            rows = rows.Where(m => m.OrganizationalStatus == orgStatus);
        if (f.Q is { } q)
            rows = rows.Where(m => m.Name.Contains(q));
        return rows;
    }

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
        var rows = Filter(f, walk: false);
        var offset = (page - 1) * size;
        int total;
        if (f.Building is not null && await FewOthersAsync(f, ct))
        {
            // A building with other filters that leave few members: those are tested one by one, for the total
            // and the page alike — the building's own members (a quarter of the district for the largest) are
            // never collected.
            rows = Filter(f, walk: true);
            total = await counts.CountAsync(rows, ct);
        }
        else
        {
            // The exact total, kept until a write that can change it (ListCounts).
            total = await counts.CountAsync(rows, ct);
            if (
                offset < total
                && f.Building is not null
                && await WalkAsync(f, total, offset + size, ct)
            )
                rows = Filter(f, walk: true);
        }
        if (offset >= total)
            return Outcome<Paged<MemberResponse>>.Ok(new([], page, size, total));
        if (f.Q is { } q)
            rows = await NarrowToPrefixAsync(rows, q, total, ct);
        // The page's ids first (walks the (Name, Id) index alone, however deep the page), then those rows.
        var ids = await rows.OrderBy(m => m.Name)
            .ThenBy(m => m.Id)
            .Skip(offset)
            .Take(size)
            .Select(m => m.Id)
            .ToListAsync(ct);
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

    /// <summary>The members the other filters leave without the building's (kept count); none: everyone visible.</summary>
    private Task<int> OthersAsync(MemberFilter f, CancellationToken ct) =>
        counts.CountAsync(Filter(f, walk: false, building: false), ct);

    /// <summary>
    /// Whether a building filter comes with other filters (a name, a status, an organisation, an enterprise) that
    /// leave at most <see cref="FewMembers"/> members, which are then tested one by one.
    /// </summary>
    private async Task<bool> FewOthersAsync(MemberFilter f, CancellationToken ct) =>
        (
            f.Organization is not null
            || f.Enterprise is not null
            || f.Status is not null
            || f.OrganizationalStatus is not null
            || f.Q is not null
        ) && counts.Walk(await OthersAsync(f, ct), FewMembers);

    /// <summary>How many members may be tested one by one for a building's total (a few thousand index seeks).</summary>
    private const int FewMembers = 20_000;

    /// <summary>
    /// Whether the page of a building filter walks the (Name, Id) index testing each member (see
    /// <see cref="Filter"/>) rather than collecting the building's members and sorting them. From the kept counts:
    /// walking reads about <c>end × others / total</c> members (<c>others</c>: the members the other filters
    /// leave, <c>end</c>: the page's last position) and never more than <c>others</c>; collecting reads every
    /// member of the building. The ratio is <c>Organization:ListWalkFactor</c> (1).
    /// </summary>
    private async Task<bool> WalkAsync(MemberFilter f, int total, int end, CancellationToken ct)
    {
        var others = await OthersAsync(f, ct);
        var inBuilding = await counts.CountAsync(
            Filter(
                f with
                {
                    Organization = null,
                    Enterprise = null,
                    Status = null,
                    OrganizationalStatus = null,
                    Q = null,
                },
                walk: false
            ),
            ct
        );
        var walked = Math.Min((double)end * others / Math.Max(total, 1), others);
        return counts.Walk(walked, inBuilding);
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
