using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>A building as the API answers it.</summary>
public sealed record BuildingResponse(
    Guid Id,
    string Name,
    string Address,
    int Floors,
    string? PropertyManager,
    DateOnly CoveredFrom,
    DateOnly? CoveredUntil,
    int Version
)
{
    public static BuildingResponse From(Building b) =>
        new(
            b.Id,
            b.Name,
            b.Address,
            b.Floors,
            b.PropertyManager,
            b.CoveredFrom,
            b.CoveredUntil,
            b.Version
        );
}

/// <summary>
/// Buildings in the caller's scope. Any staff member reads the buildings of their scope; a committee secretary,
/// party worker or administrator updates the buildings they may write; only a caller who writes every building
/// (committee secretary of the top organisation, administrator) adds or deletes one.
/// </summary>
public sealed class BuildingService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public async Task<Outcome<Paged<BuildingResponse>>> ListAsync(
        ClaimsPrincipal user,
        int? page,
        int? pageSize,
        string? q,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return Outcome<Paged<BuildingResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (p, size) = Paging.Check(errors, page, pageSize);
        var term = q?.Trim();
        if (term is { Length: > 200 })
            errors.Add(FieldError.Of("q", "Validation.TooLong", 200));
        if (errors.Count > 0)
            return Outcome<Paged<BuildingResponse>>.Invalid(errors);
        var rows = db.Buildings.AsNoTracking();
        if (access.Read.Filter is { } allowed)
            rows = rows.Where(b => allowed.Contains(b.Id));
        if (!string.IsNullOrEmpty(term))
            rows = rows.Where(b => b.Name.Contains(term) || b.Address.Contains(term));
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(b => b.Name)
            .ThenBy(b => b.Id)
            .Skip((p - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<BuildingResponse>>.Ok(
            new Paged<BuildingResponse>([.. items.Select(BuildingResponse.From)], p, size, total)
        );
    }

    public async Task<Outcome<BuildingResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return Outcome<BuildingResponse>.Forbidden();
        var b = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null || !access.Read.Allows(id))
            return Outcome<BuildingResponse>.NotFound();
        return Outcome<BuildingResponse>.Ok(BuildingResponse.From(b));
    }

    public async Task<Outcome<BuildingResponse>> CreateAsync(
        ClaimsPrincipal user,
        BuildingInput input,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.Write.All)
            return Outcome<BuildingResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = BuildingRules.Validate(input, Today, requireVersion: false);
        if (values is null)
            return Outcome<BuildingResponse>.Invalid(errors);
        var entity = new Building
        {
            Id = Guid.CreateVersion7(),
            Name = values.Name,
            Address = values.Address,
            Version = 1,
        };
        Apply(entity, values);
        db.Buildings.Add(entity);
        await db.SaveChangesAsync(ct);
        return Outcome<BuildingResponse>.Ok(BuildingResponse.From(entity));
    }

    public async Task<Outcome<BuildingResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid id,
        BuildingInput input,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return Outcome<BuildingResponse>.Forbidden();
        var entity = await db.Buildings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null || !access.Read.Allows(id))
            return Outcome<BuildingResponse>.NotFound();
        if (!access.Write.Allows(id))
            return Outcome<BuildingResponse>.Forbidden(access.RefusalKey);
        var (values, errors) = BuildingRules.Validate(input, Today, requireVersion: true);
        if (values is null)
            return Outcome<BuildingResponse>.Invalid(errors);
        if (input.Version != entity.Version)
            return Outcome<BuildingResponse>.Conflict("Problem.StaleVersion", entity.Version);
        db.Entry(entity).Property(x => x.Version).OriginalValue = input.Version!.Value;
        entity.Version = input.Version.Value + 1;
        entity.Name = values.Name;
        entity.Address = values.Address;
        Apply(entity, values);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<BuildingResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        return Outcome<BuildingResponse>.Ok(BuildingResponse.From(entity));
    }

    public async Task<Outcome<bool>> DeleteAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return Outcome<bool>.Forbidden();
        var entity = await db.Buildings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (entity is null || !access.Read.Allows(id))
            return Outcome<bool>.NotFound();
        if (!access.Write.All)
            return Outcome<bool>.Forbidden(access.RefusalKey);
        if (await db.Enterprises.AnyAsync(e => e.BuildingId == id, ct))
            return Outcome<bool>.Conflict("Problem.BuildingHasEnterprises", entity.Name);
        if (
            await db.PartyOrganizations.AnyAsync(o => o.BuildingId == id, ct)
            || await db.PartyWorkers.AnyAsync(w => w.BuildingId == id, ct)
        )
            return Outcome<bool>.Conflict("Problem.BuildingInUse", entity.Name);
        db.Buildings.Remove(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // An enterprise, organisation or worker was filed under the building meanwhile (FK restrict).
            return Outcome<bool>.Conflict("Problem.BuildingInUse", entity.Name);
        }
        return Outcome<bool>.Ok(true);
    }

    private static void Apply(Building b, BuildingValues v)
    {
        b.Floors = v.Floors;
        b.PropertyManager = v.PropertyManager;
        b.CoveredFrom = v.CoveredFrom;
        b.CoveredUntil = v.CoveredUntil;
    }
}
