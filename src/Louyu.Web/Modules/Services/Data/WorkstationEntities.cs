using Louyu.Web.Modules.Services.Domain;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Data;

/// <summary>
/// A government department with a desk at the building's workstation (税务, 市场监管 …). Officers are users with the
/// DepartmentOfficer role granted on the department's <see cref="Code"/> (RoleGrant ScopeKind.Department).
/// </summary>
public sealed class Department : ICodedRecord
{
    public Guid Id { get; set; }

    /// <summary>Short stable code, the scope id of officers' grants ("tax", "market", …).</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The name in English for the en-US interface.</summary>
    public string? NameEn { get; set; }
    public string? Description { get; set; }

    /// <summary>Desk location (e.g. 一层服务大厅 3号窗口).</summary>
    public string? Desk { get; set; }

    /// <summary>Opening hours as shown to the public (e.g. 周一至周五 9:00–12:00, 13:30–17:00).</summary>
    public string? OpeningHours { get; set; }
    public string? Phone { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A service a department offers: one of consult / accept / complain, with its Open311 service code.</summary>
public sealed class WorkstationService : ICodedRecord
{
    public Guid Id { get; set; }
    public Guid DepartmentId { get; set; }

    /// <summary>Open311 service_code: unique, stable, URL-safe.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Description { get; set; }
    public ServiceType Type { get; set; }

    /// <summary>Open311 keywords, comma separated.</summary>
    public string? Keywords { get; set; }

    /// <summary>The time limit in working days; null takes the department × type setting or the type's default.</summary>
    public int? SlaWorkingDays { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>An extra question of a service (Open311 service attribute); the service has metadata when it has any.</summary>
public sealed class ServiceAttribute
{
    public Guid Id { get; set; }
    public Guid ServiceId { get; set; }

    /// <summary>Open311 attribute code: unique within the service.</summary>
    public required string Code { get; set; }

    /// <summary>Open311 datatype: string, number, datetime, text, singlevaluelist, multivaluelist.</summary>
    public required string DataType { get; set; }
    public bool Required { get; set; }

    /// <summary>The question as asked (Open311 description).</summary>
    public required string Description { get; set; }
    public string? DataTypeDescription { get; set; }
    public int Order { get; set; }

    /// <summary>For list types: the allowed values as JSON [{"key","name"}].</summary>
    public string? ValuesJson { get; set; }
}

/// <summary>
/// A ticket (工单): a consultation, application or complaint filed with a department. Never deleted; every step is a
/// <see cref="TicketEvent"/>. Times in UTC; the deadline is a working day by the holiday calendar.
/// </summary>
public sealed class Ticket
{
    public Guid Id { get; set; }

    /// <summary>The number people quote (e.g. GZ20261127-0001); Open311 service_request_id.</summary>
    public required string Number { get; set; }
    public Guid ServiceId { get; set; }
    public Guid DepartmentId { get; set; }
    public ServiceType Type { get; set; }
    public TicketStatus Status { get; set; }
    public TicketChannel Channel { get; set; }

    /// <summary>The enterprise the ticket is about (null for a private person or an outside Open311 client).</summary>
    public Guid? EnterpriseId { get; set; }
    public Guid? BuildingId { get; set; }

    /// <summary>The filer's account (null for a walk-in without one or an Open311 client).</summary>
    public string? FiledByUserId { get; set; }

    /// <summary>The officer who filed it at the desk on someone's behalf.</summary>
    public string? FiledForByUserId { get; set; }
    public required string FilerName { get; set; }
    public string? FilerPhone { get; set; }
    public string? FilerEmail { get; set; }

    /// <summary>What the filer wrote (≤ 4,000 characters, Open311's limit).</summary>
    public required string Description { get; set; }

    /// <summary>Building and room (Open311 address_string).</summary>
    public string? Address { get; set; }

    /// <summary>The officer who signed for it.</summary>
    public string? OfficerUserId { get; set; }
    public string? OfficerName { get; set; }
    public DateTime FiledAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? SignedAtUtc { get; set; }
    public DateTime? RepliedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>The time limit in working days when filed (the setting of the day).</summary>
    public int SlaWorkingDays { get; set; }

    /// <summary>Working days added by approved extensions.</summary>
    public int ExtensionWorkingDays { get; set; }

    /// <summary>The deadline (Asia/Shanghai date), moved by pauses and extensions.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>Since when the clock is paused (waiting for documents); null when running.</summary>
    public DateOnly? PausedSince { get; set; }

    /// <summary>The reply given to the filer.</summary>
    public string? Reply { get; set; }

    /// <summary>1 for the first handling; 2 after a dissatisfied rating reopened it.</summary>
    public int Round { get; set; } = 1;
    public SatisfactionGrade? Rating { get; set; }
    public string? RatingComment { get; set; }

    /// <summary>The client's idempotency key: the same key never files a second ticket.</summary>
    public string? IdempotencyKey { get; set; }
    public int Version { get; set; }

    /// <summary>Working days the clock stood still waiting for documents (SlaClock.PausedWorkingDays), all pauses.</summary>
    public int PausedWorkingDays { get; set; }

    /// <summary>An extension asked for and not yet decided: its working days (null when none is pending).</summary>
    public int? ExtensionRequestedDays { get; set; }
    public string? ExtensionRequestedReason { get; set; }

    /// <summary>The deadline the officer was reminded of (reminded once per deadline; a moved deadline reminds again).</summary>
    public DateOnly? DueSoonNotifiedFor { get; set; }

    /// <summary>The deadline that was escalated to the workstation managers when passed (once per deadline).</summary>
    public DateOnly? EscalatedFor { get; set; }

    /// <summary>A follow-up (回访) is due: set when a dissatisfied rating reopened the ticket, cleared by the reply.</summary>
    public bool FollowUpRequired { get; set; }

    /// <summary>The round the filer's rating belongs to (0 when not rated): one rating a round.</summary>
    public int RatedRound { get; set; }
}

/// <summary>One step of a ticket's history (filed, signed, sent back, note, documents asked/received, reply …).</summary>
public sealed class TicketEvent
{
    public Guid Id { get; set; }
    public Guid TicketId { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>What happened (Filed, Signed, SentBack, Rerouted, Note, DocumentsRequested, DocumentsReceived,
    /// ExtensionRequested, ExtensionApproved, ExtensionRefused, Replied, Closed, Rated, Reopened, Escalated).</summary>
    public required string Kind { get; set; }
    public TicketStatus? StatusAfter { get; set; }
    public string? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public string? Note { get; set; }

    /// <summary>Whether the filer sees this step (internal notes are officers-only).</summary>
    public bool Public { get; set; } = true;
}

/// <summary>The filer's answer to one extra question of the service.</summary>
public sealed class TicketAttributeValue
{
    public Guid TicketId { get; set; }
    public required string Code { get; set; }
    public required string Value { get; set; }
}

public static class WorkstationModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Department>(e =>
        {
            e.ToTable("Departments");
            e.Property(x => x.Code).HasMaxLength(40);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.NameEn).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Desk).HasMaxLength(100);
            e.Property(x => x.OpeningHours).HasMaxLength(200);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<WorkstationService>(e =>
        {
            e.ToTable("WorkstationServices");
            e.Property(x => x.Code).HasMaxLength(60);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.NameEn).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(2000);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Keywords).HasMaxLength(300);
            e.HasOne<Department>()
                .WithMany()
                .HasForeignKey(x => x.DepartmentId)
                .OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<ServiceAttribute>(e =>
        {
            e.ToTable("WorkstationServiceAttributes");
            e.Property(x => x.Code).HasMaxLength(60);
            e.Property(x => x.DataType).HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(500);
            e.Property(x => x.DataTypeDescription).HasMaxLength(500);
            e.Property(x => x.ValuesJson).HasMaxLength(4000);
            e.HasIndex(x => new { x.ServiceId, x.Code }).IsUnique();
            e.HasOne<WorkstationService>()
                .WithMany()
                .HasForeignKey(x => x.ServiceId)
                .OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Ticket>(e =>
        {
            e.ToTable("Tickets");
            e.Property(x => x.Number).HasMaxLength(30);
            e.HasIndex(x => x.Number).IsUnique();
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Rating).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.FiledByUserId).HasMaxLength(450);
            e.Property(x => x.FiledForByUserId).HasMaxLength(450);
            e.Property(x => x.OfficerUserId).HasMaxLength(450);
            e.Property(x => x.OfficerName).HasMaxLength(100);
            e.Property(x => x.FilerName).HasMaxLength(100);
            e.Property(x => x.FilerPhone).HasMaxLength(40);
            e.Property(x => x.FilerEmail).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.Reply).HasMaxLength(4000);
            e.Property(x => x.RatingComment).HasMaxLength(1000);
            e.Property(x => x.IdempotencyKey).HasMaxLength(100);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasOne<WorkstationService>()
                .WithMany()
                .HasForeignKey(x => x.ServiceId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Department>()
                .WithMany()
                .HasForeignKey(x => x.DepartmentId)
                .OnDelete(DeleteBehavior.Restrict);
            // An officer's queue and a department's board: open tickets of a department by deadline.
            e.HasIndex(x => new
            {
                x.DepartmentId,
                x.Status,
                x.DueOn,
            });
            e.HasIndex(x => new
            {
                x.OfficerUserId,
                x.Status,
                x.DueOn,
            });
            e.HasIndex(x => new { x.EnterpriseId, x.FiledAtUtc });
            e.HasIndex(x => new { x.FiledByUserId, x.FiledAtUtc });
            // Open311 lists filter by service and by the time filed.
            e.HasIndex(x => x.FiledAtUtc);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<TicketEvent>(e =>
        {
            e.ToTable("TicketEvents");
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.StatusAfter).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ActorUserId).HasMaxLength(450);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.HasIndex(x => new { x.TicketId, x.AtUtc });
            e.HasOne<Ticket>()
                .WithMany()
                .HasForeignKey(x => x.TicketId)
                .OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TicketAttributeValue>(e =>
        {
            e.ToTable("TicketAttributeValues");
            e.HasKey(x => new { x.TicketId, x.Code });
            e.Property(x => x.Code).HasMaxLength(60);
            e.Property(x => x.Value).HasMaxLength(4000);
            e.HasOne<Ticket>()
                .WithMany()
                .HasForeignKey(x => x.TicketId)
                .OnDelete(DeleteBehavior.Cascade);
        });
    }
}
