using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Data;

/// <summary>
/// A transfer of a member's organisational relationship (组织关系转接) and its letter. The member's particulars
/// are copied onto the letter when it is issued (the letter says what was true that day).
/// </summary>
public sealed class Transfer
{
    public Guid Id { get; set; }
    public TransferKind Kind { get; set; }
    public TransferStatus Status { get; set; }
    public Guid? MemberId { get; set; }
    public required string MemberName { get; set; }

    /// <summary>"Male" or "Female".</summary>
    public required string Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? Ethnicity { get; set; }
    public bool IsProbationary { get; set; }

    /// <summary>Resident ID encrypted at rest; the masked form for lists.</summary>
    public required string ResidentIdCipher { get; set; }
    public required string ResidentIdMasked { get; set; }

    public Guid? FromOrganizationId { get; set; }
    public Guid? FromBuildingId { get; set; }
    public required string FromName { get; set; }
    public Guid? ToOrganizationId { get; set; }
    public Guid? ToBuildingId { get; set; }
    public required string ToName { get; set; }

    /// <summary>党费已交到 year and month (input for now: no dues ledger yet).</summary>
    public int? DuesPaidYear { get; set; }
    public int? DuesPaidMonth { get; set; }
    public int ValidityDays { get; set; }
    public DateOnly IssuedOn { get; set; }

    /// <summary>Year and sequence of a letter Louyu issued (unique together); null for an inbound transfer.</summary>
    public int? LetterYear { get; set; }
    public int? LetterSequence { get; set; }

    /// <summary>The letter's number as printed: 〔2026〕第0001号, or the number on an inbound letter.</summary>
    public required string LetterNumber { get; set; }
    public string? MemberContact { get; set; }
    public string? SenderAddress { get; set; }
    public string? SenderPhone { get; set; }
    public string? SenderFax { get; set; }
    public string? SenderPostcode { get; set; }

    /// <summary>The day the member was received (回执 recorded, or accepted in Louyu, or arrived).</summary>
    public DateOnly? ReceivedOn { get; set; }
    public string? ReceiptHandler { get; set; }
    public string? ReceiptPhone { get; set; }
    public string? Notes { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>A mobile member's registration (流动党员登记) and activity certificate (流动党员活动证).</summary>
public sealed class MobileRegistration
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public required string MemberName { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid BuildingId { get; set; }

    /// <summary>流动党员活动证 number (unique).</summary>
    public required string CertificateNumber { get; set; }
    public required string Destination { get; set; }
    public required string Reason { get; set; }
    public DateOnly LeftOn { get; set; }
    public DateOnly? PlannedUntil { get; set; }

    /// <summary>Whether the member stays at one fixed place (then six months away calls for a transfer).</summary>
    public bool FixedPlace { get; set; }

    /// <summary>The organisation where the member attends organisational life while away.</summary>
    public string? AttendsAt { get; set; }

    /// <summary>Where the member pays dues while away (中组发〔2008〕3号 第九条).</summary>
    public string? PaysDuesAt { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>A member out of contact (失联党员) since a day, with the organisation's decisions.</summary>
public sealed class LostContactCase
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public required string MemberName { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid BuildingId { get; set; }
    public DateOnly LostSince { get; set; }
    public DateOnly? StandingStoppedOn { get; set; }
    public DateOnly? FoundOn { get; set; }
    public string? Notes { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>One search for a lost-contact member: when, how, what came of it.</summary>
public sealed class LostContactSearch
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public DateOnly SearchedOn { get; set; }
    public required string Method { get; set; }
    public required string Result { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>Tables of transfers, mobile members and lost-contact members.</summary>
public static class TransferModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Transfer>(e =>
        {
            e.ToTable("Transfers");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.MemberName).HasMaxLength(100);
            e.Property(x => x.Gender).HasMaxLength(10);
            e.Property(x => x.Ethnicity).HasMaxLength(20);
            e.Property(x => x.ResidentIdCipher).HasMaxLength(200);
            e.Property(x => x.ResidentIdMasked).HasMaxLength(18);
            e.Property(x => x.FromName).HasMaxLength(200);
            e.Property(x => x.ToName).HasMaxLength(200);
            e.Property(x => x.LetterNumber).HasMaxLength(50);
            e.Property(x => x.MemberContact).HasMaxLength(100);
            e.Property(x => x.SenderAddress).HasMaxLength(200);
            e.Property(x => x.SenderPhone).HasMaxLength(30);
            e.Property(x => x.SenderFax).HasMaxLength(30);
            e.Property(x => x.SenderPostcode).HasMaxLength(10);
            e.Property(x => x.ReceiptHandler).HasMaxLength(100);
            e.Property(x => x.ReceiptPhone).HasMaxLength(30);
            e.Property(x => x.Notes).HasMaxLength(1000);
            e.Property(x => x.CreatedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.LetterYear, x.LetterSequence }).IsUnique();
            e.HasIndex(x => new { x.Status, x.IssuedOn });
            e.HasIndex(x => x.FromBuildingId);
            e.HasIndex(x => x.ToBuildingId);
            e.HasIndex(x => x.FromOrganizationId);
            e.HasIndex(x => x.ToOrganizationId);
            e.HasIndex(x => x.MemberId);
        });
        b.Entity<MobileRegistration>(e =>
        {
            e.ToTable("MobileRegistrations");
            e.Property(x => x.MemberName).HasMaxLength(100);
            e.Property(x => x.CertificateNumber).HasMaxLength(50);
            e.HasIndex(x => x.CertificateNumber).IsUnique();
            e.Property(x => x.Destination).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.AttendsAt).HasMaxLength(200);
            e.Property(x => x.PaysDuesAt).HasMaxLength(200);
            e.Property(x => x.CreatedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.BuildingId);
            e.HasIndex(x => x.OrganizationId);
        });
        b.Entity<LostContactCase>(e =>
        {
            e.ToTable("LostContactCases");
            e.Property(x => x.MemberName).HasMaxLength(100);
            e.Property(x => x.Notes).HasMaxLength(1000);
            e.Property(x => x.CreatedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.BuildingId);
            e.HasIndex(x => x.OrganizationId);
        });
        b.Entity<LostContactSearch>(e =>
        {
            e.ToTable("LostContactSearches");
            e.Property(x => x.Method).HasMaxLength(100);
            e.Property(x => x.Result).HasMaxLength(500);
            e.Property(x => x.RecordedByUserId).HasMaxLength(450);
            e.HasOne<LostContactCase>().WithMany().HasForeignKey(x => x.CaseId);
            e.HasIndex(x => new { x.CaseId, x.SearchedOn });
        });
    }
}
