using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted row in the same SaveChanges
/// (so in the same transaction). Secrets (password hashes, cipher text) are never copied into the log.
/// It also announces the written rows on <see cref="DataChangeSignal"/> once they are committed: at the end of the
/// SaveChanges when it ran in its own transaction, else when the caller's transaction commits (never on rollback).
/// </summary>
public sealed class AuditInterceptor(
    IHttpContextAccessor http,
    TimeProvider clock,
    DataChangeSignal changes,
    IEnumerable<ISaveWatch> watches
) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ISaveWatch[] _watches = [.. watches];

    private static readonly HashSet<string> Hidden =
    [
        "PasswordHash",
        "SecurityStamp",
        "ConcurrencyStamp",
        "ResidentIdCipher",
        "ResidentIdHash",
        "Xml",
        "KeyHash",
    ];

    public override InterceptionResult<int> SavingChanges(
        DbContextEventData eventData,
        InterceptionResult<int> result
    )
    {
        // Louyu saves asynchronously; a synchronous save runs the same steps, blocking.
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        var rows = NoteRows(eventData.Context);
        if (eventData.Context is LouyuDbContext db)
            foreach (var watch in _watches)
                await watch.BeforeAsync(db, rows, cancellationToken);
        AddEntries(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        await AfterStatementsAsync(eventData.Context, cancellationToken);
        AnnounceUnlessInTransaction(eventData.Context);
        return result;
    }

    /// <summary>
    /// The watches read what the statements did: before the commit of SaveChanges' own transaction (which announces
    /// the rows), else when SaveChanges returns (one statement, no transaction; or inside the caller's transaction).
    /// A watch does nothing when it has already read this save.
    /// </summary>
    private async Task AfterStatementsAsync(DbContext? context, CancellationToken ct)
    {
        if (context is LouyuDbContext db)
            foreach (var watch in _watches)
                await watch.AfterAsync(db, ct);
    }

    public InterceptionResult TransactionCommitting(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result
    )
    {
        AfterStatementsAsync(eventData.Context, default).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction,
        TransactionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default
    )
    {
        await AfterStatementsAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        ForgetUnlessInTransaction(eventData.Context);

    public override Task SaveChangesFailedAsync(
        DbContextErrorEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        ForgetUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(
        DbTransaction transaction,
        TransactionEndEventData eventData
    ) => Announce(eventData.Context);

    public Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Announce(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is LouyuDbContext db)
            Forget(db);
    }

    public Task TransactionRolledBackAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>The rows this SaveChanges writes, kept until the commit (audit entries are not data).</summary>
    private static List<ChangedRow> NoteRows(DbContext? context)
    {
        var rows = new List<ChangedRow>();
        if (context is not LouyuDbContext db)
            return rows;
        db.BeginWrites();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (
                e.Entity is AuditEntry
                || e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
            )
                continue;
            var original = new Dictionary<string, object?>();
            if (e.State != EntityState.Added)
                foreach (var p in e.Properties)
                    if (p.IsModified || e.State == EntityState.Deleted)
                        original[p.Metadata.Name] = p.OriginalValue;
            rows.Add(new ChangedRow(e.Metadata.ClrType, e.State, e.Entity, original));
        }
        db.PendingChanges.AddRange(rows);
        return rows;
    }

    private void AnnounceUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
            Announce(context);
    }

    private static void ForgetUnlessInTransaction(DbContext? context)
    {
        if (context is LouyuDbContext db && context.Database.CurrentTransaction is null)
            Forget(db);
    }

    private static void Forget(LouyuDbContext db)
    {
        db.PendingChanges.Clear();
        db.WritesBegan = null;
    }

    private void Announce(DbContext? context)
    {
        if (context is not LouyuDbContext db)
            return;
        if (db.PendingChanges.Count == 0)
        {
            db.WritesBegan = null;
            return;
        }
        var rows = db.PendingChanges.ToArray();
        var began = db.WritesBegan ?? long.MinValue;
        Forget(db);
        changes.Raise(rows, began);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is not LouyuDbContext db || db.SuppressAudit)
            return;
        var user = http.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user?.Identity?.Name;
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = db
            .ChangeTracker.Entries()
            .Where(e =>
                e.Entity is not AuditEntry
                && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            )
            .ToList();
        foreach (var e in entries)
        {
            db.AuditEntries.Add(
                new AuditEntry
                {
                    AtUtc = now,
                    UserId = userId,
                    UserName = userName,
                    Action = e.State.ToString(),
                    Entity = e.Metadata.ClrType.Name,
                    EntityId = KeyOf(e),
                    Before = e.State == EntityState.Added ? null : Snapshot(e, original: true),
                    After = e.State == EntityState.Deleted ? null : Snapshot(e, original: false),
                    RemoteIp = ip,
                }
            );
        }
    }

    private static string? KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        return key is null
            ? null
            : string.Join(
                ",",
                key.Properties.Select(p => e.Property(p.Name).CurrentValue?.ToString())
            );
    }

    private static string Snapshot(EntityEntry e, bool original)
    {
        var values = new Dictionary<string, object?>();
        foreach (var p in e.Properties)
        {
            if (
                original
                && e.State == EntityState.Modified
                && !p.IsModified
                && !p.Metadata.IsPrimaryKey()
            )
                continue;
            if (
                !original
                && e.State == EntityState.Modified
                && !p.IsModified
                && !p.Metadata.IsPrimaryKey()
            )
                continue;
            values[p.Metadata.Name] = Hidden.Contains(p.Metadata.Name)
                ? "***"
                : (original ? p.OriginalValue : p.CurrentValue);
        }
        return JsonSerializer.Serialize(values);
    }
}
