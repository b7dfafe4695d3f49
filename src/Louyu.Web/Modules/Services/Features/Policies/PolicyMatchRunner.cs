using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>A criterion reason as stored in <see cref="PolicyMatch.ReasonsJson"/>: kind, outcome, arguments.</summary>
public sealed record StoredReason(
    [property: JsonPropertyName("k")] CriterionKind Kind,
    [property: JsonPropertyName("o")] CriterionOutcome Outcome,
    [property: JsonPropertyName("a")] string[] Args
)
{
    public string Code => $"Policy.Reason.{Kind}.{Outcome}";
}

/// <summary>What a run did: policies and enterprises matched, rows inserted/updated/deleted, automatic grants.</summary>
public sealed record MatchRunSummary(
    int Policies,
    int Enterprises,
    int Inserted,
    int Updated,
    int Deleted,
    int Granted,
    long Milliseconds
);

/// <summary>
/// Matches published policies in force against resident enterprises and stores only Eligible and Possible results,
/// writing the difference with what is stored (new rows inserted, changed ones updated, vanished ones deleted) in one
/// transaction. After each run, every 免申即享 policy's proven-eligible enterprises without an application get a granted
/// one (the unique policy × enterprise index makes that once only).
/// </summary>
public sealed class PolicyMatchRunner(
    LouyuDbContext db,
    IEnterpriseDirectory directory,
    PolicySnapshot snapshot,
    TimeProvider clock
)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Loaded(Policy Policy, PolicyCriteria Criteria);

    private readonly record struct Row(
        Guid PolicyId,
        Guid EnterpriseId,
        MatchResult Result,
        string Reasons
    );

    public static PolicyCriteria ParseCriteria(string json) =>
        JsonSerializer.Deserialize<PolicyCriteria>(json, Json) ?? PolicyCriteria.Everyone;

    public static string ReasonsJson(IReadOnlyList<CriterionReason> reasons) =>
        JsonSerializer.Serialize(
            reasons.Select(r => new StoredReason(r.Kind, r.Outcome, r.Args)),
            Json
        );

    public static IReadOnlyList<StoredReason> ParseReasons(string json) =>
        JsonSerializer.Deserialize<List<StoredReason>>(json, Json) ?? [];

    private async Task<List<Loaded>> InForceAsync(Guid? only, DateOnly day, CancellationToken ct)
    {
        var q = db.Set<Policy>()
            .AsNoTracking()
            .Where(p => p.Status == PolicyStatus.Published && p.ValidFrom <= day)
            .Where(p => p.ValidUntil == null || p.ValidUntil >= day);
        if (only is { } id)
            q = q.Where(p => p.Id == id);
        var list = await q.ToListAsync(ct);
        return list.Select(p => new Loaded(p, ParseCriteria(p.CriteriaJson))).ToList();
    }

    /// <summary>Every published policy in force against every resident enterprise.</summary>
    public async Task<MatchRunSummary> RunAllAsync(CancellationToken ct)
    {
        await snapshot.Gate.WaitAsync(ct);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var day = ShanghaiTime.Today(clock);
            var subjects = await snapshot.AllAsync(directory, day, ct);
            var policies = await InForceAsync(null, day, ct);
            var rows = Compute(policies, subjects, day);
            var existing = await ExistingAsync(db.Set<PolicyMatch>(), ct);
            var (ins, upd, del) = await WriteAsync(rows, existing, ct);
            var granted = await GrantAutomaticAsync(policies, null, ct);
            return new(
                policies.Count,
                subjects.Count,
                ins,
                upd,
                del,
                granted,
                watch.ElapsedMilliseconds
            );
        }
        finally
        {
            snapshot.Gate.Release();
        }
    }

    /// <summary>One policy against every resident enterprise (after a save, publish or withdraw).</summary>
    public async Task<MatchRunSummary> RematchPolicyAsync(Guid policyId, CancellationToken ct)
    {
        await snapshot.Gate.WaitAsync(ct);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var day = ShanghaiTime.Today(clock);
            var policies = await InForceAsync(policyId, day, ct);
            var subjects = policies.Count == 0 ? [] : await snapshot.AllAsync(directory, day, ct);
            var rows = Compute(policies, subjects, day);
            var existing = await ExistingAsync(
                db.Set<PolicyMatch>().Where(m => m.PolicyId == policyId),
                ct
            );
            var (ins, upd, del) = await WriteAsync(rows, existing, ct);
            var granted = await GrantAutomaticAsync(policies, null, ct);
            return new(
                policies.Count,
                subjects.Count,
                ins,
                upd,
                del,
                granted,
                watch.ElapsedMilliseconds
            );
        }
        finally
        {
            snapshot.Gate.Release();
        }
    }

    /// <summary>Every published policy in force against the named enterprises (after they changed).</summary>
    public async Task<MatchRunSummary> RematchEnterprisesAsync(
        IReadOnlyCollection<Guid> enterpriseIds,
        CancellationToken ct
    )
    {
        await snapshot.Gate.WaitAsync(ct);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var day = ShanghaiTime.Today(clock);
            var subjects = await snapshot.FreshAsync(directory, enterpriseIds, day, ct);
            var policies = await InForceAsync(null, day, ct);
            var rows = Compute(policies, subjects, day);
            var ids = enterpriseIds.ToList();
            var existing = await ExistingAsync(
                db.Set<PolicyMatch>().Where(m => ids.Contains(m.EnterpriseId)),
                ct
            );
            var (ins, upd, del) = await WriteAsync(rows, existing, ct);
            var granted = await GrantAutomaticAsync(policies, ids, ct);
            return new(
                policies.Count,
                subjects.Count,
                ins,
                upd,
                del,
                granted,
                watch.ElapsedMilliseconds
            );
        }
        finally
        {
            snapshot.Gate.Release();
        }
    }

    private static List<Row> Compute(
        List<Loaded> policies,
        IReadOnlyCollection<PolicySubject> subjects,
        DateOnly day
    )
    {
        var array = subjects as PolicySubject[] ?? [.. subjects];
        var perPolicy = new List<Row>[policies.Count];
        Parallel.For(
            0,
            policies.Count,
            i =>
            {
                var (p, criteria) = policies[i];
                var compiled = new PolicyMatching.Compiled(criteria);
                var list = new List<Row>();
                foreach (var s in array)
                {
                    if (PolicyMatching.Evaluate(compiled, s, day) == MatchResult.NotEligible)
                        continue;
                    var (result, reasons) = PolicyMatching.Explain(criteria, s, day);
                    list.Add(new Row(p.Id, s.Id, result, ReasonsJson(reasons)));
                }
                perPolicy[i] = list;
            }
        );
        return perPolicy.SelectMany(l => l).ToList();
    }

    private static async Task<Dictionary<(Guid, Guid), Row>> ExistingAsync(
        IQueryable<PolicyMatch> q,
        CancellationToken ct
    )
    {
        var result = new Dictionary<(Guid, Guid), Row>();
        await foreach (
            var m in q.AsNoTracking()
                .Select(m => new
                {
                    m.PolicyId,
                    m.EnterpriseId,
                    m.Result,
                    m.ReasonsJson,
                })
                .AsAsyncEnumerable()
                .WithCancellation(ct)
        )
            result[(m.PolicyId, m.EnterpriseId)] = new Row(
                m.PolicyId,
                m.EnterpriseId,
                m.Result,
                m.ReasonsJson
            );
        return result;
    }

    private async Task<(int Inserted, int Updated, int Deleted)> WriteAsync(
        List<Row> rows,
        Dictionary<(Guid, Guid), Row> existing,
        CancellationToken ct
    )
    {
        var upserts = new List<Row>();
        var inserted = 0;
        foreach (var r in rows)
        {
            if (existing.Remove((r.PolicyId, r.EnterpriseId), out var old))
            {
                if (old.Result != r.Result || old.Reasons != r.Reasons)
                    upserts.Add(r);
            }
            else
            {
                upserts.Add(r);
                inserted++;
            }
        }
        var deletes = existing.Values.ToList();
        if (upserts.Count == 0 && deletes.Count == 0)
            return (0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        var entity = db.Model.FindEntityType(typeof(PolicyMatch))!;
        RelationalTypeMapping Map(string p) =>
            (RelationalTypeMapping)entity.FindProperty(p)!.GetRelationalTypeMapping();
        var guid = Map(nameof(PolicyMatch.PolicyId));
        var text = Map(nameof(PolicyMatch.ReasonsJson));
        var time = Map(nameof(PolicyMatch.MatchedAtUtc));
        var sqlite = db.Database.IsSqlite();
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (deletes.Count > 0)
        {
            await using var del = connection.CreateCommand();
            del.Transaction = transaction;
            del.CommandText =
                "DELETE FROM \"PolicyMatches\" WHERE \"PolicyId\" = @p AND \"EnterpriseId\" = @e";
            foreach (var d in deletes)
            {
                del.Parameters.Clear();
                del.Parameters.Add(guid.CreateParameter(del, "@p", d.PolicyId));
                del.Parameters.Add(guid.CreateParameter(del, "@e", d.EnterpriseId));
                await del.ExecuteNonQueryAsync(ct);
            }
        }
        const string head =
            "INSERT INTO \"PolicyMatches\" (\"PolicyId\", \"EnterpriseId\", \"Result\", \"ReasonsJson\", \"MatchedAtUtc\") VALUES ";
        const string tail =
            " ON CONFLICT (\"PolicyId\", \"EnterpriseId\") DO UPDATE SET \"Result\" = excluded.\"Result\", \"ReasonsJson\" = excluded.\"ReasonsJson\", \"MatchedAtUtc\" = excluded.\"MatchedAtUtc\"";
        // SQLite: one prepared single-row statement per row is its fastest path; PostgreSQL: 500 rows a statement.
        var per = sqlite ? 1 : 500;
        await using var single = connection.CreateCommand();
        single.Transaction = transaction;
        for (var start = 0; start < upserts.Count; start += per)
        {
            var count = Math.Min(per, upserts.Count - start);
            await using var multi = per == 1 ? null : connection.CreateCommand();
            var cmd = multi ?? single;
            cmd.Transaction = transaction;
            cmd.Parameters.Clear();
            var sb = new System.Text.StringBuilder(head);
            for (var i = 0; i < count; i++)
            {
                var r = upserts[start + i];
                sb.Append(i == 0 ? "" : ", ").Append($"(@p{i}, @e{i}, @r{i}, @j{i}, @t{i})");
                cmd.Parameters.Add(guid.CreateParameter(cmd, $"@p{i}", r.PolicyId));
                cmd.Parameters.Add(guid.CreateParameter(cmd, $"@e{i}", r.EnterpriseId));
                cmd.Parameters.Add(text.CreateParameter(cmd, $"@r{i}", r.Result.ToString()));
                cmd.Parameters.Add(text.CreateParameter(cmd, $"@j{i}", r.Reasons));
                cmd.Parameters.Add(time.CreateParameter(cmd, $"@t{i}", now));
            }
            var statement = sb.Append(tail).ToString();
            if (cmd.CommandText != statement)
                cmd.CommandText = statement;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (tx is not null)
            await tx.CommitAsync(ct);
        return (inserted, upserts.Count - inserted, deletes.Count);
    }

    /// <summary>
    /// 免申即享: every enterprise proven Eligible (no Unknown) for a flagged policy and without an application gets a
    /// granted one — who (the system), when, why (the policy's rule) — once only (unique policy × enterprise).
    /// </summary>
    private async Task<int> GrantAutomaticAsync(
        List<Loaded> policies,
        IReadOnlyCollection<Guid>? enterprises,
        CancellationToken ct
    )
    {
        var flagged = policies
            .Where(p => p.Policy.GrantedWithoutApplication)
            .Select(p => p.Policy)
            .ToDictionary(p => p.Id);
        if (flagged.Count == 0)
            return 0;
        var ids = flagged.Keys.ToList();
        var q = db.Set<PolicyMatch>()
            .AsNoTracking()
            .Where(m => ids.Contains(m.PolicyId) && m.Result == MatchResult.Eligible)
            .Where(m =>
                !db.Set<PolicyApplication>()
                    .Any(a => a.PolicyId == m.PolicyId && a.EnterpriseId == m.EnterpriseId)
            );
        if (enterprises is not null)
        {
            var e = enterprises.ToList();
            q = q.Where(m => e.Contains(m.EnterpriseId));
        }
        var due = await q.Select(m => new { m.PolicyId, m.EnterpriseId }).ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in due)
        {
            var p = flagged[d.PolicyId];
            db.Add(
                new PolicyApplication
                {
                    Id = Guid.NewGuid(),
                    PolicyId = d.PolicyId,
                    EnterpriseId = d.EnterpriseId,
                    Status = ApplicationStatus.Granted,
                    AppliedAtUtc = now,
                    AppliedByName = "免申即享",
                    DecidedAtUtc = now,
                    DecidedByName = "免申即享",
                    DecisionNote = $"免申即享：经比对符合《{p.Title}》全部条件，自动兑现",
                    GrantedAmountFen = p.EstimatedAmountFen,
                    Automatic = true,
                }
            );
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return due.Count;
        }
        catch (DbUpdateException)
        {
            // Another instance granted some of them first: the unique index kept them single.
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}
