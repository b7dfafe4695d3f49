using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

public sealed record BoardCounts(int Green, int Amber, int Red)
{
    public int Total => Green + Amber + Red;
}

public sealed record BuildingBoardRow(Guid Id, string Name, string State, BoardCounts Counts);

public sealed record BranchBoardRow(
    Guid Id,
    string Name,
    string State,
    IReadOnlyList<string> Missed,
    IReadOnlyList<string> Due
);

/// <summary>The board: the district's counts, one row per building, and with a building the branches of it.</summary>
public sealed record BoardResponse(
    DateOnly AsOf,
    string Rule,
    string Source,
    BoardCounts Totals,
    IReadOnlyList<BuildingBoardRow> Buildings,
    IReadOnlyList<BranchBoardRow>? Branches
);

public sealed record CalendarPeriod(string Label, bool Current, bool Held);

public sealed record CalendarKind(
    string Kind,
    string KindName,
    string Frequency,
    IReadOnlyList<CalendarPeriod> Periods
);

public sealed record BranchCalendar(
    Guid Id,
    string Name,
    DateOnly AsOf,
    string State,
    IReadOnlyList<CalendarKind> Kinds
);

/// <summary>
/// The compliance calendar and board (<see cref="ComplianceRules"/>). The board is one SQL statement: the branches
/// in scope left-joined to the maintained <see cref="MeetingCompliance"/> summary (one row per branch); the pure
/// rule then colours each row. The summary is rebuilt from a branch's held meetings whenever one is recorded.
/// </summary>
public sealed class ComplianceService(
    LouyuDbContext db,
    IPartyDirectory directory,
    IBuildingScopeResolver scopes,
    IOrganizationFigures figures,
    IOptions<MeetingOptions> options,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock,
    BoardCache boards
)
{
    private DateOnly Today => ShanghaiTime.Today(clock);
    private MeetingFrequencyOptions Frequencies => options.Value.Frequencies;

    private static bool Chinese =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    /// <summary>Rebuilds a branch's summary from its held meetings plus <paramref name="pending"/> (not saved yet); the caller saves.</summary>
    public async Task RebuildAsync(Guid organizationId, Meeting? pending, CancellationToken ct)
    {
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-5);
        var held = await db
            .Meetings.AsNoTracking()
            .Where(m =>
                m.OrganizationId == organizationId
                && m.Status == MeetingStatus.Held
                && m.HeldOn != null
                && m.HeldOn >= since
                && (pending == null || m.Id != pending.Id)
            )
            .Select(m => new { m.Kind, HeldOn = m.HeldOn!.Value })
            .ToListAsync(ct);
        var list = held.Select(h => (h.Kind, h.HeldOn)).ToList();
        if (pending is { Status: MeetingStatus.Held, HeldOn: { } on })
            list.Add((pending.Kind, on));
        var (anchor, masks) = ComplianceRules.Masks(Today, list);
        var row = await db.MeetingCompliance.FirstOrDefaultAsync(
            c => c.OrganizationId == organizationId,
            ct
        );
        if (row is null)
        {
            row = new MeetingCompliance { OrganizationId = organizationId };
            db.MeetingCompliance.Add(row);
        }
        row.SetMasks(anchor, masks);
        row.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
    }

    public async Task<BoardResponse?> BoardAsync(
        ClaimsPrincipal user,
        Guid? buildingId,
        CancellationToken ct
    )
    {
        var a = await MeetingAccess.ResolveAsync(scopes, user, ct);
        if (!a.IsStaff)
            return null;
        var scope = a.Buildings.All
            ? "*"
            : string.Join(',', (a.Buildings.Filter ?? []).Order())
                + "/"
                + string.Join(',', a.Branches.Order());
        var key = BoardCache.Key(Today, buildingId, scope);
        if (boards.Get(key) is { } kept && kept.Day == Today)
        {
            var (everything, seq, changed) = boards.Since(kept.Seq);
            if (!everything)
            {
                if (changed.Count > 0)
                    kept = BoardBuilder.Patch(
                        kept,
                        await SummariesAsync([.. changed.Where(kept.Branches.ContainsKey)], ct),
                        Frequencies,
                        Row,
                        seq
                    );
                else
                    kept = kept with { Seq = seq };
                boards.Put(key, kept);
                return kept.Response;
            }
        }
        var built = await ComputeBoardAsync(a, buildingId, boards.Seq, ct);
        boards.Put(key, built);
        return built.Response;
    }

    /// <summary>The maintained summaries of these branches (a branch without one has held nothing).</summary>
    private async Task<List<(Guid Id, int Anchor, IReadOnlyList<long> Masks)>> SummariesAsync(
        Guid[] ids,
        CancellationToken ct
    )
    {
        if (ids.Length == 0)
            return [];
        var rows = await db
            .MeetingCompliance.AsNoTracking()
            .Where(c => ids.Contains(c.OrganizationId))
            .ToDictionaryAsync(c => c.OrganizationId, ct);
        return
        [
            .. ids.Select(id =>
                rows.TryGetValue(id, out var c)
                    ? (id, c.AnchorMonth, (IReadOnlyList<long>)c.Masks())
                    : (id, 0, (IReadOnlyList<long>)new long[ComplianceRules.Kinds.Length])
            ),
        ];
    }

    /// <summary>
    /// The board read in full: the branches in scope left-joined to their summaries (one statement), coloured by
    /// <see cref="BoardBuilder"/>. <paramref name="seq"/> is the last write known before reading.
    /// </summary>
    private async Task<KeptBoard> ComputeBoardAsync(
        MeetingAccess a,
        Guid? buildingId,
        long seq,
        CancellationToken ct
    )
    {
        var today = Today;
        var builtUtc = clock.GetUtcNow().UtcDateTime;
        var all = a.Buildings.All;
        var filter = a.Buildings.Filter ?? [];
        var branchIds = a.Branches.ToArray();
        var branchQuery = directory.Branches();
        if (!all)
            branchQuery = branchQuery.Where(b =>
                filter.Contains(b.BuildingId) || branchIds.Contains(b.Id)
            );
        if (buildingId is { } only)
            branchQuery = branchQuery.Where(b => b.BuildingId == only);
        var q =
            from b in branchQuery
            join c in db.MeetingCompliance on b.Id equals c.OrganizationId into cs
            from c in cs.DefaultIfEmpty()
            select new
            {
                b.Id,
                b.BuildingId,
                b.FoundedOn,
                Anchor = (int?)c!.AnchorMonth,
                A = (long?)c.BranchAssembly,
                B = (long?)c.BranchCommittee,
                G = (long?)c.GroupMeeting,
                L = (long?)c.PartyLecture,
                D = (long?)c.ThemedPartyDay,
                O = (long?)c.OrganizationalLife,
                E = (long?)c.DemocraticEvaluation,
            };
        var rows = await q.ToListAsync(ct);
        IReadOnlyDictionary<Guid, string> branchNames = buildingId is { } bid
            ? await directory
                .Branches()
                .Where(b => b.BuildingId == bid)
                .ToDictionaryAsync(b => b.Id, b => b.Name, ct)
            : new Dictionary<Guid, string>();
        var buildingIds = rows.Select(r => r.BuildingId).Distinct().ToList();
        var names = (
            await figures.BuildingsAsync(all && buildingId is null ? null : buildingIds, ct)
        ).ToDictionary(x => x.Id, x => x.Name);
        return BoardBuilder.Build(
            rows.Select(r => new BoardFacts(
                r.Id,
                r.BuildingId,
                branchNames.GetValueOrDefault(r.Id),
                r.FoundedOn,
                r.Anchor ?? 0,
                [r.A ?? 0, r.B ?? 0, r.G ?? 0, r.L ?? 0, r.D ?? 0, r.O ?? 0, r.E ?? 0]
            )),
            Frequencies,
            today,
            buildingId,
            names,
            text["Compliance.RuleText"].Value,
            Row,
            seq,
            builtUtc
        );
    }

    /// <summary>A branch the caller must act on: red (a past period missed) or amber (the current one not held).</summary>
    public sealed record BranchDue(
        Guid Id,
        string Name,
        Guid BuildingId,
        ComplianceState State,
        DateOnly DueOn
    );

    /// <summary>
    /// The to-do view of the board: for a branch secretary their branches red or amber; for a record keeper
    /// (committee secretary, party worker) the red branches of their buildings only. The count of each and the
    /// <paramref name="limit"/> most urgent (red first, then by the deadline: the end of the first missed period,
    /// or of the current period due).
    /// </summary>
    public async Task<(int Total, int Red, IReadOnlyList<BranchDue> Items)> DueAsync(
        ClaimsPrincipal user,
        int limit,
        CancellationToken ct
    )
    {
        var a = await MeetingAccess.ResolveAsync(scopes, user, ct);
        if (!a.IsStaff)
            return (0, 0, []);
        var today = Today;
        var all = a.Buildings.All;
        var filter = a.Buildings.Filter ?? [];
        var own = a.Branches.ToArray();
        var branchQuery = directory.Branches();
        if (!all)
            branchQuery = branchQuery.Where(b =>
                filter.Contains(b.BuildingId) || own.Contains(b.Id)
            );
        var q =
            from b in branchQuery
            join c in db.MeetingCompliance on b.Id equals c.OrganizationId into cs
            from c in cs.DefaultIfEmpty()
            select new
            {
                b.Id,
                b.FoundedOn,
                Anchor = (int?)c!.AnchorMonth,
                A = (long?)c.BranchAssembly,
                B = (long?)c.BranchCommittee,
                G = (long?)c.GroupMeeting,
                L = (long?)c.PartyLecture,
                D = (long?)c.ThemedPartyDay,
                O = (long?)c.OrganizationalLife,
                E = (long?)c.DemocraticEvaluation,
            };
        var rows = await q.ToListAsync(ct);
        var f = Frequencies;
        var due = new List<(Guid Id, ComplianceState State, DateOnly DueOn)>();
        foreach (var r in rows)
        {
            long[] masks = [r.A ?? 0, r.B ?? 0, r.G ?? 0, r.L ?? 0, r.D ?? 0, r.O ?? 0, r.E ?? 0];
            var state = ComplianceRules.StateOf(f, r.FoundedOn, today, r.Anchor ?? 0, masks);
            if (
                state == ComplianceState.Green
                || (state == ComplianceState.Amber && !a.Branches.Contains(r.Id))
            )
                continue;
            var c = ComplianceRules.Evaluate(f, r.FoundedOn, today, r.Anchor ?? 0, masks);
            var ends = c
                .Kinds.SelectMany(k =>
                    (
                        state == ComplianceState.Red
                            ? k.Missed
                            : k.Periods.Where(p => p.Current && !p.Held)
                    ).Select(p =>
                        ComplianceRules
                            .MonthStart(p.StartMonth + ComplianceRules.Length(k.Frequency))
                            .AddDays(-1)
                    )
                )
                .DefaultIfEmpty(today);
            due.Add((r.Id, state, ends.Min()));
        }
        var red = due.Count(d => d.State == ComplianceState.Red);
        var top = due.OrderByDescending(d => d.State)
            .ThenBy(d => d.DueOn)
            .ThenBy(d => d.Id)
            .Take(Math.Clamp(limit, 1, 200))
            .ToList();
        var ids = top.Select(d => d.Id).ToArray();
        var names = await directory
            .Branches()
            .Where(b => ids.Contains(b.Id))
            .Select(b => new
            {
                b.Id,
                b.Name,
                b.BuildingId,
            })
            .ToDictionaryAsync(b => b.Id, ct);
        return (
            due.Count,
            red,
            [
                .. top.Where(d => names.ContainsKey(d.Id))
                    .Select(d => new BranchDue(
                        d.Id,
                        names[d.Id].Name,
                        names[d.Id].BuildingId,
                        d.State,
                        d.DueOn
                    )),
            ]
        );
    }

    private BranchBoardRow Row(Guid id, string name, BranchCompliance c) =>
        new(
            id,
            name,
            c.State.ToString(),
            [
                .. c.Kinds.SelectMany(k =>
                    k.Missed.Select(p =>
                        $"{KindName(k.Kind)} {ComplianceRules.Label(k.Frequency, p.StartMonth, Chinese)}"
                    )
                ),
            ],
            [
                .. c
                    .Kinds.Where(k => k.CurrentDue)
                    .Select(k =>
                        $"{KindName(k.Kind)} {ComplianceRules.Label(k.Frequency, k.Periods[^1].StartMonth, Chinese)}"
                    ),
            ]
        );

    private string KindName(MeetingKind k) => text[$"Meetings.Kind.{k}"].Value;

    /// <summary>A branch's calendar: for each kind, the periods looked at, held or not.</summary>
    public async Task<BranchCalendar?> CalendarAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    )
    {
        var a = await MeetingAccess.ResolveAsync(scopes, user, ct);
        var b = await directory.Branches().FirstOrDefaultAsync(x => x.Id == organizationId, ct);
        if (b is null || !a.MayWrite(b.Id, b.BuildingId))
            return null;
        var c = await db
            .MeetingCompliance.AsNoTracking()
            .FirstOrDefaultAsync(x => x.OrganizationId == organizationId, ct);
        var result = ComplianceRules.Evaluate(
            Frequencies,
            b.FoundedOn,
            Today,
            c?.AnchorMonth ?? 0,
            c?.Masks() ?? []
        );
        return new BranchCalendar(
            b.Id,
            b.Name,
            Today,
            result.State.ToString(),
            [
                .. result
                    .Kinds.Where(k => k.Frequency != MeetingFrequency.None)
                    .Select(k => new CalendarKind(
                        k.Kind.ToString(),
                        KindName(k.Kind),
                        k.Frequency.ToString(),
                        [
                            .. k.Periods.Select(p => new CalendarPeriod(
                                ComplianceRules.Label(k.Frequency, p.StartMonth, Chinese),
                                p.Current,
                                p.Held
                            )),
                        ]
                    )),
            ]
        );
    }
}
