using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Data;

/// <summary>
/// A key an outside client sends as Open311 <c>api_key</c> to file service requests. Only the SHA-256 hash of the key
/// is stored; the key itself is shown once, when an administrator issues it. Revoked keys stay for the record.
/// </summary>
public sealed class Open311ApiKey
{
    public Guid Id { get; set; }

    /// <summary>Who uses the key (e.g. 区政务服务 App); the filer name of a request without first/last name.</summary>
    public required string ClientName { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public required string KeyHash { get; set; }

    /// <summary>The first characters of the key, so an administrator can tell keys apart.</summary>
    public required string KeyPrefix { get; set; }
    public string? IssuedByUserId { get; set; }
    public string? IssuedByName { get; set; }
    public DateTime IssuedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedByName { get; set; }

    /// <summary>When the key last filed a request (every use is also in the audit log through this change).</summary>
    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>How many requests the key has filed.</summary>
    public int UseCount { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// What an Open311 client sent with a request beyond the ticket's own fields (location, media, device, account) and
/// the key it came with; one row per ticket filed through Open311.
/// </summary>
public sealed class Open311RequestInfo
{
    public Guid TicketId { get; set; }
    public Guid ApiKeyId { get; set; }
    public double? Lat { get; set; }
    public double? Lng { get; set; }
    public string? AddressId { get; set; }
    public string? MediaUrl { get; set; }
    public string? DeviceId { get; set; }
    public string? AccountId { get; set; }
}

public static class Open311ModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Open311ApiKey>(e =>
        {
            e.ToTable("Open311ApiKeys");
            e.Property(x => x.ClientName).HasMaxLength(100);
            e.Property(x => x.KeyHash).HasMaxLength(64);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.Property(x => x.KeyPrefix).HasMaxLength(12);
            e.Property(x => x.IssuedByUserId).HasMaxLength(450);
            e.Property(x => x.IssuedByName).HasMaxLength(100);
            e.Property(x => x.RevokedByName).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Open311RequestInfo>(e =>
        {
            e.ToTable("Open311Requests");
            e.HasKey(x => x.TicketId);
            e.Property(x => x.AddressId).HasMaxLength(100);
            e.Property(x => x.MediaUrl).HasMaxLength(1000);
            e.Property(x => x.DeviceId).HasMaxLength(100);
            e.Property(x => x.AccountId).HasMaxLength(100);
            e.HasIndex(x => x.ApiKeyId);
            e.HasOne<Ticket>()
                .WithOne()
                .HasForeignKey<Open311RequestInfo>(x => x.TicketId)
                .OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Open311ApiKey>()
                .WithMany()
                .HasForeignKey(x => x.ApiKeyId)
                .OnDelete(DeleteBehavior.Restrict);
        });
    }
}
