using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Features.Open311;

/// <summary>An API key as listed (never the key itself).</summary>
public sealed record Open311KeyResponse(
    Guid Id,
    string ClientName,
    string KeyPrefix,
    string? IssuedByName,
    DateTime IssuedAtUtc,
    DateTime? RevokedAtUtc,
    string? RevokedByName,
    DateTime? LastUsedAtUtc,
    int UseCount,
    bool Active
);

/// <summary>A key just issued: the only time the key is shown.</summary>
public sealed record Open311IssuedKey(Open311KeyResponse Key, string ApiKey);

/// <summary>POST /api/v1/open311/keys.</summary>
public sealed class Open311KeyInput
{
    public string? ClientName { get; set; }
}

/// <summary>
/// Open311 API keys: issued and revoked by administrators, looked up by the SHA-256 of what a client sends, every
/// use recorded (last used, count — the change itself lands in the audit log). The demo key is
/// <see cref="DemoKey"/>, seeded in demo mode only.
/// </summary>
public sealed class Open311Keys(LouyuDbContext db, TimeProvider clock)
{
    public const string DemoKey = "demo-open311-key";
    public const string DemoClient = "演示客户端 Demo client";
    public const int MaxClientName = 100;

    public static bool CanManage(ClaimsPrincipal user) => user.IsInRole(LouyuRoles.Administrator);

    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key: "o311_" and 32 random bytes in base64url (43 characters).</summary>
    public static string NewKey() =>
        "o311_"
        + Convert
            .ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

    public static string Prefix(string key) => key.Length <= 8 ? key : key[..8];

    private static Open311KeyResponse Map(Open311ApiKey k) =>
        new(
            k.Id,
            k.ClientName,
            k.KeyPrefix,
            k.IssuedByName,
            k.IssuedAtUtc,
            k.RevokedAtUtc,
            k.RevokedByName,
            k.LastUsedAtUtc,
            k.UseCount,
            k.RevokedAtUtc is null
        );

    /// <summary>The active key a client sent; null when missing, unknown or revoked.</summary>
    public async Task<Open311ApiKey?> FindActiveAsync(string? apiKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 200)
            return null;
        var hash = Hash(apiKey.Trim());
        return await db.Set<Open311ApiKey>()
            .AsNoTracking()
            .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAtUtc == null, ct);
    }

    /// <summary>
    /// Notes a use of the key: last used and the count, in one atomic UPDATE (concurrent requests with one key must
    /// not conflict). Each request filed is audited by its own <see cref="Open311RequestInfo"/> row with the key id.
    /// </summary>
    public Task NoteUseAsync(Guid keyId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Open311ApiKey>()
            .Where(k => k.Id == keyId)
            .ExecuteUpdateAsync(
                u =>
                    u.SetProperty(k => k.LastUsedAtUtc, now)
                        .SetProperty(k => k.UseCount, k => k.UseCount + 1),
                ct
            );
    }

    public async Task<IReadOnlyList<Open311KeyResponse>> ListAsync(CancellationToken ct)
    {
        var keys = await db.Set<Open311ApiKey>()
            .AsNoTracking()
            .OrderBy(k => k.RevokedAtUtc != null)
            .ThenByDescending(k => k.IssuedAtUtc)
            .ToListAsync(ct);
        return [.. keys.Select(Map)];
    }

    /// <summary>Issues a key for a client; the result carries the key, shown once. Null name → field error key.</summary>
    public async Task<(Open311IssuedKey? Issued, string? ErrorKey)> IssueAsync(
        ClaimsPrincipal user,
        string? clientName,
        CancellationToken ct
    )
    {
        var name = clientName?.Trim();
        if (string.IsNullOrEmpty(name))
            return (null, "Validation.Required");
        if (name.Length > MaxClientName)
            return (null, "Open311.Keys.NameTooLong");
        var key = NewKey();
        var row = new Open311ApiKey
        {
            Id = Guid.NewGuid(),
            ClientName = name,
            KeyHash = Hash(key),
            KeyPrefix = Prefix(key),
            IssuedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            IssuedByName = DisplayName(user),
            IssuedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return (new Open311IssuedKey(Map(row), key), null);
    }

    /// <summary>Revokes a key (idempotent); null when there is no such key.</summary>
    public async Task<Open311KeyResponse?> RevokeAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var row = await db.Set<Open311ApiKey>().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (row is null)
            return null;
        if (row.RevokedAtUtc is null)
        {
            row.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            row.RevokedByName = DisplayName(user);
            row.Version++;
            await db.SaveChangesAsync(ct);
        }
        return Map(row);
    }

    /// <summary>The demo key (demo mode only), so the curl examples of docs/open311.md work on a demo install.</summary>
    public async Task EnsureDemoKeyAsync(CancellationToken ct)
    {
        var hash = Hash(DemoKey);
        if (await db.Set<Open311ApiKey>().AnyAsync(k => k.KeyHash == hash, ct))
            return;
        db.Add(
            new Open311ApiKey
            {
                Id = Guid.NewGuid(),
                ClientName = DemoClient,
                KeyHash = hash,
                KeyPrefix = Prefix(DemoKey),
                IssuedByName = "demo",
                IssuedAtUtc = clock.GetUtcNow().UtcDateTime,
                Version = 1,
            }
        );
        await db.SaveChangesAsync(ct);
    }

    private static string? DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue("louyu:display_name") ?? user.Identity?.Name;
}

/// <summary>Seeds <see cref="Open311Keys.DemoKey"/> in demo mode.</summary>
public sealed class Open311DemoKey(Open311Keys keys) : IDemoSeedStep
{
    public Task SeedAsync(CancellationToken ct) => keys.EnsureDemoKeyAsync(ct);
}
