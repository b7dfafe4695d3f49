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
    }
}
