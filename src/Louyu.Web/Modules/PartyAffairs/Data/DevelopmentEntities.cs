using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Data;

/// <summary>One person's path to membership (发展党员), from the application on; one case per person.</summary>
public sealed class DevelopmentCase
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Resident ID encrypted at rest (AES-GCM); the hash is the natural key, the masked form for lists.</summary>
    public required string ResidentIdCipher { get; set; }
    public required string ResidentIdHash { get; set; }
    public required string ResidentIdMasked { get; set; }

    /// <summary>"Male" or "Female", agreeing with the resident ID.</summary>
    public required string Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public Guid OrganizationId { get; set; }
    public DateOnly AppliedOn { get; set; }

    /// <summary>Months probation was extended by (once, 6–12), or null.</summary>
    public int? ProbationExtensionMonths { get; set; }
    public DateOnly? ProbationExtendedOn { get; set; }
    public string? ProbationExtensionReason { get; set; }

    /// <summary>The day probation was cancelled (取消预备党员资格); the case is closed.</summary>
    public DateOnly? CancelledOn { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>The day the approval period (3 months after the branch meeting) was extended to 6 months.</summary>
    public DateOnly? ApprovalExtendedOn { get; set; }
    public string? ApprovalExtensionReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>A step of a case done on a day, with who was responsible, notes, step facts and any flags raised.</summary>
public sealed class DevelopmentStepRecord
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int StepNo { get; set; }
    public DateOnly CompletedOn { get; set; }
    public string? Responsible { get; set; }
    public string? Notes { get; set; }

    /// <summary>The step's facts as JSON (training length, introducers, the vote tally, publicity start).</summary>
    public string? DetailsJson { get; set; }

    /// <summary>Ids of the rules that flagged this step (e.g. a late talk), comma-separated.</summary>
    public string? Flags { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// A document of a case (e.g. an activist's half-yearly assessment), attached to a step. The file is kept under the
/// data directory, named by the document's id; the table holds its description.
/// </summary>
public sealed class DevelopmentDocument
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public int StepNo { get; set; }

    /// <summary>One of <c>DevelopmentDocuments.Kinds</c> (Application, HalfYearAssessment, …).</summary>
    public required string Kind { get; set; }

    /// <summary>The date the document bears (an assessment's date counts for the half-yearly rule).</summary>
    public DateOnly DatedOn { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
    public string? UploadedByUserId { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>The rule book's edition (one row): the regulation it follows.</summary>
public sealed class DevelopmentRuleEdition
{
    public int Id { get; set; }
    public required string Edition { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A stage of the rule book table.</summary>
public sealed class DevelopmentStageRow
{
    public int No { get; set; }
    public required string Zh { get; set; }
    public required string En { get; set; }
}

/// <summary>A step of the rule book table.</summary>
public sealed class DevelopmentStepRow
{
    public int No { get; set; }
    public int Stage { get; set; }
    public required string Zh { get; set; }
    public required string En { get; set; }
}

/// <summary>A rule of the rule book table: kind, severity, source, message and its limits (null where unused).</summary>
public sealed class DevelopmentRuleRow
{
    public required string Id { get; set; }
    public int SortOrder { get; set; }
    public required string Kind { get; set; }
    public required string Severity { get; set; }
    public required string Source { get; set; }
    public required string Zh { get; set; }
    public required string En { get; set; }
    public int? Step { get; set; }
    public int? After { get; set; }
    public int? Months { get; set; }
    public int? Years { get; set; }
    public int? Count { get; set; }
    public int? Days { get; set; }
    public int? Hours { get; set; }
    public int? WorkingDays { get; set; }
    public int? MinMonths { get; set; }
    public int? MaxMonths { get; set; }
    public int Version { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One change of a rule: who, when, why, and the rule before and after (JSON).</summary>
public sealed class DevelopmentRuleChange
{
    public Guid Id { get; set; }
    public required string RuleId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Reason { get; set; }
    public required string Before { get; set; }
    public required string After { get; set; }
}

/// <summary>Tables of member development.</summary>
public static class DevelopmentModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<DevelopmentCase>(e =>
        {
            e.ToTable("DevelopmentCases");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ResidentIdCipher).HasMaxLength(200);
            e.Property(x => x.ResidentIdHash).HasMaxLength(64);
            e.HasIndex(x => x.ResidentIdHash).IsUnique();
            e.Property(x => x.ResidentIdMasked).HasMaxLength(18);
            e.Property(x => x.Gender).HasMaxLength(10);
            e.HasIndex(x => x.OrganizationId);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<DevelopmentStepRecord>(e =>
        {
            e.ToTable("DevelopmentSteps");
            e.Property(x => x.Responsible).HasMaxLength(100);
            e.Property(x => x.Notes).HasMaxLength(2000);
            e.Property(x => x.DetailsJson).HasMaxLength(4000);
            e.Property(x => x.Flags).HasMaxLength(200);
            e.Property(x => x.RecordedByUserId).HasMaxLength(450);
            e.HasOne<DevelopmentCase>().WithMany().HasForeignKey(x => x.CaseId);
            e.HasIndex(x => new { x.CaseId, x.StepNo }).IsUnique();
        });
        b.Entity<DevelopmentCase>(e =>
        {
            e.Property(x => x.ProbationExtensionReason).HasMaxLength(500);
            e.Property(x => x.CancellationReason).HasMaxLength(500);
            e.Property(x => x.ApprovalExtensionReason).HasMaxLength(500);
        });
        b.Entity<DevelopmentDocument>(e =>
        {
            e.ToTable("DevelopmentDocuments");
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.UploadedByUserId).HasMaxLength(450);
            e.HasOne<DevelopmentCase>().WithMany().HasForeignKey(x => x.CaseId);
            e.HasIndex(x => new { x.CaseId, x.StepNo });
        });
        b.Entity<DevelopmentRuleEdition>(e =>
        {
            e.ToTable("DevelopmentRuleEditions");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Edition).HasMaxLength(200);
        });
        b.Entity<DevelopmentStageRow>(e =>
        {
            e.ToTable("DevelopmentRuleStages");
            e.HasKey(x => x.No);
            e.Property(x => x.No).ValueGeneratedNever();
            e.Property(x => x.Zh).HasMaxLength(100);
            e.Property(x => x.En).HasMaxLength(100);
        });
        b.Entity<DevelopmentStepRow>(e =>
        {
            e.ToTable("DevelopmentRuleSteps");
            e.HasKey(x => x.No);
            e.Property(x => x.No).ValueGeneratedNever();
            e.Property(x => x.Zh).HasMaxLength(100);
            e.Property(x => x.En).HasMaxLength(100);
        });
        b.Entity<DevelopmentRuleRow>(e =>
        {
            e.ToTable("DevelopmentRules");
            e.Property(x => x.Id).HasMaxLength(60);
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Severity).HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(300);
            e.Property(x => x.Zh).HasMaxLength(500);
            e.Property(x => x.En).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<DevelopmentRuleChange>(e =>
        {
            e.ToTable("DevelopmentRuleChanges");
            e.Property(x => x.RuleId).HasMaxLength(60);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Before).HasMaxLength(4000);
            e.Property(x => x.After).HasMaxLength(4000);
            e.HasIndex(x => new { x.RuleId, x.AtUtc });
        });
    }
}
