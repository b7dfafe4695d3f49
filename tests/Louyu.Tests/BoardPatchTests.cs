using System.Text.Json;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Features.Meetings;

namespace Louyu.Tests;

/// <summary>
/// The compliance board patched branch by branch after meeting writes equals the board computed in full from the
/// same facts — for the district board (counts only) and for a building's board (its rows too).
/// </summary>
public sealed class BoardPatchTests
{
    private static readonly MeetingFrequencyOptions Frequencies = new();
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static BranchBoardRow Row(Guid id, string name, BranchCompliance c) =>
        new(
            id,
            name,
            c.State.ToString(),
            [.. c.Kinds.SelectMany(k => k.Missed.Select(p => $"{k.Kind} {p.StartMonth}"))],
            [.. c.Kinds.Where(k => k.CurrentDue).Select(k => k.Kind.ToString())]
        );

    private static Guid G(int i) => new($"00000000-0000-0000-0000-{i:000000000000}");

    /// <summary>Three buildings, 30 branches with mixed histories and founding days.</summary>
    private static Dictionary<Guid, BoardFacts> Facts(Random rnd)
    {
        var facts = new Dictionary<Guid, BoardFacts>();
        for (var i = 0; i < 30; i++)
        {
            var masks = new long[ComplianceRules.Kinds.Length];
            for (var k = 0; k < masks.Length; k++)
                masks[k] = i % 4 == 0 ? -1L : rnd.NextInt64() & rnd.NextInt64() | 0b111;
            facts[G(i)] = new BoardFacts(
                G(i),
                G(1000 + i % 3),
                $"支部{i % 10:00}", // names repeat: ties are broken by id
                i % 5 == 0 ? Today.AddMonths(-2) : new DateOnly(2020, 1, 1),
                ComplianceRules.MonthIndex(Today),
                masks
            );
        }
        return facts;
    }

    private static KeptBoard Full(IEnumerable<BoardFacts> facts, Guid? building) =>
        BoardBuilder.Build(
            facts.Where(f => building is null || f.BuildingId == building),
            Frequencies,
            Today,
            building,
            new Dictionary<Guid, string>
            {
                [G(1000)] = "甲楼",
                [G(1001)] = "乙楼",
                [G(1002)] = "丙楼",
            },
            "rule",
            Row,
            0,
            DateTime.UnixEpoch
        );

    private static string Json(KeptBoard b) => JsonSerializer.Serialize(b.Response);

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void A_patched_board_equals_a_full_recompute_after_a_sequence_of_writes(
        int seed,
        bool buildingBoard
    )
    {
        var rnd = new Random(seed);
        var facts = Facts(rnd);
        Guid? building = buildingBoard ? G(1001) : null;
        var kept = Full(facts.Values, building);
        var states = kept.Branches.Values.Select(b => b.State).Distinct().Count();
        Assert.True(states >= 2, "the sample has branches of several colours");

        var anchor = ComplianceRules.MonthIndex(Today);
        for (var step = 1; step <= 40; step++)
        {
            // A write: one or two branches (any building, so some are outside a building's board) record a
            // meeting of some kind in some month of the last year, or have every meeting taken away.
            var changes = new List<(Guid, int, IReadOnlyList<long>)>();
            for (var n = 0; n < 1 + step % 2; n++)
            {
                var id = G(rnd.Next(30));
                var f = facts[id];
                var masks = f.Masks.ToArray();
                if (rnd.Next(8) == 0)
                    Array.Clear(masks);
                else
                {
                    var k = rnd.Next(masks.Length);
                    masks[k] = ComplianceRules.Set(masks[k], anchor, anchor - rnd.Next(13));
                }
                facts[id] = f with { Masks = masks };
                changes.Add((id, anchor, masks));
            }
            kept = BoardBuilder.Patch(kept, changes, Frequencies, Row, step);
            Assert.Equal(step, kept.Seq);
            Assert.Equal(Json(Full(facts.Values, building)), Json(kept));
        }
    }

    [Fact]
    public void A_write_to_a_branch_outside_the_board_leaves_it_as_it_was()
    {
        var facts = Facts(new Random(7));
        var kept = Full(facts.Values, G(1000));
        var outside = facts.Values.First(f => f.BuildingId != G(1000));
        var patched = BoardBuilder.Patch(kept, [(outside.Id, 0, new long[7])], Frequencies, Row, 9);
        Assert.Equal(9, patched.Seq);
        Assert.Same(kept.Response, patched.Response);
    }
}
