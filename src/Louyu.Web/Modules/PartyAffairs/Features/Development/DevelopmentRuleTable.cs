using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Features.Development;

/// <summary>
/// The development rule book as the database holds it (tables DevelopmentRuleStages/Steps/Rules), read once and kept;
/// dropped on every change made through this instance, re-read by other instances after <see cref="Lifetime"/>.
/// Falls back to the shipped book (development-rules.json) only while the tables are empty.
/// </summary>
public sealed class DevelopmentRuleBookStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Entry(DevelopmentRuleBook Book, DateTimeOffset At);

    private volatile Entry? _cached;
    private int _generation;

    public async Task<DevelopmentRuleBook> GetAsync(CancellationToken ct)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.At < Lifetime)
            return hit.Book;
        var generation = Volatile.Read(ref _generation);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var rules = await db
            .DevelopmentRuleRows.AsNoTracking()
            .OrderBy(r => r.SortOrder)
            .ToListAsync(ct);
        var book = DevelopmentRuleBook.Default;
        if (rules.Count > 0)
        {
            var edition = await db.DevelopmentRuleEditions.AsNoTracking().FirstOrDefaultAsync(ct);
            var stages = await db
                .DevelopmentStageRows.AsNoTracking()
                .OrderBy(s => s.No)
                .ToListAsync(ct);
            var steps = await db
                .DevelopmentStepRows.AsNoTracking()
                .OrderBy(s => s.No)
                .ToListAsync(ct);
            book = new DevelopmentRuleBook(
                edition?.Edition ?? book.Edition,
                stages.Count > 0
                    ? [.. stages.Select(s => new DevelopmentStage(s.No, s.Zh, s.En))]
                    : book.Stages,
                steps.Count > 0
                    ? [.. steps.Select(s => new DevelopmentStep(s.No, s.Stage, s.Zh, s.En))]
                    : book.Steps,
                [.. rules.Select(ToRule)]
            );
        }
        // A change made while reading drops what was read: keep it only if no change happened meanwhile.
        if (Volatile.Read(ref _generation) == generation)
            _cached = new Entry(book, clock.GetUtcNow());
        return book;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cached = null;
    }

    public static DevelopmentRule ToRule(DevelopmentRuleRow r) =>
        new(
            r.Id,
            Enum.Parse<RuleKind>(r.Kind),
            Enum.Parse<RuleSeverity>(r.Severity),
            r.Source,
            r.Zh,
            r.En,
            r.Step,
            r.After,
            r.Months,
            r.Years,
            r.Count,
            r.Days,
            r.Hours,
            r.WorkingDays,
            r.MinMonths,
            r.MaxMonths
        );

    public static DevelopmentRuleRow ToRow(DevelopmentRule r, int order, DateTime now) =>
        new()
        {
            Id = r.Id,
            SortOrder = order,
            Kind = r.Kind.ToString(),
            Severity = r.Severity.ToString(),
            Source = r.Source,
            Zh = r.Zh,
            En = r.En,
            Step = r.Step,
            After = r.After,
            Months = r.Months,
            Years = r.Years,
            Count = r.Count,
            Days = r.Days,
            Hours = r.Hours,
            WorkingDays = r.WorkingDays,
            MinMonths = r.MinMonths,
            MaxMonths = r.MaxMonths,
            Version = 1,
            UpdatedAtUtc = now,
        };
}

/// <summary>
/// Writes the shipped rule book (development-rules.json) into the tables on first start; later, only rules the
/// tables lack (by id) are added — what an administrator changed is never overwritten.
/// </summary>
public sealed class DevelopmentRuleSeed(TimeProvider clock) : IReferenceDataSeed
{
    public async Task SeedAsync(LouyuDbContext db, CancellationToken ct)
    {
        var book = DevelopmentRuleBook.Default;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.DevelopmentRuleEditions.AnyAsync(ct))
            db.DevelopmentRuleEditions.Add(
                new DevelopmentRuleEdition
                {
                    Id = 1,
                    Edition = book.Edition,
                    UpdatedAtUtc = now,
                }
            );
        if (!await db.DevelopmentStageRows.AnyAsync(ct))
            db.DevelopmentStageRows.AddRange(
                book.Stages.Select(s => new DevelopmentStageRow
                {
                    No = s.No,
                    Zh = s.Zh,
                    En = s.En,
                })
            );
        if (!await db.DevelopmentStepRows.AnyAsync(ct))
            db.DevelopmentStepRows.AddRange(
                book.Steps.Select(s => new DevelopmentStepRow
                {
                    No = s.No,
                    Stage = s.Stage,
                    Zh = s.Zh,
                    En = s.En,
                })
            );
        var have = (await db.DevelopmentRuleRows.Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        for (var i = 0; i < book.Rules.Count; i++)
            if (!have.Contains(book.Rules[i].Id))
                db.DevelopmentRuleRows.Add(
                    DevelopmentRuleBookStore.ToRow(book.Rules[i], (i + 1) * 10, now)
                );
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A rule as the rules table page and API show it.</summary>
public sealed record RuleRowResponse(
    string Id,
    string Kind,
    string Severity,
    string Source,
    string Message,
    int? Step,
    int? After,
    IReadOnlyDictionary<string, int> Limits,
    int Version,
    DateTime UpdatedAtUtc
);

public sealed record RuleBookResponse(
    string Edition,
    IReadOnlyList<DevelopmentStage> Stages,
    IReadOnlyList<DevelopmentStep> Steps,
    IReadOnlyList<RuleRowResponse> Rules
);

/// <summary>
/// PUT /api/v1/development/rules/{id}: new values of the rule's limits (only those the rule has), its source, the
/// reason for the change (required) and the version read (409 when stale).
/// </summary>
public sealed record RuleUpdateRequest(
    int? Version,
    string? Reason,
    string? Source = null,
    IReadOnlyDictionary<string, int>? Limits = null
);

public sealed record RuleChangeResponse(
    Guid Id,
    string RuleId,
    DateTime AtUtc,
    string? UserName,
    string Reason,
    IReadOnlyDictionary<string, int> Before,
    IReadOnlyDictionary<string, int> After,
    string SourceBefore,
    string SourceAfter
);

/// <summary>
/// The rule book table for administrators: list the stages, steps and rules with their limits and sources; change a
/// limit (with a reason, recorded in the history); read the history. Editors: administrator, committee secretary.
/// </summary>
public sealed class DevelopmentRuleAdmin(
    LouyuDbContext db,
    DevelopmentRuleBookStore store,
    TimeProvider clock
)
{
    public static readonly string[] Editors =
    [
        LouyuRoles.Administrator,
        LouyuRoles.CommitteeSecretary,
    ];

    /// <summary>The limits a rule may carry, with the range an edit must respect.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> LimitRanges =
        new Dictionary<string, (int, int)>
        {
            ["months"] = (1, 120),
            ["years"] = (1, 100),
            ["count"] = (1, 10),
            ["days"] = (1, 365),
            ["hours"] = (1, 1000),
            ["workingDays"] = (1, 60),
            ["minMonths"] = (1, 60),
            ["maxMonths"] = (1, 60),
        };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool CanEdit(ClaimsPrincipal user) => Editors.Any(user.IsInRole);

    public async Task<RuleBookResponse> BookAsync(bool chinese, CancellationToken ct)
    {
        var book = await store.GetAsync(ct);
        var rows = await db.DevelopmentRuleRows.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        return new(
            book.Edition,
            book.Stages,
            book.Steps,
            [
                .. book.Rules.Select(r =>
                {
                    var row = rows.GetValueOrDefault(r.Id);
                    return new RuleRowResponse(
                        r.Id,
                        r.Kind.ToString(),
                        r.Severity.ToString(),
                        r.Source,
                        chinese ? r.Zh : r.En,
                        r.Step,
                        r.After,
                        Limits(r),
                        row?.Version ?? 0,
                        row?.UpdatedAtUtc ?? default
                    );
                }),
            ]
        );
    }

    public static IReadOnlyDictionary<string, int> Limits(DevelopmentRule r)
    {
        var d = new Dictionary<string, int>();
        void Add(string k, int? v)
        {
            if (v is { } x)
                d[k] = x;
        }
        Add("months", r.Months);
        Add("years", r.Years);
        Add("count", r.Count);
        Add("days", r.Days);
        Add("hours", r.Hours);
        Add("workingDays", r.WorkingDays);
        Add("minMonths", r.MinMonths);
        Add("maxMonths", r.MaxMonths);
        return d;
    }

    public async Task<(RuleRowResponse? Rule, CaseProblem? Problem)> UpdateAsync(
        ClaimsPrincipal user,
        string id,
        RuleUpdateRequest r,
        bool chinese,
        CancellationToken ct
    )
    {
        if (!CanEdit(user))
            return (null, new CaseProblem(403, "Problem.ReadOnly"));
        var row = await db.DevelopmentRuleRows.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        var before = DevelopmentRuleBookStore.ToRule(row);
        var limits = Limits(before).ToDictionary();
        var errors = new List<(string, string, object[])>();
        if (string.IsNullOrWhiteSpace(r.Reason))
            errors.Add(("reason", "Validation.Required", []));
        else if (r.Reason.Trim().Length > 500)
            errors.Add(("reason", "Validation.TooLong", [500]));
        if (r.Version is null)
            errors.Add(("version", "Validation.Required", []));
        if (r.Source is not null && string.IsNullOrWhiteSpace(r.Source))
            errors.Add(("source", "Validation.Required", []));
        else if (r.Source?.Trim().Length > 300)
            errors.Add(("source", "Validation.TooLong", [300]));
        foreach (var (key, value) in r.Limits ?? new Dictionary<string, int>())
        {
            var field = "limits." + key;
            if (!limits.ContainsKey(key) || !LimitRanges.TryGetValue(key, out var range))
                errors.Add((field, "Development.Rules.NotALimit", []));
            else if (value < range.Min || value > range.Max)
                errors.Add((field, "Development.Rules.LimitRange", [range.Min, range.Max]));
            else
                limits[key] = value;
        }
        if (
            limits.TryGetValue("minMonths", out var min)
            && limits.TryGetValue("maxMonths", out var max)
            && min > max
            && before.Kind == RuleKind.Extension
        )
            errors.Add(("limits.maxMonths", "Development.Rules.MinAboveMax", []));
        if (
            before.Kind == RuleKind.Within
            && limits.TryGetValue("months", out var m)
            && limits.TryGetValue("maxMonths", out var mx)
            && m > mx
        )
            errors.Add(("limits.maxMonths", "Development.Rules.MinAboveMax", []));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (r.Version != row.Version)
            return (null, new CaseProblem(409, "Problem.StaleVersion"));

        row.Months = limits.GetValueOrDefault("months").OrNull(row.Months);
        row.Years = limits.GetValueOrDefault("years").OrNull(row.Years);
        row.Count = limits.GetValueOrDefault("count").OrNull(row.Count);
        row.Days = limits.GetValueOrDefault("days").OrNull(row.Days);
        row.Hours = limits.GetValueOrDefault("hours").OrNull(row.Hours);
        row.WorkingDays = limits.GetValueOrDefault("workingDays").OrNull(row.WorkingDays);
        row.MinMonths = limits.GetValueOrDefault("minMonths").OrNull(row.MinMonths);
        row.MaxMonths = limits.GetValueOrDefault("maxMonths").OrNull(row.MaxMonths);
        if (r.Source is not null)
            row.Source = r.Source.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        row.Version++;
        row.UpdatedAtUtc = now;
        var after = DevelopmentRuleBookStore.ToRule(row);
        db.DevelopmentRuleChanges.Add(
            new DevelopmentRuleChange
            {
                Id = Guid.NewGuid(),
                RuleId = row.Id,
                AtUtc = now,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity?.Name,
                Reason = r.Reason!.Trim(),
                Before = Snapshot(before),
                After = Snapshot(after),
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new CaseProblem(409, "Problem.StaleVersion"));
        }
        store.Invalidate();
        return (
            new RuleRowResponse(
                after.Id,
                after.Kind.ToString(),
                after.Severity.ToString(),
                after.Source,
                chinese ? after.Zh : after.En,
                after.Step,
                after.After,
                Limits(after),
                row.Version,
                row.UpdatedAtUtc
            ),
            null
        );
    }

    public async Task<IReadOnlyList<RuleChangeResponse>> HistoryAsync(
        string? ruleId,
        CancellationToken ct
    )
    {
        var q = db.DevelopmentRuleChanges.AsNoTracking();
        if (!string.IsNullOrEmpty(ruleId))
            q = q.Where(c => c.RuleId == ruleId);
        var rows = await q.OrderByDescending(c => c.AtUtc).Take(200).ToListAsync(ct);
        return
        [
            .. rows.Select(c =>
            {
                var b = Read(c.Before);
                var a = Read(c.After);
                return new RuleChangeResponse(
                    c.Id,
                    c.RuleId,
                    c.AtUtc,
                    c.UserName,
                    c.Reason,
                    b.Limits,
                    a.Limits,
                    b.Source,
                    a.Source
                );
            }),
        ];
    }

    private sealed record Snap(string Source, Dictionary<string, int> Limits);

    private static string Snapshot(DevelopmentRule r) =>
        JsonSerializer.Serialize(new Snap(r.Source, Limits(r).ToDictionary()), Json);

    private static Snap Read(string json) =>
        JsonSerializer.Deserialize<Snap>(json, Json) ?? new Snap("", []);
}

internal static class NullableLimit
{
    /// <summary>The new value where the rule had the limit; null stays null.</summary>
    public static int? OrNull(this int value, int? current) => current is null ? null : value;
}
