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
    DataChangeSignal changes
) : SaveChangesInterceptor, IDbTransactionInterceptor
{
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
        NoteRows(eventData.Context);
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        NoteRows(eventData.Context);
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnnounceUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        AnnounceUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
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
    private static void NoteRows(DbContext? context)
    {
        if (context is not LouyuDbContext db)
            return;
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
            db.PendingChanges.Add(new ChangedRow(e.Metadata.ClrType, e.State, e.Entity, original));
        }
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
