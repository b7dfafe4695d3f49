using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>An enterprise as the API answers it (api.md "Organisation system").</summary>
public sealed record EnterpriseResponse(
    Guid Id,
    string UnifiedSocialCreditCode,
    string Name,
    Guid BuildingId,
    string Industry,
    int EmployeeCount,
    string LegalRepresentative,
    bool LegalRepresentativeIsMember,
    int Floor,
    string? Room,
    DateOnly MovedInOn,
    DateOnly? MovedOutOn,
    int Version,
    DateOnly? FoundedOn = null,
    string? Size = null,
    IReadOnlyList<string>? Tags = null
)
{
    public static EnterpriseResponse From(Enterprise e) =>
        new(
            e.Id,
            e.UnifiedSocialCreditCode,
            e.Name,
            e.BuildingId,
            e.Industry,
            e.EmployeeCount,
            e.LegalRepresentative,
            e.LegalRepresentativeIsMember,
            e.Floor,
            e.Room,
            e.MovedInOn,
            e.MovedOutOn,
            e.Version,
            e.FoundedOn,
            e.Size?.ToString(),
            EnterpriseFacts.SplitTags(e.Tags)
        );
}

/// <summary>The filters of GET /api/v1/enterprises.</summary>
public sealed record EnterpriseQuery(
    int? Page = null,
    int? PageSize = null,
    string? BuildingId = null,
    string? Industry = null,
    string? Q = null,
    bool Present = false
);

/// <summary>
/// Enterprises in the caller's buildings (the scope is part of every query): list, read, register, update. Used by
/// the API and by the pages alike.
/// </summary>
public sealed class EnterpriseService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    ListCounts counts,
    ListPages pages
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<OrganizationAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        OrganizationAccess.ResolveAsync(scopes, user, ct);

    /// <summary>
    /// The enterprises the caller may see, filtered as GET /api/v1/enterprises filters them (the list and the
    /// export); <paramref name="errors"/> may already hold the caller's own field errors.
    /// </summary>
    public async Task<Outcome<IQueryable<Enterprise>>> FilteredAsync(
        ClaimsPrincipal user,
        EnterpriseQuery query,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var filtered = await FilterAsync(user, query, errors, ct);
        return filtered.Refusal is not null
            ? filtered.Refused<IQueryable<Enterprise>>()
            : Outcome<IQueryable<Enterprise>>.Ok(filtered.Value!.Rows);
    }

    /// <summary>
    /// The filtered enterprises as a query, and the same filter tested on one enterprise in memory — exactly as the
    /// SQL tests it (a name or code contains the text code point by code point, as <c>instr</c> and <c>strpos</c>
    /// do), so that a write to enterprises patches the list's kept total (<see cref="ListCounts"/>).
    /// </summary>
    private async Task<
        Outcome<(IQueryable<Enterprise> Rows, Func<Enterprise, bool> Matches)>
    > FilterAsync(
        ClaimsPrincipal user,
        EnterpriseQuery query,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<(IQueryable<Enterprise>, Func<Enterprise, bool>)>.Forbidden();
        var building = FieldRules.Id(errors, "buildingId", query.BuildingId, required: false);
        string? industry = null;
        if (!string.IsNullOrWhiteSpace(query.Industry))
            industry = FieldRules.Industry(errors, "industry", query.Industry);
        var q = query.Q?.Trim();
        if (q is { Length: > 200 })
            errors.Add(FieldError.Of("q", "Validation.TooLong", 200));
        if (errors.Count > 0)
            return Outcome<(IQueryable<Enterprise>, Func<Enterprise, bool>)>.Invalid(errors);
        if (building is not null && !access.Read.Allows(building.Value))
            return Outcome<(IQueryable<Enterprise>, Func<Enterprise, bool>)>.Forbidden();

        var rows = db.Enterprises.AsNoTracking();
        if (access.Read.Filter is { } allowed)
            rows = rows.Where(e => allowed.Contains(e.BuildingId));
        if (building is not null)
            rows = rows.Where(e => e.BuildingId == building.Value);
        if (industry is not null)
            rows = rows.Where(e => e.Industry == industry);
        var code = q?.ToUpperInvariant();
        if (!string.IsNullOrEmpty(q))
            rows = rows.Where(e => e.Name.Contains(q) || e.UnifiedSocialCreditCode.Contains(code!));
        DateOnly? present = null;
        if (query.Present)
        {
            var today = Today;
            present = today;
            rows = rows.Where(e => e.MovedOutOn == null || e.MovedOutOn > today);
        }
        var filter = access.Read.Filter;
        bool Matches(Enterprise e) =>
            (filter is null || filter.Contains(e.BuildingId))
            && (building is null || e.BuildingId == building)
            && (industry is null || e.Industry == industry)
            && (
                string.IsNullOrEmpty(q)
                || e.Name.Contains(q, StringComparison.Ordinal)
                || e.UnifiedSocialCreditCode.Contains(code!, StringComparison.Ordinal)
            )
            && (present is null || e.MovedOutOn == null || e.MovedOutOn > present);
        return Outcome<(IQueryable<Enterprise>, Func<Enterprise, bool>)>.Ok((rows, Matches));
    }

    public async Task<Outcome<Paged<EnterpriseResponse>>> ListAsync(
        ClaimsPrincipal user,
        EnterpriseQuery query,
        CancellationToken ct
    )
    {
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, query.Page, query.PageSize);
        var filtered = await FilterAsync(user, query, errors, ct);
        if (filtered.Refusal is not null)
            return filtered.Refused<Paged<EnterpriseResponse>>();
        var (rows, matches) = filtered.Value;
        // The exact total, kept until a write that can change it (ListCounts) or patched by it; past the last page,
        // no page to read.
        var total = await counts.CountAsync(rows, ct, matches);
        var offset = (page - 1) * size;
        if (offset >= total)
            return Outcome<Paged<EnterpriseResponse>>.Ok(new([], page, size, total));
        // The page's ids first (the list index alone, from the nearest page start served before), then those rows.
        var ids = await pages.IdsAsync(rows, offset, size, e => e.Name, e => e.Id, ct);
        var byId =
            ids.Count == 0
                ? []
                : await db
                    .Enterprises.AsNoTracking()
                    .Where(e => ids.Contains(e.Id))
                    .ToDictionaryAsync(e => e.Id, ct);
        var items = ids.Select(id => byId[id]).ToList();
        return Outcome<Paged<EnterpriseResponse>>.Ok(
            new Paged<EnterpriseResponse>(
                [.. items.Select(EnterpriseResponse.From)],
                page,
                size,
                total
            )
        );
    }

    public async Task<Outcome<EnterpriseResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<EnterpriseResponse>.Forbidden();
        var e = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !access.Read.Allows(e.BuildingId))
            return Outcome<EnterpriseResponse>.NotFound();
        return Outcome<EnterpriseResponse>.Ok(EnterpriseResponse.From(e));
    }

    public async Task<Outcome<EnterpriseResponse>> CreateAsync(
        ClaimsPrincipal user,
        EnterpriseInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanWrite)
            return Outcome<EnterpriseResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = EnterpriseRules.Validate(input, Today, requireVersion: false);
        await CheckBuildingAsync(input, errors, ct);
        if (values is null || errors.Count > 0)
            return Outcome<EnterpriseResponse>.Invalid(errors);
        if (!access.Write.Allows(values.BuildingId))
            return Outcome<EnterpriseResponse>.Forbidden(access.RefusalKey);
        if (
            await db.Enterprises.AnyAsync(
                e => e.UnifiedSocialCreditCode == values.UnifiedSocialCreditCode,
                ct
            )
        )
            return Duplicate(values.UnifiedSocialCreditCode);
        var entity = new Enterprise
        {
            Id = Guid.CreateVersion7(),
            Name = values.Name,
            UnifiedSocialCreditCode = values.UnifiedSocialCreditCode,
            Industry = values.Industry,
            LegalRepresentative = values.LegalRepresentative,
            Version = 1,
        };
        Apply(entity, values);
        db.Enterprises.Add(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request registered the same code between our check and our insert (unique index).
            if (await CodeTakenAsync(values, entity.Id, ct))
                return Duplicate(values.UnifiedSocialCreditCode);
            throw;
        }
        return Outcome<EnterpriseResponse>.Ok(EnterpriseResponse.From(entity));
    }

    public async Task<Outcome<EnterpriseResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid id,
        EnterpriseInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (!access.CanRead)
            return Outcome<EnterpriseResponse>.Forbidden();
        var entity = await db.Enterprises.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null || !access.Read.Allows(entity.BuildingId))
            return Outcome<EnterpriseResponse>.NotFound();
        if (!access.Write.Allows(entity.BuildingId))
            return Outcome<EnterpriseResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = EnterpriseRules.Validate(input, Today, requireVersion: true);
        await CheckBuildingAsync(input, errors, ct);
        if (values is null || errors.Count > 0)
            return Outcome<EnterpriseResponse>.Invalid(errors);
        if (!access.Write.Allows(values.BuildingId))
            return Outcome<EnterpriseResponse>.Forbidden(access.RefusalKey);
        if (input.Version != entity.Version)
            return Outcome<EnterpriseResponse>.Conflict("Problem.StaleVersion", entity.Version);
        if (
            values.UnifiedSocialCreditCode != entity.UnifiedSocialCreditCode
            && await db.Enterprises.AnyAsync(
                e => e.UnifiedSocialCreditCode == values.UnifiedSocialCreditCode && e.Id != id,
                ct
            )
        )
            return Duplicate(values.UnifiedSocialCreditCode);
        // The UPDATE carries "WHERE Version = <the version the client read>": a concurrent change makes it miss.
        db.Entry(entity).Property(x => x.Version).OriginalValue = input.Version!.Value;
        entity.Version = input.Version.Value + 1;
        entity.Name = values.Name;
        entity.UnifiedSocialCreditCode = values.UnifiedSocialCreditCode;
        entity.Industry = values.Industry;
        entity.LegalRepresentative = values.LegalRepresentative;
        Apply(entity, values);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<EnterpriseResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        catch (DbUpdateException)
        {
            if (await CodeTakenAsync(values, id, ct))
                return Duplicate(values.UnifiedSocialCreditCode);
            throw;
        }
        return Outcome<EnterpriseResponse>.Ok(EnterpriseResponse.From(entity));
    }

    /// <summary>The buildings the caller may file enterprises under (for the form's choice list).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> BuildingChoicesAsync(
        BuildingScope scope,
        CancellationToken ct
    )
    {
        var rows = db.Buildings.AsNoTracking();
        if (scope.Filter is { } allowed)
            rows = rows.Where(b => allowed.Contains(b.Id));
        var list = await rows.OrderBy(b => b.Name)
            .ThenBy(b => b.Id)
            .Take(500)
            .Select(b => new { b.Id, b.Name })
            .ToListAsync(ct);
        return [.. list.Select(b => (b.Id, b.Name))];
    }

    /// <summary>The building must exist, and the floor must be one of its floors.</summary>
    private async Task CheckBuildingAsync(
        EnterpriseInput input,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        if (!Guid.TryParse(input.BuildingId?.Trim(), out var id))
            return;
        var building = await db
            .Buildings.AsNoTracking()
            .Where(b => b.Id == id)
            .Select(b => new { b.Floors })
            .FirstOrDefaultAsync(ct);
        if (building is null)
            errors.Add(FieldError.Of("buildingId", "Validation.BuildingNotFound"));
        else if (input.Floor > building.Floors && input.Floor <= EnterpriseRules.HighestFloor)
            errors.Add(FieldError.Of("floor", "Validation.FloorAboveBuilding", building.Floors));
    }

    private static void Apply(Enterprise e, EnterpriseValues v)
    {
        e.BuildingId = v.BuildingId;
        e.EmployeeCount = v.EmployeeCount;
        e.LegalRepresentativeIsMember = v.LegalRepresentativeIsMember;
        e.Floor = v.Floor;
        e.Room = v.Room;
        e.MovedInOn = v.MovedInOn;
        e.MovedOutOn = v.MovedOutOn;
        e.FoundedOn = v.FoundedOn;
        e.Size = v.Size;
        e.Tags = v.Tags;
    }

    private async Task<bool> CodeTakenAsync(EnterpriseValues v, Guid id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db
            .Enterprises.AsNoTracking()
            .AnyAsync(
                e => e.UnifiedSocialCreditCode == v.UnifiedSocialCreditCode && e.Id != id,
                ct
            );
    }

    private static Outcome<EnterpriseResponse> Duplicate(string code) =>
        Outcome<EnterpriseResponse>.Conflict("Problem.DuplicateCreditCode", code);
}
