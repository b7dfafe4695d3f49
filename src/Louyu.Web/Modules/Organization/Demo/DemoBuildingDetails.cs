using System.Globalization;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>
/// The rooms of the demo buildings and the contacts of the demo enterprises, generated deterministically (own seeded
/// <see cref="Random"/>, so the scenario's own random sequence and its figures are untouched). Every room an
/// enterprise of the scenario gives (its Floor/Room, "{floor}{01–20}" as the generator numbers them) exists, plus a
/// few vacant rooms per floor; each enterprise has one or two contacts, the first of them primary.
/// </summary>
public static class DemoBuildingDetails
{
    public const int Seed = 4754;

    private static readonly string[] Titles =
    [
        "人事行政经理",
        "办公室主任",
        "党建联络员",
        "综合部经理",
        "总经理助理",
        "行政主管",
        "人力资源总监",
        "副总经理",
        "财务经理",
        "工会主席",
    ];

    public static (List<BuildingRoom> Rooms, List<EnterpriseContact> Contacts) Generate(
        DemoScenario s
    )
    {
        var rng = new Random(Seed);
        var rooms = new List<BuildingRoom>();
        var enterprisesByBuilding = s
            .Enterprises.GroupBy(e => e.BuildingId)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var b in s.Buildings)
        {
            var taken = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var e in enterprisesByBuilding.GetValueOrDefault(b.Id) ?? [])
                if (!string.IsNullOrEmpty(e.Room))
                    taken.TryAdd(e.Room, e.Floor);
            for (var floor = 1; floor <= b.Floors; floor++)
            {
                // A few vacant rooms on each floor, numbered as the generator numbers rooms (01–20).
                var vacant = rng.Next(4);
                for (var k = 0; k < vacant; k++)
                    taken.TryAdd(Number(floor, 1 + rng.Next(20)), floor);
            }
            foreach (
                var (number, floor) in taken
                    .OrderBy(t => t.Value)
                    .ThenBy(t => t.Key, StringComparer.Ordinal)
            )
                rooms.Add(
                    new BuildingRoom
                    {
                        Id = NewId(rng),
                        BuildingId = b.Id,
                        Floor = floor,
                        Number = number,
                        AreaSquareMeters = 40 + rng.Next(0, 73) * 5,
                        Version = 1,
                    }
                );
        }

        var contacts = new List<EnterpriseContact>();
        foreach (var e in s.Enterprises)
        {
            var n = rng.Next(10) < 6 ? 1 : 2;
            for (var i = 0; i < n; i++)
            {
                var named = i == 0 && e.Id == s.NamedEnterpriseId;
                contacts.Add(
                    new EnterpriseContact
                    {
                        Id = NewId(rng),
                        EnterpriseId = e.Id,
                        Name = named ? "郑秋锁" : DemoScenarioGenerator.PersonName(rng),
                        Title = named ? "党建联络员" : Titles[rng.Next(Titles.Length)],
                        Phone = named ? "13800000005" : Phone(rng),
                        Email =
                            rng.Next(10) < 4
                                ? $"office{i + 1}@{e.UnifiedSocialCreditCode[8..16].ToLowerInvariant()}.cn"
                                : null,
                        IsPrimary = i == 0,
                        Version = 1,
                    }
                );
            }
        }
        return (rooms, contacts);
    }

    /// <summary>Inserts the rooms and contacts of a scenario already written by <see cref="ScenarioWriter"/>.</summary>
    public static async Task WriteAsync(LouyuDbContext db, DemoScenario s, CancellationToken ct)
    {
        var (rooms, contacts) = Generate(s);
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in rooms.Chunk(5000))
        {
            db.BuildingRooms.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var chunk in contacts.Chunk(5000))
        {
            db.EnterpriseContacts.AddRange(chunk);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.SuppressAudit = false;
    }

    private static string Number(int floor, int index) =>
        floor.ToString(CultureInfo.InvariantCulture)
        + index.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>A mainland mobile number (1[3-9]…) or, now and then, a Beijing landline (010-xxxxxxxx).</summary>
    private static string Phone(Random rng)
    {
        if (rng.Next(5) == 0)
            return "010-"
                + (5 + rng.Next(5)).ToString(CultureInfo.InvariantCulture)
                + Digits(rng, 7);
        return "1" + "3456789"[rng.Next(7)] + Digits(rng, 9);
    }

    private static string Digits(Random rng, int n) =>
        string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + rng.Next(10))));

    private static Guid NewId(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
