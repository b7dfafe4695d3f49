namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>The five figures of the report (buildings, enterprises, enterprise branches, members, party workers).</summary>
public sealed record DemoFigures(
    int Buildings,
    int Enterprises,
    int Branches,
    int Members,
    int PartyWorkers
);

/// <summary>
/// What the generator must reproduce: the figures at the first year end (2009-12-31) and on the report's date
/// (2021-08-21). Between them the curve grows plausibly; after the report it grows a little until 2025-12-31.
/// </summary>
public sealed record DemoTargets(DemoFigures Start, DemoFigures Report, bool NamedPeople, int Seed)
{
    public static readonly DateOnly StartDate = new(2009, 12, 31);
    public static readonly DateOnly ReportDate = new(2021, 8, 21);
    public static readonly DateOnly HistoryEnd = new(2025, 12, 31);

    /// <summary>The report's building, as People's Daily told it (demo-scenario.md).</summary>
    public static readonly DemoTargets Report2021 = new(
        new DemoFigures(1, 162, 1, 32, 1),
        new DemoFigures(14, 1314, 47, 432, 17),
        NamedPeople: true,
        Seed: 2009
    );

    /// <summary>District scale for the benchmarks: 2,000 buildings, 100,000 enterprises, 400,000 members.</summary>
    public static DemoTargets District(double scale = 1.0) =>
        new(
            new DemoFigures(
                Math.Max(1, (int)(100 * scale)),
                Math.Max(10, (int)(12_000 * scale)),
                Math.Max(1, (int)(1_000 * scale)),
                Math.Max(10, (int)(30_000 * scale)),
                Math.Max(1, (int)(100 * scale))
            ),
            new DemoFigures(
                Math.Max(2, (int)(2_000 * scale)),
                Math.Max(100, (int)(100_000 * scale)),
                Math.Max(5, (int)(20_000 * scale)),
                Math.Max(200, (int)(400_000 * scale)),
                Math.Max(2, (int)(2_000 * scale))
            ),
            NamedPeople: false,
            Seed: 2021
        );
}
