using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Notifications;

/// <summary>An in-app notification for one user (the bell, /m/notifications).</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
}

public static class NotificationModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Notification>(e =>
        {
            e.ToTable("Notifications");
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Body).HasMaxLength(1000);
            e.Property(x => x.Link).HasMaxLength(300);
            e.HasIndex(x => new { x.UserId, x.CreatedAtUtc });
        });
    }
}
