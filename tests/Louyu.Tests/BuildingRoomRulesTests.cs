using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Modules.Organization.Features.Buildings;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Tests;

/// <summary>Rooms (floor range, numbering, generation) and enterprise contacts (phone, e-mail): pure rules.</summary>
public sealed class BuildingRoomRulesTests
{
    private static string[] Keys(List<FieldError> errors, string field) =>
        [.. errors.Where(e => e.Field == field).Select(e => e.Key)];

    [Theory]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(21, false)]
    [InlineData(0, false)]
    [InlineData(-1, true)]
    [InlineData(-5, true)]
    [InlineData(-6, false)]
    public void A_floor_lies_between_the_fifth_basement_and_the_top(int floor, bool exists) =>
        Assert.Equal(exists, RoomRules.FloorExists(floor, floors: 20));

    [Fact]
    public void Floor_zero_and_a_floor_above_the_building_have_their_own_messages()
    {
        var (_, zero) = RoomRules.Validate(new RoomInput { Floor = 0, Number = "001" }, 20, false);
        var (_, high) = RoomRules.Validate(
            new RoomInput { Floor = 21, Number = "2101" },
            20,
            false
        );
        var (_, deep) = RoomRules.Validate(
            new RoomInput { Floor = -6, Number = "B601" },
            20,
            false
        );

        Assert.Equal(["Validation.FloorZero"], Keys(zero, "floor"));
        Assert.Equal(["Validation.FloorOutsideBuilding"], Keys(high, "floor"));
        Assert.Equal([-5, 20], high.Single().Args.Cast<int>());
        Assert.Equal(["Validation.FloorOutsideBuilding"], Keys(deep, "floor"));
    }

    [Fact]
    public void A_room_needs_a_number_without_spaces_and_a_positive_area()
    {
        var (_, errors) = RoomRules.Validate(
            new RoomInput
            {
                Floor = 3,
                Number = "3 01",
                Area = 0,
            },
            20,
            requireVersion: true
        );
        var (_, missing) = RoomRules.Validate(new RoomInput { Floor = 3, Number = " " }, 20, false);
        var (ok, none) = RoomRules.Validate(
            new RoomInput
            {
                Floor = -2,
                Number = " B201 ",
                Area = 88.456m,
            },
            20,
            false
        );

        Assert.Equal(["Validation.RoomNumber"], Keys(errors, "number"));
        Assert.Equal(["Validation.Area"], Keys(errors, "area"));
        Assert.Equal(["Validation.Required"], Keys(errors, "version"));
        Assert.Equal(["Validation.Required"], Keys(missing, "number"));
        Assert.Empty(none);
        Assert.Equal(new RoomValues(-2, "B201", 88.46m), ok);
    }

    [Theory]
    [InlineData(12, 1, "1201")]
    [InlineData(12, 10, "1210")]
    [InlineData(3, 7, "307")]
    [InlineData(-1, 3, "B103")]
    [InlineData(-2, 12, "B212")]
    public void Rooms_are_numbered_floor_then_two_digits(int floor, int index, string number) =>
        Assert.Equal(number, RoomRules.Number(floor, index));

    [Fact]
    public void Generation_numbers_each_floor_of_the_range_and_skips_floor_zero()
    {
        var (rooms, errors) = RoomRules.Generate(
            new RoomGenerationInput
            {
                FromFloor = -1,
                ToFloor = 2,
                RoomsPerFloor = 3,
            },
            floors: 20
        );

        Assert.Empty(errors);
        Assert.Equal(
            ["B101", "B102", "B103", "101", "102", "103", "201", "202", "203"],
            rooms!.Select(r => r.Number)
        );
        Assert.Equal([-1, -1, -1, 1, 1, 1, 2, 2, 2], rooms!.Select(r => r.Floor));
    }

    [Fact]
    public void Generation_refuses_a_reversed_or_out_of_building_range()
    {
        var (_, reversed) = RoomRules.Generate(
            new RoomGenerationInput
            {
                FromFloor = 5,
                ToFloor = 3,
                RoomsPerFloor = 10,
            },
            20
        );
        var (_, outside) = RoomRules.Generate(
            new RoomGenerationInput
            {
                FromFloor = 1,
                ToFloor = 25,
                RoomsPerFloor = 100,
            },
            20
        );

        Assert.Equal(["Validation.ToFloorBelowFrom"], Keys(reversed, "toFloor"));
        Assert.Equal(["Validation.FloorOutsideBuilding"], Keys(outside, "toFloor"));
        Assert.Equal(["Validation.Range"], Keys(outside, "roomsPerFloor"));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19900001111", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("010-12345678", true)]
    [InlineData("0755-8765432", true)]
    [InlineData("0755-8765432-801", true)]
    [InlineData("010-123456", false)]
    [InlineData("01012345678", false)]
    [InlineData("10-12345678", false)]
    [InlineData("abc", false)]
    public void A_phone_is_a_mainland_mobile_or_a_landline_with_area_code(string phone, bool ok) =>
        Assert.Equal(ok, ContactRules.IsPhone(phone));

    [Theory]
    [InlineData(" 138 1234 5678 ", "13812345678")]
    [InlineData("+86 13812345678", "13812345678")]
    [InlineData("0086-13812345678", "13812345678")]
    [InlineData("  ", null)]
    public void Phones_are_normalised_before_the_check(string input, string? stored) =>
        Assert.Equal(stored, ContactRules.NormalisePhone(input));

    [Theory]
    [InlineData("hr@example.com", true)]
    [InlineData("li.ming+party@mail.example.com.cn", true)]
    [InlineData("no-at-sign.example.com", false)]
    [InlineData("a@b", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("a@-example.com", false)]
    public void An_email_has_the_usual_form(string email, bool ok) =>
        Assert.Equal(ok, ContactRules.IsEmail(email));

    [Fact]
    public void A_contact_needs_a_name_and_valid_phone_and_email()
    {
        var (_, errors) = ContactRules.Validate(
            new ContactInput
            {
                Name = " ",
                Phone = "12345",
                Email = "nobody",
            },
            requireVersion: true
        );
        var (ok, none) = ContactRules.Validate(
            new ContactInput
            {
                Name = " 王静 ",
                Title = "党建联络员",
                Phone = "+86 139 1234 5678",
                IsPrimary = true,
            },
            false
        );

        Assert.Equal(["Validation.Required"], Keys(errors, "name"));
        Assert.Equal(["Validation.ContactPhone"], Keys(errors, "phone"));
        Assert.Equal(["Validation.Email"], Keys(errors, "email"));
        Assert.Equal(["Validation.Required"], Keys(errors, "version"));
        Assert.Empty(none);
        Assert.Equal(new ContactValues("王静", "党建联络员", "13912345678", null, true), ok);
    }

    [Fact]
    public void Demo_rooms_hold_every_enterprise_and_demo_contacts_are_valid_and_deterministic()
    {
        var s = DemoScenarioGenerator.Generate(DemoTargets.Report2021);
        var (rooms, contacts) = DemoBuildingDetails.Generate(s);
        var (rooms2, contacts2) = DemoBuildingDetails.Generate(s);

        var byBuilding = rooms.ToLookup(r => r.BuildingId);
        foreach (var e in s.Enterprises.Where(e => e.Room is not null))
        {
            var room = Assert.Single(byBuilding[e.BuildingId], r => r.Number == e.Room);
            Assert.Equal(e.Floor, room.Floor);
        }
        foreach (var b in s.Buildings)
        {
            var mine = byBuilding[b.Id].ToList();
            Assert.Equal(mine.Count, mine.Select(r => r.Number).Distinct().Count());
            Assert.All(mine, r => Assert.True(RoomRules.FloorExists(r.Floor, b.Floors)));
            var occupied = s
                .Enterprises.Where(e => e.BuildingId == b.Id)
                .Select(e => e.Room)
                .ToHashSet();
            Assert.Contains(mine, r => !occupied.Contains(r.Number));
        }
        foreach (var g in contacts.GroupBy(c => c.EnterpriseId))
        {
            Assert.InRange(g.Count(), 1, 2);
            Assert.Single(g, c => c.IsPrimary);
        }
        Assert.Equal(s.Enterprises.Count, contacts.Select(c => c.EnterpriseId).Distinct().Count());
        Assert.All(contacts, c => Assert.True(ContactRules.IsPhone(c.Phone!), c.Phone));
        Assert.All(
            contacts.Where(c => c.Email is not null),
            c => Assert.True(ContactRules.IsEmail(c.Email!), c.Email)
        );
        Assert.Equal(rooms.Select(r => (r.Id, r.Number)), rooms2.Select(r => (r.Id, r.Number)));
        Assert.Equal(
            contacts.Select(c => (c.Id, c.Name, c.Phone)),
            contacts2.Select(c => (c.Id, c.Name, c.Phone))
        );
    }
}
