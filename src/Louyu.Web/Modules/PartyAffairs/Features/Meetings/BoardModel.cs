using Louyu.Web.Modules.PartyAffairs.Domain;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>What the board knows of one branch in scope: where it is, when it was founded and its held-month masks.</summary>
public sealed record BoardFacts(
    Guid Id,
    Guid BuildingId,
    string? Name,
    DateOnly FoundedOn,
    int Anchor,
    IReadOnlyList<long> Masks
);

/// <summary>A branch on a kept board: its facts, its colour and (on a building's board) its row.</summary>
public sealed record BoardBranchState(BoardFacts Facts, ComplianceState State, BranchBoardRow? Row);

/// <summary>Formats a branch's row of a building's board (localised names of kinds and periods).</summary>
public delegate BranchBoardRow BranchRowFormatter(
    Guid id,
    string name,
    BranchCompliance compliance
);

/// <summary>
/// A computed board kept between reads with what it was computed from, so that a meeting write can be applied to
/// it branch by branch (<see cref="BoardBuilder.Patch"/>). <see cref="Seq"/> is the last write it reflects
/// (see <see cref="BoardCache"/>); <see cref="BuiltUtc"/> is when it was last read in full from the database.
/// </summary>
public sealed record KeptBoard(
    long Seq,
    DateTime BuiltUtc,
    DateOnly Day,
    Guid? BuildingId,
    string Rule,
    IReadOnlyDictionary<Guid, BoardBranchState> Branches,
    IReadOnlyDictionary<Guid, BoardCounts> PerBuilding,
    IReadOnlyDictionary<Guid, string> BuildingNames,
    BoardResponse Response
);

/// <summary>
/// The board from its branches' facts, and the same board patched when some branches' masks change: a changed
/// branch is coloured again by the same pure rule (<see cref="ComplianceRules.StateOf"/>, and
/// <see cref="ComplianceRules.Evaluate"/> for a building's rows), its building's counts move from the old colour
/// to the new, and the building rows and totals are derived again from the counts. So a patched board equals the
/// board computed in full from the same facts.
/// </summary>
public static class BoardBuilder
{
    public static KeptBoard Build(
        IEnumerable<BoardFacts> facts,
        MeetingFrequencyOptions frequencies,
        DateOnly today,
        Guid? buildingId,
        IReadOnlyDictionary<Guid, string> buildingNames,
        string rule,
        BranchRowFormatter row,
        long seq,
        DateTime builtUtc
    )
    {
        var branches = new Dictionary<Guid, BoardBranchState>();
        var perBuilding = new Dictionary<Guid, BoardCounts>();
        foreach (var f in facts)
        {
            var s = Colour(f, frequencies, today, buildingId is not null, row);
            branches[f.Id] = s;
            perBuilding[f.BuildingId] = Add(
                perBuilding.GetValueOrDefault(f.BuildingId, new BoardCounts(0, 0, 0)),
                s.State,
                1
            );
        }
        return new KeptBoard(
            seq,
            builtUtc,
            today,
            buildingId,
            rule,
            branches,
            perBuilding,
            buildingNames,
            Respond(today, buildingId, rule, branches, perBuilding, buildingNames)
        );
    }

    /// <summary>
    /// The kept board with these branches' masks replaced (branches not on the board are ignored: they are outside
    /// its scope). Only the changed branches are coloured again.
    /// </summary>
    public static KeptBoard Patch(
        KeptBoard kept,
        IEnumerable<(Guid Id, int Anchor, IReadOnlyList<long> Masks)> changes,
        MeetingFrequencyOptions frequencies,
        BranchRowFormatter row,
        long seq
    )
    {
        Dictionary<Guid, BoardBranchState>? branches = null;
        Dictionary<Guid, BoardCounts>? perBuilding = null;
        foreach (var (id, anchor, masks) in changes)
        {
            if (!kept.Branches.TryGetValue(id, out var old))
                continue;
            branches ??= new Dictionary<Guid, BoardBranchState>(kept.Branches);
            perBuilding ??= new Dictionary<Guid, BoardCounts>(kept.PerBuilding);
            old = branches[id];
            var now = Colour(
                old.Facts with
                {
                    Anchor = anchor,
                    Masks = masks,
                },
                frequencies,
                kept.Day,
                kept.BuildingId is not null,
                row
            );
            branches[id] = now;
            var b = old.Facts.BuildingId;
            perBuilding[b] = Add(Add(perBuilding[b], old.State, -1), now.State, 1);
        }
        if (branches is null || perBuilding is null)
            return kept with { Seq = seq };
        return kept with
        {
            Seq = seq,
            Branches = branches,
            PerBuilding = perBuilding,
            Response = Respond(
                kept.Day,
                kept.BuildingId,
                kept.Rule,
                branches,
                perBuilding,
                kept.BuildingNames
            ),
        };
    }

    private static BoardBranchState Colour(
        BoardFacts f,
        MeetingFrequencyOptions frequencies,
        DateOnly today,
        bool withRow,
        BranchRowFormatter row
    )
    {
        if (!withRow)
        {
            Span<long> masks = stackalloc long[ComplianceRules.Kinds.Length];
            for (var k = 0; k < masks.Length && k < f.Masks.Count; k++)
                masks[k] = f.Masks[k];
            return new BoardBranchState(
                f,
                ComplianceRules.StateOf(frequencies, f.FoundedOn, today, f.Anchor, masks),
                null
            );
        }
        var c = ComplianceRules.Evaluate(frequencies, f.FoundedOn, today, f.Anchor, f.Masks);
        return new BoardBranchState(f, c.State, f.Name is null ? null : row(f.Id, f.Name, c));
    }

    private static BoardCounts Add(BoardCounts c, ComplianceState s, int n) =>
        s switch
        {
            ComplianceState.Green => c with { Green = c.Green + n },
            ComplianceState.Amber => c with { Amber = c.Amber + n },
            _ => c with { Red = c.Red + n },
        };

    private static BoardResponse Respond(
        DateOnly today,
        Guid? buildingId,
        string rule,
        IReadOnlyDictionary<Guid, BoardBranchState> branches,
        IReadOnlyDictionary<Guid, BoardCounts> perBuilding,
        IReadOnlyDictionary<Guid, string> names
    )
    {
        var buildings = perBuilding
            .Select(kv => new BuildingBoardRow(
                kv.Key,
                names.GetValueOrDefault(kv.Key, "—"),
                (
                    kv.Value.Red > 0 ? ComplianceState.Red
                    : kv.Value.Amber > 0 ? ComplianceState.Amber
                    : ComplianceState.Green
                ).ToString(),
                kv.Value
            ))
            .OrderByDescending(b => b.Counts.Red)
            .ThenBy(b => b.Name, StringComparer.Ordinal)
            .ThenBy(b => b.Id)
            .ToList();
        var totals = new BoardCounts(
            perBuilding.Values.Sum(v => v.Green),
            perBuilding.Values.Sum(v => v.Amber),
            perBuilding.Values.Sum(v => v.Red)
        );
        List<BranchBoardRow>? rows = null;
        if (buildingId is not null)
            rows =
            [
                .. branches
                    .Values.Where(b => b.Row is not null)
                    .Select(b => b.Row!)
                    .OrderByDescending(b => b.State == "Red")
                    .ThenByDescending(b => b.State == "Amber")
                    .ThenBy(b => b.Name, StringComparer.Ordinal)
                    .ThenBy(b => b.Id),
            ];
        return new BoardResponse(today, rule, ComplianceRules.Source, totals, buildings, rows);
    }
}
