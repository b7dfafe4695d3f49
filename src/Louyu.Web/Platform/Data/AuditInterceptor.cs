using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted row in the same SaveChanges
/// (so in the same transaction). Secrets (password hashes, cipher text) are never copied into the log.
/// </summary>
public sealed class AuditInterceptor(
    IHttpContextAccessor http,
    TimeProvider clock,
    DataChangeSignal changes
) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Hidden =
    [
        "PasswordHash",
        "SecurityStamp",
        "ConcurrencyStamp",
        "ResidentIdCipher",
        "ResidentIdHash",
        "Xml",
    ];

    public override InterceptionResult<int> SavingChanges(
        DbContextEventData eventData,
        InterceptionResult<int> result
    )
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (result > 0)
            changes.Raise();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        if (result > 0)
            changes.Raise();
        return ValueTask.FromResult(result);
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
