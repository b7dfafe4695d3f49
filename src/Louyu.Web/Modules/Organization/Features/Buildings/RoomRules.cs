using System.Globalization;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>A room as sent by a client or a form.</summary>
public sealed class RoomInput
{
    public int? Floor { get; set; }
    public string? Number { get; set; }
    public decimal? Area { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

/// <summary>The checked values of a <see cref="RoomInput"/>.</summary>
public sealed record RoomValues(int Floor, string Number, decimal? Area);

/// <summary>A request to number the rooms of a range of floors (<c>POST …/rooms/generate</c>).</summary>
public sealed class RoomGenerationInput
{
    public int? FromFloor { get; set; }
    public int? ToFloor { get; set; }
    public int? RoomsPerFloor { get; set; }
}

/// <summary>
/// The rules of rooms. A room lies on one of the building's floors: 1 to the building's number of floors above
/// ground, or a basement down to <see cref="LowestFloor"/> (floor 0 does not exist in Chinese floor numbering — the
/// ground floor is 1F, the first basement B1 = −1). Room numbers are what is on the door, at most 20 characters,
/// unique within the building (checked against the database by the handler). Generated numbers follow the usual
/// door plates: floor then a two-digit index (12th floor, rooms 1201…1210), basements with a B (B101…).
/// </summary>
public static class RoomRules
{
    public const int LowestFloor = EnterpriseRules.LowestFloor;
    public const int MaxRoomsPerFloor = 99;
    public const decimal MaxArea = 100_000m;

    /// <summary>At most this many rooms are generated in one request.</summary>
    public const int MaxGenerated = 5_000;

    /// <summary>A floor of a building with <paramref name="floors"/> floors above ground: B5…B1, 1…floors.</summary>
    public static bool FloorExists(int floor, int floors) =>
        floor != 0 && floor >= LowestFloor && floor <= floors;

    /// <summary>The floor as people write it: "12F" style is left to the page; here B1 for −1, 12 for 12.</summary>
    public static string FloorLabel(int floor) =>
        floor < 0
            ? "B" + (-floor).ToString(CultureInfo.InvariantCulture)
            : floor.ToString(CultureInfo.InvariantCulture);

    /// <summary>The door number of the <paramref name="index"/>-th room (1-based) of a floor: 1201, B103.</summary>
    public static string Number(int floor, int index) =>
        FloorLabel(floor) + index.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>Checks a floor against the building and adds the message to <paramref name="errors"/>.</summary>
    public static int? Floor(List<FieldError> errors, string field, int? floor, int floors)
    {
        if (floor is null)
        {
            errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (floor == 0)
        {
            errors.Add(FieldError.Of(field, "Validation.FloorZero"));
            return null;
        }
        if (!FloorExists(floor.Value, floors))
        {
            errors.Add(
                FieldError.Of(field, "Validation.FloorOutsideBuilding", LowestFloor, floors)
            );
            return null;
        }
        return floor;
    }

    public static (RoomValues? Values, List<FieldError> Errors) Validate(
        RoomInput input,
        int floors,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var floor = Floor(errors, "floor", input.Floor, floors);
        var number = FieldRules.Text(errors, "number", input.Number, 20, required: true);
        if (number is not null && number.Any(char.IsWhiteSpace))
        {
            errors.Add(FieldError.Of("number", "Validation.RoomNumber"));
            number = null;
        }
        if (input.Area is { } area && (area <= 0 || area > MaxArea))
            errors.Add(FieldError.Of("area", "Validation.Area", MaxArea));
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        var rounded = input.Area is { } a ? Math.Round(a, 2) : (decimal?)null;
        return (new RoomValues(floor!.Value, number!, rounded), errors);
    }

    /// <summary>
    /// The rooms to generate for floors <paramref name="fromFloor"/>…<paramref name="toFloor"/> (floor 0 skipped),
    /// <paramref name="roomsPerFloor"/> per floor, numbered by <see cref="Number"/>; or the field errors.
    /// </summary>
    public static (
        IReadOnlyList<(int Floor, string Number)>? Rooms,
        List<FieldError> Errors
    ) Generate(RoomGenerationInput input, int floors)
    {
        var errors = new List<FieldError>();
        var from = Floor(errors, "fromFloor", input.FromFloor, floors);
        var to = Floor(errors, "toFloor", input.ToFloor, floors);
        var perFloor = FieldRules.Range(
            errors,
            "roomsPerFloor",
            input.RoomsPerFloor,
            1,
            MaxRoomsPerFloor,
            required: true
        );
        if (from is not null && to is not null && to < from)
            errors.Add(FieldError.Of("toFloor", "Validation.ToFloorBelowFrom"));
        if (errors.Count > 0)
            return (null, errors);
        var rooms = new List<(int, string)>();
        for (var f = from!.Value; f <= to!.Value; f++)
        {
            if (f == 0)
                continue;
            for (var i = 1; i <= perFloor!.Value; i++)
                rooms.Add((f, Number(f, i)));
        }
        if (rooms.Count > MaxGenerated)
        {
            errors.Add(FieldError.Of("roomsPerFloor", "Validation.TooManyRooms", MaxGenerated));
            return (null, errors);
        }
        return (rooms, errors);
    }
}
