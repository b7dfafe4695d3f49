using Louyu.Web.Modules.Services.Domain;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Data;

/// <summary>
/// A pro-enterprise policy (惠企政策) in the catalogue, with the structured conditions enterprises are matched on
/// (<see cref="CriteriaJson"/>: a <see cref="PolicyCriteria"/>). Only published policies in force are matched.
/// </summary>
public sealed class Policy
{
    public Guid Id { get; set; }
    public required string Title { get; set; }

    /// <summary>发文单位.</summary>
    public required string Issuer { get; set; }

    /// <summary>文号 (e.g. 朝政办发〔2026〕12号).</summary>
    public string? DocumentNumber { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public required string Summary { get; set; }
    public string? FullText { get; set; }
    public string? HowToApply { get; set; }
    public string? Contact { get; set; }
    public string? Benefit { get; set; }

    /// <summary>Estimated benefit per enterprise in fen, when the policy names one.</summary>
    public long? EstimatedAmountFen { get; set; }

    /// <summary>免申即享: granted to every proven-eligible enterprise without an application.</summary>
    public bool GrantedWithoutApplication { get; set; }
    public PolicyStatus Status { get; set; }

    /// <summary>The conditions as JSON (<see cref="PolicyCriteria"/>), validated on save.</summary>
    public required string CriteriaJson { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>When its matches were last counted.</summary>
    public DateTime? MatchedAtUtc { get; set; }

    /// <summary>Resident enterprises that meet every condition, as of <see cref="MatchedAtUtc"/> (kept by the matcher).</summary>
    public int MatchedEligible { get; set; }

    /// <summary>Resident enterprises that fail none but lack a fact, as of <see cref="MatchedAtUtc"/>.</summary>
    public int MatchedPossible { get; set; }
    public int Version { get; set; }
}

/// <summary>A policy service package (政策服务包) pushed to an enterprise's contacts: what, when, by whom, to whom.</summary>
public sealed class PolicyPush
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public DateTime PushedAtUtc { get; set; }
    public string? PushedByUserId { get; set; }
    public required string PushedByName { get; set; }

    /// <summary>The policies in the package (ids and titles) as JSON.</summary>
    public required string PoliciesJson { get; set; }

    /// <summary>The contacts: notified in the app (with an account) or to call (without), as JSON.</summary>
    public required string RecipientsJson { get; set; }
    public int PolicyCount { get; set; }
}

/// <summary>
/// An enterprise's application for a policy: applied → accepted → granted/rejected, with the amount granted in fen.
/// One per policy and enterprise (a unique index) — so 免申即享 grants never twice.
/// </summary>
public sealed class PolicyApplication
{
    public Guid Id { get; set; }
    public Guid PolicyId { get; set; }
    public Guid EnterpriseId { get; set; }
    public ApplicationStatus Status { get; set; }
    public DateTime AppliedAtUtc { get; set; }
    public string? AppliedByUserId { get; set; }
    public required string AppliedByName { get; set; }

    /// <summary>Recorded by staff on the enterprise's behalf (at the desk, on the phone).</summary>
    public bool RecordedByStaff { get; set; }
    public string? Note { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
    public string? DecidedByName { get; set; }
    public string? DecisionNote { get; set; }
    public long? GrantedAmountFen { get; set; }

    /// <summary>Granted without application (免申即享) by the matcher; <see cref="DecisionNote"/> says why.</summary>
    public bool Automatic { get; set; }
    public int Version { get; set; }
}

/// <summary>现场办公日 / 政策上门: a department comes to a building on a date, with a place and a capacity.</summary>
public sealed class OfficeDay
{
    public Guid Id { get; set; }
    public Guid? DepartmentId { get; set; }
    public required string DepartmentName { get; set; }
    public Guid BuildingId { get; set; }
    public required string BuildingName { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly? StartsAt { get; set; }
    public TimeOnly? EndsAt { get; set; }
    public required string Place { get; set; }
    public string? Topic { get; set; }
    public int Capacity { get; set; }

    /// <summary>Places taken: raised only by a conditional update (<c>SignedUp &lt; Capacity</c>), never overbooked.</summary>
    public int SignedUp { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>An enterprise's sign-up for an office day, with its question.</summary>
public sealed class OfficeDaySignUp
{
    public Guid Id { get; set; }
    public Guid OfficeDayId { get; set; }
    public Guid EnterpriseId { get; set; }
    public required string EnterpriseName { get; set; }
    public string? UserId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Question { get; set; }
    public DateTime SignedUpAtUtc { get; set; }
}

public static class PolicyModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Policy>(e =>
        {
            e.ToTable("Policies");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Issuer).HasMaxLength(200);
            e.Property(x => x.DocumentNumber).HasMaxLength(100);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.FullText).HasMaxLength(50000);
            e.Property(x => x.HowToApply).HasMaxLength(4000);
            e.Property(x => x.Contact).HasMaxLength(200);
            e.Property(x => x.Benefit).HasMaxLength(1000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.CriteriaJson).HasMaxLength(20000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Status, x.ValidFrom });
        });
        b.Entity<PolicyPush>(e =>
        {
            e.ToTable("PolicyPushes");
            e.Property(x => x.PushedByUserId).HasMaxLength(450);
            e.Property(x => x.PushedByName).HasMaxLength(100);
            e.Property(x => x.PoliciesJson).HasMaxLength(20000);
            e.Property(x => x.RecipientsJson).HasMaxLength(8000);
            e.HasIndex(x => new { x.EnterpriseId, x.PushedAtUtc });
        });
        b.Entity<PolicyApplication>(e =>
        {
            e.ToTable("PolicyApplications");
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AppliedByUserId).HasMaxLength(450);
            e.Property(x => x.AppliedByName).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.DecidedByName).HasMaxLength(100);
            e.Property(x => x.DecisionNote).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.PolicyId, x.EnterpriseId }).IsUnique();
            e.HasIndex(x => x.EnterpriseId);
            e.HasOne<Policy>()
                .WithMany()
                .HasForeignKey(x => x.PolicyId)
                .OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<OfficeDay>(e =>
        {
            e.ToTable("OfficeDays");
            e.Property(x => x.DepartmentName).HasMaxLength(100);
            e.Property(x => x.BuildingName).HasMaxLength(200);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.Topic).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Date, x.BuildingId });
            e.HasOne<Department>()
                .WithMany()
                .HasForeignKey(x => x.DepartmentId)
                .OnDelete(DeleteBehavior.Restrict);
            e.ToTable(t =>
                t.HasCheckConstraint(
                    "CK_OfficeDays_Capacity",
                    "\"SignedUp\" >= 0 AND \"SignedUp\" <= \"Capacity\""
                )
            );
        });
        b.Entity<OfficeDaySignUp>(e =>
        {
            e.ToTable("OfficeDaySignUps");
            e.Property(x => x.EnterpriseName).HasMaxLength(200);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Phone).HasMaxLength(40);
            e.Property(x => x.Question).HasMaxLength(2000);
            e.HasIndex(x => new { x.OfficeDayId, x.EnterpriseId }).IsUnique();
            e.HasOne<OfficeDay>()
                .WithMany()
                .HasForeignKey(x => x.OfficeDayId)
                .OnDelete(DeleteBehavior.Cascade);
        });
    }
}
