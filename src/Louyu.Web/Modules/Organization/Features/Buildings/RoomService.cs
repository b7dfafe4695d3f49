using System.Security.Claims;
using System.Text.Json.Serialization;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Coverage;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>A room as the API answers it.</summary>
public sealed record RoomResponse(
    Guid Id,
    Guid BuildingId,
    int Floor,
    string Number,
    decimal? Area,
    int Version
)
{
    public static RoomResponse From(BuildingRoom r) =>
        new(r.Id, r.BuildingId, r.Floor, r.Number, r.AreaSquareMeters, r.Version);
}

/// <summary>The answer of <c>POST …/rooms/generate</c>: how many rooms were added and how many existed already.</summary>
public sealed record RoomGenerationResponse(
    int Created,
    int Skipped,
    IReadOnlyList<RoomResponse> Items
);

/// <summary>An enterprise on the building map, with its coverage state (camelCase, as in /api/v1/coverage).</summary>
public sealed record MapEnterprise(
    Guid Id,
    string Name,
    string CoverageState,
    int Floor,
    string? Room
)
{
    [JsonIgnore]
    public CoverageState State { get; init; }
}

public sealed record MapRoom(
    Guid Id,
    string Number,
    decimal? Area,
    IReadOnlyList<MapEnterprise> Enterprises
);

public sealed record MapFloor(int Floor, string Label, IReadOnlyList<MapRoom> Rooms);

/// <summary>Enterprises per coverage state on the map, with the rooms and the vacant rooms.</summary>
public sealed record MapCounts(
    int Enterprises,
    int OwnOrganization,
    int JointOrganization,
    int InstructorOnly,
    int MembersNoOrganization,
    int Nothing,
    int Rooms,
    int Vacant,
    int Unplaced
);

/// <summary>
/// <c>GET /api/v1/buildings/{id}/map</c>: floors from the top down, each with its rooms and the enterprises in them
/// on <see cref="Date"/>; <see cref="Unplaced"/> are the enterprises present whose room matches no room of the
/// building. <see cref="Covered"/> is false when the committee's work did not cover the building that day (no
/// enterprise is counted then, as in the coverage report).
/// </summary>
public sealed record BuildingMap(
    Guid BuildingId,
    string BuildingName,
    int BuildingFloors,
    DateOnly Date,
    bool Covered,
    IReadOnlyList<MapFloor> Floors,
    IReadOnlyList<MapEnterprise> Unplaced,
    MapCounts Counts
);

/// <summary>
/// The rooms of a building and its map. Any staff member reads the rooms and the map of the buildings in their
/// scope; the roles that write buildings and enterprises (committee secretary, party worker, administrator) add,
/// change and delete rooms of the buildings they may write.
/// </summary>
public sealed class RoomService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    CoverageQuery coverage,
    TimeProvider clock
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    /// <summary>The building when the caller may read it (and write it, when asked), or the refusal.</summary>
    private async Task<(
        Building? Building,
        OrganizationAccess Access,
        Outcome<T>? Refusal
    )> BuildingAsync<T>(ClaimsPrincipal user, Guid id, bool write, CancellationToken ct)
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return (null, access, Outcome<T>.Forbidden());
        var b = await db.Buildings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (b is null || !access.Read.Allows(id))
            return (null, access, Outcome<T>.NotFound());
        if (write && !access.Write.Allows(id))
            return (null, access, Outcome<T>.Forbidden(access.RefusalKey));
        return (b, access, null);
    }

    public async Task<Outcome<Paged<RoomResponse>>> ListAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        int? page,
        int? pageSize,
        int? floor,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<Paged<RoomResponse>>(user, buildingId, false, ct);
        if (refusal is not null)
            return refusal;
        var errors = new List<FieldError>();
        var (p, size) = Paging.Check(errors, page, pageSize);
        if (errors.Count > 0)
            return Outcome<Paged<RoomResponse>>.Invalid(errors);
        var rows = db.BuildingRooms.AsNoTracking().Where(r => r.BuildingId == b!.Id);
        if (floor is not null)
            rows = rows.Where(r => r.Floor == floor);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(r => r.Floor)
            .ThenBy(r => r.Number)
            .Skip((p - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<RoomResponse>>.Ok(
            new Paged<RoomResponse>([.. items.Select(RoomResponse.From)], p, size, total)
        );
    }

    public async Task<Outcome<RoomResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        Guid roomId,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<RoomResponse>(user, buildingId, false, ct);
        if (refusal is not null)
            return refusal;
        var room = await db
            .BuildingRooms.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == roomId && r.BuildingId == b!.Id, ct);
        return room is null
            ? Outcome<RoomResponse>.NotFound()
            : Outcome<RoomResponse>.Ok(RoomResponse.From(room));
    }

    public async Task<Outcome<RoomResponse>> CreateAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        RoomInput input,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<RoomResponse>(user, buildingId, true, ct);
        if (refusal is not null)
            return refusal;
        var (values, errors) = RoomRules.Validate(input, b!.Floors, requireVersion: false);
        if (values is null)
            return Outcome<RoomResponse>.Invalid(errors);
        if (await NumberTakenAsync(b.Id, values.Number, null, ct))
            return Duplicate(values.Number);
        var room = new BuildingRoom
        {
            Id = Guid.CreateVersion7(),
            BuildingId = b.Id,
            Floor = values.Floor,
            Number = values.Number,
            AreaSquareMeters = values.Area,
            Version = 1,
        };
        db.BuildingRooms.Add(room);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request added the same number between our check and our insert (unique index).
            db.ChangeTracker.Clear();
            if (await NumberTakenAsync(b.Id, values.Number, room.Id, ct))
                return Duplicate(values.Number);
            throw;
        }
        return Outcome<RoomResponse>.Ok(RoomResponse.From(room));
    }

    /// <summary>
    /// Updates a room. A new number or floor is carried over to the enterprises filed under the room, in the same
    /// transaction, so that they stay in it.
    /// </summary>
    public async Task<Outcome<RoomResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        Guid roomId,
        RoomInput input,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<RoomResponse>(user, buildingId, true, ct);
        if (refusal is not null)
            return refusal;
        var room = await db.BuildingRooms.FirstOrDefaultAsync(
            r => r.Id == roomId && r.BuildingId == b!.Id,
            ct
        );
        if (room is null)
            return Outcome<RoomResponse>.NotFound();
        var (values, errors) = RoomRules.Validate(input, b!.Floors, requireVersion: true);
        if (values is null)
            return Outcome<RoomResponse>.Invalid(errors);
        if (input.Version != room.Version)
            return Outcome<RoomResponse>.Conflict("Problem.StaleVersion", room.Version);
        if (
            values.Number != room.Number
            && await NumberTakenAsync(b.Id, values.Number, room.Id, ct)
        )
            return Duplicate(values.Number);
        if (values.Number != room.Number || values.Floor != room.Floor)
        {
            var tenants = await db
                .Enterprises.Where(e => e.BuildingId == b.Id && e.Room == room.Number)
                .ToListAsync(ct);
            foreach (var e in tenants)
            {
                e.Room = values.Number;
                e.Floor = values.Floor;
                e.Version++;
            }
        }
        db.Entry(room).Property(x => x.Version).OriginalValue = input.Version!.Value;
        room.Version = input.Version.Value + 1;
        room.Floor = values.Floor;
        room.Number = values.Number;
        room.AreaSquareMeters = values.Area;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<RoomResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await NumberTakenAsync(b.Id, values.Number, room.Id, ct))
                return Duplicate(values.Number);
            throw;
        }
        return Outcome<RoomResponse>.Ok(RoomResponse.From(room));
    }

    /// <summary>Deletes a room no enterprise occupies today (409 naming the enterprise otherwise).</summary>
    public async Task<Outcome<bool>> DeleteAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        Guid roomId,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<bool>(user, buildingId, true, ct);
        if (refusal is not null)
            return refusal;
        var room = await db.BuildingRooms.FirstOrDefaultAsync(
            r => r.Id == roomId && r.BuildingId == b!.Id,
            ct
        );
        if (room is null)
            return Outcome<bool>.NotFound();
        var today = Today;
        var tenant = await db
            .Enterprises.AsNoTracking()
            .Where(e =>
                e.BuildingId == b!.Id
                && e.Room == room.Number
                && (e.MovedOutOn == null || e.MovedOutOn > today)
            )
            .OrderBy(e => e.Name)
            .Select(e => e.Name)
            .FirstOrDefaultAsync(ct);
        if (tenant is not null)
            return Outcome<bool>.Conflict("Problem.RoomOccupied", room.Number, tenant);
        db.BuildingRooms.Remove(room);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>Numbers the rooms of a range of floors (1201…1210), skipping numbers the building has, in one go.</summary>
    public async Task<Outcome<RoomGenerationResponse>> GenerateAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        RoomGenerationInput input,
        CancellationToken ct
    )
    {
        var (b, _, refusal) = await BuildingAsync<RoomGenerationResponse>(
            user,
            buildingId,
            true,
            ct
        );
        if (refusal is not null)
            return refusal;
        var (planned, errors) = RoomRules.Generate(input, b!.Floors);
        if (planned is null)
            return Outcome<RoomGenerationResponse>.Invalid(errors);
        var existing = (
            await db
                .BuildingRooms.AsNoTracking()
                .Where(r => r.BuildingId == b.Id)
                .Select(r => r.Number)
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.Ordinal);
        var added = new List<BuildingRoom>();
        foreach (var (floor, number) in planned)
        {
            if (existing.Contains(number))
                continue;
            added.Add(
                new BuildingRoom
                {
                    Id = Guid.CreateVersion7(),
                    BuildingId = b.Id,
                    Floor = floor,
                    Number = number,
                    Version = 1,
                }
            );
        }
        db.BuildingRooms.AddRange(added);
        try
        {
            // One SaveChanges: one transaction, all rooms or none.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome<RoomGenerationResponse>.Conflict("Problem.RoomsChanged");
        }
        return Outcome<RoomGenerationResponse>.Ok(
            new RoomGenerationResponse(
                added.Count,
                planned.Count - added.Count,
                [.. added.Select(RoomResponse.From)]
            )
        );
    }

    /// <summary>The building map on a day (default today; not in the future).</summary>
    public async Task<Outcome<BuildingMap>> MapAsync(
        ClaimsPrincipal user,
        Guid buildingId,
        DateOnly? date,
        CancellationToken ct
    )
    {
        var d = date ?? Today;
        var (b, _, refusal) = await BuildingAsync<BuildingMap>(user, buildingId, false, ct);
        if (refusal is not null)
            return refusal;
        if (d > Today)
            return Outcome<BuildingMap>.Invalid("date", "Validation.DateInFuture");
        var states = (await coverage.EnterprisesAsync(d, b!.Id, null, ct)).ToDictionary(x => x.Id);
        var places =
            states.Count == 0
                ? []
                : await db
                    .Enterprises.AsNoTracking()
                    .Where(e =>
                        e.BuildingId == b.Id
                        && e.MovedInOn <= d
                        && (e.MovedOutOn == null || e.MovedOutOn > d)
                    )
                    .Select(e => new
                    {
                        e.Id,
                        e.Floor,
                        e.Room,
                    })
                    .ToListAsync(ct);
        var enterprises = places
            .Where(p => states.ContainsKey(p.Id))
            .Select(p =>
            {
                var s = states[p.Id];
                return new MapEnterprise(s.Id, s.Name, StateName(s.State), p.Floor, p.Room)
                {
                    State = s.State,
                };
            })
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var rooms = await db
            .BuildingRooms.AsNoTracking()
            .Where(r => r.BuildingId == b.Id)
            .ToListAsync(ct);
        var byRoom = enterprises
            .Where(e => !string.IsNullOrWhiteSpace(e.Room))
            .GroupBy(e => e.Room!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var numbers = rooms.Select(r => r.Number).ToHashSet(StringComparer.Ordinal);
        var floors = rooms
            .GroupBy(r => r.Floor)
            .OrderByDescending(g => g.Key)
            .Select(g => new MapFloor(
                g.Key,
                RoomRules.FloorLabel(g.Key),
                [
                    .. g.OrderBy(r => r.Number.Length)
                        .ThenBy(r => r.Number, StringComparer.Ordinal)
                        .Select(r => new MapRoom(
                            r.Id,
                            r.Number,
                            r.AreaSquareMeters,
                            byRoom.GetValueOrDefault(r.Number) ?? []
                        )),
                ]
            ))
            .ToList();
        var unplaced = enterprises
            .Where(e => e.Room is null || !numbers.Contains(e.Room.Trim()))
            .OrderByDescending(e => e.Floor)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        var counts = CoverageCounts.From(enterprises.Select(e => (e.State, 1)));
        var vacant = floors.Sum(f => f.Rooms.Count(r => r.Enterprises.Count == 0));
        return Outcome<BuildingMap>.Ok(
            new BuildingMap(
                b.Id,
                b.Name,
                b.Floors,
                d,
                b.CoveredFrom <= d && (b.CoveredUntil is null || b.CoveredUntil > d),
                floors,
                unplaced,
                new MapCounts(
                    counts.Enterprises,
                    counts.OwnOrganization,
                    counts.JointOrganization,
                    counts.InstructorOnly,
                    counts.MembersNoOrganization,
                    counts.Nothing,
                    rooms.Count,
                    vacant,
                    unplaced.Count
                )
            )
        );
    }

    /// <summary>The state's name as the API writes it: ownOrganization, jointOrganization, …</summary>
    public static string StateName(CoverageState s)
    {
        var n = s.ToString();
        return char.ToLowerInvariant(n[0]) + n[1..];
    }

    private Task<bool> NumberTakenAsync(
        Guid buildingId,
        string number,
        Guid? except,
        CancellationToken ct
    ) =>
        db
            .BuildingRooms.AsNoTracking()
            .AnyAsync(r => r.BuildingId == buildingId && r.Number == number && r.Id != except, ct);

    private static Outcome<RoomResponse> Duplicate(string number) =>
        Outcome<RoomResponse>.Conflict("Problem.DuplicateRoom", number);
}
