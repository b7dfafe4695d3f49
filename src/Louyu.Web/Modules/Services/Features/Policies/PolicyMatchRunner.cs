using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>What a run did: policies and enterprises matched, policy counts written, automatic grants.</summary>
public sealed record MatchRunSummary(
    int Policies,
    int Enterprises,
    int CountsWritten,
    int Granted,
    long Milliseconds
);

/// <summary>
/// Matches published policies in force against resident enterprises in <see cref="PolicySnapshot"/> and writes what
/// changed: each policy's eligible / possible counts (with when it was matched) and, for every 免申即享 policy, a granted
/// application for each proven-eligible enterprise without one (the unique policy × enterprise index makes that once
/// only). A full run reads the district and counts every policy; re-matching one policy counts that one; re-matching
/// enterprises evaluates them before and after against every policy.
/// </summary>
public sealed class PolicyMatchRunner(
    LouyuDbContext db,
    IEnterpriseDirectory directory,
    PolicySnapshot snapshot,
    TimeProvider clock,
    ILogger<PolicyMatchRunner> log
)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Criteria text → compiled criteria (parsed once per distinct text; bounded).
    private static readonly ConcurrentDictionary<
        string,
        (PolicyCriteria, PolicyMatching.Compiled)
    > Compiled = new();

    public static PolicyCriteria ParseCriteria(string json) =>
        JsonSerializer.Deserialize<PolicyCriteria>(json, Json) ?? PolicyCriteria.Everyone;

    public static (PolicyCriteria Criteria, PolicyMatching.Compiled Compiled) Compile(string json)
    {
        if (Compiled.TryGetValue(json, out var hit))
            return hit;
        if (Compiled.Count > 10_000)
            Compiled.Clear();
        var criteria = ParseCriteria(json);
        return Compiled[json] = (criteria, new PolicyMatching.Compiled(criteria));
    }

    /// <summary>The published policies in force on <paramref name="day"/> (or the one named), compiled.</summary>
    public async Task<List<PolicyDef>> InForceAsync(Guid? only, DateOnly day, CancellationToken ct)
    {
        var q = db.Set<Policy>()
            .AsNoTracking()
            .Where(p => p.Status == PolicyStatus.Published && p.ValidFrom <= day)
            .Where(p => p.ValidUntil == null || p.ValidUntil >= day);
        if (only is { } id)
            q = q.Where(p => p.Id == id);
        var rows = await q.Select(p => new
            {
                p.Id,
                p.Title,
                p.GrantedWithoutApplication,
                p.EstimatedAmountFen,
                p.CriteriaJson,
            })
            .ToListAsync(ct);
        return rows.Select(p =>
            {
                var (criteria, compiled) = Compile(p.CriteriaJson);
                return new PolicyDef(
                    p.Id,
                    p.Title,
                    p.GrantedWithoutApplication,
                    p.EstimatedAmountFen,
                    criteria,
                    compiled
                );
            })
            .ToList();
    }

    /// <summary>The enterprises a published policy in force finds Eligible or Possible, today (empty when not in force).</summary>
    public async Task<IReadOnlyList<PolicyHit>> HitsAsync(Guid policyId, CancellationToken ct)
    {
        var day = ShanghaiTime.Today(clock);
        var def = (await InForceAsync(policyId, day, ct)).SingleOrDefault();
        if (def is null)
            return [];
        if (!snapshot.Ready(day))
        {
            await snapshot.Gate.WaitAsync(ct);
            try
            {
                await snapshot.EnsureAsync(directory, day, ct);
            }
            finally
            {
                snapshot.Gate.Release();
            }
        }
        return snapshot.Hits(def);
    }

    /// <summary>Every published policy in force against every resident enterprise.</summary>
    public Task<MatchRunSummary> RunAllAsync(CancellationToken ct) => GatedAsync(FullAsync, ct);

    /// <summary>One policy against every resident enterprise (after a save, publish or withdraw).</summary>
    public Task<MatchRunSummary> RematchPolicyAsync(Guid policyId, CancellationToken ct) =>
        GatedAsync(
            async (day, ct) =>
            {
                if (!snapshot.Counting(day))
                    return await FullAsync(day, ct);
                var def = (await InForceAsync(policyId, day, ct)).SingleOrDefault();
                await snapshot.EnsureAsync(directory, day, ct); // patches written enterprises
                snapshot.SetPolicy(policyId, def);
                var written = await WriteCountsAsync(ct);
                var granted = def is { GrantedWithoutApplication: true }
                    ? await GrantAsync([(def, snapshot.Hits(def))], ct)
                    : 0;
                return (def is null ? 0 : 1, snapshot.ResidentCount(), written, granted);
            },
            ct
        );

    /// <summary>Every published policy in force against the named enterprises (after they changed).</summary>
    public Task<MatchRunSummary> RematchEnterprisesAsync(
        IReadOnlyCollection<Guid> enterpriseIds,
        CancellationToken ct
    ) =>
        GatedAsync(
            async (day, ct) =>
            {
                if (!snapshot.Counting(day))
                    return await FullAsync(day, ct);
                var fresh = await snapshot.ReplaceAsync(directory, enterpriseIds, day, ct);
                var written = await WriteCountsAsync(ct);
                var automatic = snapshot
                    .Policies()
                    .Where(p => p.GrantedWithoutApplication)
                    .Select(p =>
                        (
                            p,
                            (IReadOnlyList<PolicyHit>)
                                fresh
                                    .Select(s => new PolicyHit(
                                        s,
                                        PolicyMatching.Evaluate(p.Compiled, s, day)
                                    ))
                                    .ToList()
                        )
                    )
                    .ToList();
                var granted = await GrantAsync(automatic, ct);
                return (snapshot.PolicyIds().Count, fresh.Count, written, granted);
            },
            ct
        );

    private async Task<MatchRunSummary> GatedAsync(
        Func<DateOnly, CancellationToken, Task<(int, int, int, int)>> run,
        CancellationToken ct
    )
    {
        await snapshot.Gate.WaitAsync(ct);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (policies, enterprises, written, granted) = await run(
                ShanghaiTime.Today(clock),
                ct
            );
            return new(policies, enterprises, written, granted, watch.ElapsedMilliseconds);
        }
        finally
        {
            snapshot.Gate.Release();
        }
    }

    private async Task<(int, int, int, int)> FullAsync(DateOnly day, CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var policies = await InForceAsync(null, day, ct);
        var read = watch.ElapsedMilliseconds;
        await snapshot.LoadAsync(directory, policies, day, ct);
        var counted = watch.ElapsedMilliseconds;
        var written = await WriteCountsAsync(ct);
        // Policies no longer in force (withdrawn, expired) keep no counts.
        var inForce = policies.Select(p => p.Id).ToList();
        written += await db.Set<Policy>()
            .Where(p =>
                !inForce.Contains(p.Id) && (p.MatchedEligible != 0 || p.MatchedPossible != 0)
            )
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(p => p.MatchedEligible, 0).SetProperty(p => p.MatchedPossible, 0),
                ct
            );
        var wrote = watch.ElapsedMilliseconds;
        var granted = await GrantAsync(
            policies
                .Where(p => p.GrantedWithoutApplication)
                .Select(p => (p, snapshot.Hits(p)))
                .ToList(),
            ct
        );
        var resident = snapshot.ResidentCount();
        log.LogInformation(
            "Policy full run: {Policies} policies × {Enterprises} enterprises; policies read {Read} ms, district read {Load} ms, counted {Counted} ms, {Written} counts written {Wrote} ms, {Granted} granted {Grant} ms",
            policies.Count,
            resident,
            read,
            (long)snapshot.LastLoad.TotalMilliseconds,
            counted - read - (long)snapshot.LastLoad.TotalMilliseconds,
            written,
            wrote - counted,
            granted,
            watch.ElapsedMilliseconds - wrote
        );
        return (policies.Count, resident, written, granted);
    }

    /// <summary>Writes the counts that changed (one prepared statement, one transaction).</summary>
    private async Task<int> WriteCountsAsync(CancellationToken ct)
    {
        var counts = snapshot.TakeUnsaved();
        if (counts.Count == 0)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        // Up to 100 single-row UPDATEs per command: one round trip each on PostgreSQL instead of one per policy.
        // Parameters through EF's own type mappings (a Guid is TEXT on SQLite, uuid on PostgreSQL).
        var entity = db.Model.FindEntityType(typeof(Policy))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        (string Column, RelationalTypeMapping Mapping) Col(string property)
        {
            var p = entity.FindProperty(property)!;
            return (
                sql.DelimitIdentifier(p.GetColumnName(store)!),
                (RelationalTypeMapping)p.GetRelationalTypeMapping()
            );
        }
        var (idCol, idType) = Col(nameof(Policy.Id));
        var (eCol, intType) = Col(nameof(Policy.MatchedEligible));
        var (pCol, _) = Col(nameof(Policy.MatchedPossible));
        var (atCol, atType) = Col(nameof(Policy.MatchedAtUtc));
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in counts.Chunk(100))
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.Parameters.Add(atType.CreateParameter(cmd, "@at", now, nullable: true));
            var text = new System.Text.StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                var (id, eligible, possible) = chunk[i];
                text.Append(
                    $"UPDATE {table} SET {eCol} = @e{i}, {pCol} = @p{i}, {atCol} = @at WHERE {idCol} = @i{i};\n"
                );
                cmd.Parameters.Add(intType.CreateParameter(cmd, $"@e{i}", eligible));
                cmd.Parameters.Add(intType.CreateParameter(cmd, $"@p{i}", possible));
                cmd.Parameters.Add(idType.CreateParameter(cmd, $"@i{i}", id));
            }
            cmd.CommandText = text.ToString();
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (tx is not null)
            await tx.CommitAsync(ct);
        return counts.Count;
    }

    /// <summary>
    /// 免申即享: every enterprise proven Eligible (no Unknown) for a flagged policy and without an application gets a
    /// granted one — who (the system), when, why (the policy's rule) — once only (unique policy × enterprise).
    /// </summary>
    private async Task<int> GrantAsync(
        IReadOnlyList<(PolicyDef Policy, IReadOnlyList<PolicyHit> Hits)> flagged,
        CancellationToken ct
    )
    {
        var candidates = flagged
            .SelectMany(f =>
                f.Hits.Where(h => h.Result == MatchResult.Eligible)
                    .Select(h => (f.Policy, h.Subject.Id))
            )
            .ToList();
        if (candidates.Count == 0)
            return 0;
        var policyIds = flagged.Select(f => f.Policy.Id).Distinct().ToList();
        var existing = db.Set<PolicyApplication>()
            .AsNoTracking()
            .Where(a => policyIds.Contains(a.PolicyId));
        if (candidates.Count <= 500)
        {
            var enterprises = candidates.Select(c => c.Id).Distinct().ToList();
            existing = existing.Where(a => enterprises.Contains(a.EnterpriseId));
        }
        var have = (await existing.Select(a => new { a.PolicyId, a.EnterpriseId }).ToListAsync(ct))
            .Select(a => (a.PolicyId, a.EnterpriseId))
            .ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = candidates.Where(c => !have.Contains((c.Policy.Id, c.Id))).ToList();
        if (due.Count == 0)
            return 0;
        AuditEntry Entry(string action, string? id, object after) =>
            new()
            {
                AtUtc = now,
                UserName = GrantedBy,
                Action = action,
                Entity = nameof(PolicyApplication),
                EntityId = id,
                After = JsonSerializer.Serialize(after),
            };
        var rows = new List<PolicyApplication>(due.Count);
        var audit = new List<AuditEntry>(due.Count + 1);
        foreach (var (p, enterpriseId) in due)
        {
            var application = new PolicyApplication
            {
                Id = Guid.NewGuid(),
                PolicyId = p.Id,
                EnterpriseId = enterpriseId,
                Status = ApplicationStatus.Granted,
                AppliedAtUtc = now,
                AppliedByName = GrantedBy,
                DecidedAtUtc = now,
                DecidedByName = GrantedBy,
                DecisionNote = $"免申即享：经比对符合《{p.Title}》全部条件，自动兑现",
                GrantedAmountFen = p.EstimatedAmountFen,
                Automatic = true,
            };
            rows.Add(application);
            // One compact entry per grant (the audit interceptor would snapshot every tracked entity).
            audit.Add(
                Entry(
                    "Added",
                    application.Id.ToString(),
                    new
                    {
                        application.PolicyId,
                        application.EnterpriseId,
                        Status = application.Status.ToString(),
                        application.GrantedAmountFen,
                        application.Automatic,
                    }
                )
            );
        }
        audit.Add(
            Entry(
                "Granted",
                null,
                new
                {
                    granted = rows.Count,
                    policies = due.Select(d => d.Policy.Id).Distinct().Count(),
                }
            )
        );
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // Multi-row INSERTs, not 8,000 tracked entities: a first district run grants thousands at once.
            await BulkInsert.InsertAsync(db, rows, ct);
            await BulkInsert.InsertAsync(db, audit, ct);
            if (tx is not null)
                await tx.CommitAsync(ct);
            return rows.Count;
        }
        catch (System.Data.Common.DbException) when (tx is not null)
        {
            // Another instance granted some of them first: the unique policy × enterprise index kept them single;
            // nothing of this batch is kept and the next run grants what is still missing.
            await tx.RollbackAsync(ct);
            return 0;
        }
    }

    /// <summary>Who grants 免申即享 applications: the matcher, in the name the applications page shows.</summary>
    public const string GrantedBy = "免申即享";
}
