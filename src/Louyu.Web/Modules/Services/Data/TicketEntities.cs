using Louyu.Web.Modules.Services.Domain;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Data;

/// <summary>
/// The time limit of one type of business at one department (the SLA table an administrator edits); overrides the
/// default of <see cref="SlaOptions"/>; a service's own <see cref="WorkstationService.SlaWorkingDays"/> wins.
/// </summary>
public sealed class DepartmentSla
{
    public Guid DepartmentId { get; set; }
    public ServiceType Type { get; set; }
    public int WorkingDays { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>A file attached to a ticket (by the filer or an officer), stored under the data directory.</summary>
public sealed class TicketAttachment
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>Relative to the data directory (tickets/&lt;ticket&gt;/&lt;id&gt;).</summary>
    public required string StoredPath { get; set; }
    public string? UploadedByUserId { get; set; }
    public string? UploadedByName { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

public static class TicketModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Ticket>(e =>
        {
            e.Property(x => x.ExtensionRequestedReason).HasMaxLength(1000);
        });
        b.Entity<DepartmentSla>(e =>
        {
            e.ToTable("DepartmentSlas");
            e.HasKey(x => new { x.DepartmentId, x.Type });
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<Department>()
                .WithMany()
                .HasForeignKey(x => x.DepartmentId)
                .OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TicketAttachment>(e =>
        {
            e.ToTable("TicketAttachments");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.StoredPath).HasMaxLength(300);
            e.Property(x => x.UploadedByUserId).HasMaxLength(450);
            e.Property(x => x.UploadedByName).HasMaxLength(100);
            e.HasIndex(x => new { x.TicketId, x.UploadedAtUtc });
            e.HasOne<Ticket>()
                .WithMany()
                .HasForeignKey(x => x.TicketId)
                .OnDelete(DeleteBehavior.Cascade);
        });
    }
}
