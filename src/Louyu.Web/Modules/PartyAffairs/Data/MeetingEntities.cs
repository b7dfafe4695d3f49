using Louyu.Web.Modules.PartyAffairs.Domain;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Data;

/// <summary>A meeting of a branch (三会一课, 主题党日, 组织生活会, 民主评议党员): scheduled, then held or cancelled.</summary>
public sealed class Meeting
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>
    /// For a 党小组会 held for one of the branch's party groups (党小组): the group. The meeting still belongs to the
    /// branch (<see cref="OrganizationId"/>) and counts on its compliance calendar.
    /// </summary>
    public Guid? GroupId { get; set; }
    public MeetingKind Kind { get; set; }
    public required string Topic { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public string? Place { get; set; }
    public string? OnlineUrl { get; set; }

    /// <summary>Scheduled, Held or Cancelled.</summary>
    public required string Status { get; set; }

    /// <summary>The day it was held (Asia/Shanghai), set when attendance is recorded.</summary>
    public DateOnly? HeldOn { get; set; }
    public string? Minutes { get; set; }
    public string? Resolutions { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

/// <summary>A person invited to a meeting and what became of it: Invited, Present, Leave (with reason) or Absent.</summary>
public sealed class MeetingAttendee
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid MemberId { get; set; }
    public required string Name { get; set; }
    public string? UserId { get; set; }

    /// <summary>Has a vote (a full member) — counts towards the quorum of the 党员大会.</summary>
    public bool IsFullMember { get; set; }
    public required string Status { get; set; }
    public string? LeaveReason { get; set; }
}

/// <summary>A photo of a meeting, stored on disk under the data directory.</summary>
public sealed class MeetingPhoto
{
    public Guid Id { get; set; }
    public Guid MeetingId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>Path relative to the data directory.</summary>
    public required string StoredPath { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>
/// The maintained per-organisation summary behind the compliance board: one 64-bit mask of held months per kind,
/// anchored at <see cref="AnchorMonth"/> (see <see cref="ComplianceRules"/>). Rebuilt from the branch's held
/// meetings whenever one is recorded, so the board reads one row per branch.
/// </summary>
public sealed class MeetingCompliance
{
    public Guid OrganizationId { get; set; }
    public int AnchorMonth { get; set; }
    public long BranchAssembly { get; set; }
    public long BranchCommittee { get; set; }
    public long GroupMeeting { get; set; }
    public long PartyLecture { get; set; }
    public long ThemedPartyDay { get; set; }
    public long OrganizationalLife { get; set; }
    public long DemocraticEvaluation { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public long[] Masks() =>
        [
            BranchAssembly,
            BranchCommittee,
            GroupMeeting,
            PartyLecture,
            ThemedPartyDay,
            OrganizationalLife,
            DemocraticEvaluation,
        ];

    public void SetMasks(int anchor, long[] m)
    {
        AnchorMonth = anchor;
        BranchAssembly = m[0];
        BranchCommittee = m[1];
        GroupMeeting = m[2];
        PartyLecture = m[3];
        ThemedPartyDay = m[4];
        OrganizationalLife = m[5];
        DemocraticEvaluation = m[6];
    }
}

/// <summary>The yearly democratic evaluation of members (民主评议党员) of one branch.</summary>
public sealed class MemberEvaluation
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public int Year { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One voter's ballot in an evaluation (one per voter).</summary>
public sealed class EvaluationBallot
{
    public Guid Id { get; set; }
    public Guid EvaluationId { get; set; }
    public Guid VoterMemberId { get; set; }
    public DateTime CastAtUtc { get; set; }
}

/// <summary>The grade a ballot gives one member.</summary>
public sealed class EvaluationBallotGrade
{
    public Guid Id { get; set; }
    public Guid BallotId { get; set; }
    public Guid EvaluationId { get; set; }
    public Guid SubjectMemberId { get; set; }
    public EvaluationGrade Grade { get; set; }
}

/// <summary>Tables of meetings, compliance and evaluations.</summary>
public static class MeetingsModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Meeting>(e =>
        {
            e.ToTable("Meetings");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Topic).HasMaxLength(200);
            e.Property(x => x.Place).HasMaxLength(200);
            e.Property(x => x.OnlineUrl).HasMaxLength(500);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Minutes).HasMaxLength(8000);
            e.Property(x => x.Resolutions).HasMaxLength(4000);
            e.Property(x => x.CreatedByUserId).HasMaxLength(450);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.OrganizationId, x.StartsAtUtc });
            e.HasIndex(x => x.StartsAtUtc);
            e.HasIndex(x => x.GroupId);
        });
        b.Entity<MeetingAttendee>(e =>
        {
            e.ToTable("MeetingAttendees");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.LeaveReason).HasMaxLength(200);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
            e.HasIndex(x => new { x.MeetingId, x.MemberId }).IsUnique();
            e.HasIndex(x => x.MemberId);
            e.HasIndex(x => x.UserId);
        });
        b.Entity<MeetingPhoto>(e =>
        {
            e.ToTable("MeetingPhotos");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(50);
            e.Property(x => x.StoredPath).HasMaxLength(300);
            e.HasOne<Meeting>().WithMany().HasForeignKey(x => x.MeetingId);
            e.HasIndex(x => x.MeetingId);
        });
        b.Entity<MeetingCompliance>(e =>
        {
            e.ToTable("MeetingCompliance");
            e.HasKey(x => x.OrganizationId);
        });
        b.Entity<MemberEvaluation>(e =>
        {
            e.ToTable("MemberEvaluations");
            e.HasIndex(x => new { x.OrganizationId, x.Year }).IsUnique();
        });
        b.Entity<EvaluationBallot>(e =>
        {
            e.ToTable("EvaluationBallots");
            e.HasOne<MemberEvaluation>().WithMany().HasForeignKey(x => x.EvaluationId);
            e.HasIndex(x => new { x.EvaluationId, x.VoterMemberId }).IsUnique();
        });
        b.Entity<EvaluationBallotGrade>(e =>
        {
            e.ToTable("EvaluationBallotGrades");
            e.Property(x => x.Grade).HasConversion<string>().HasMaxLength(30);
            e.HasOne<EvaluationBallot>().WithMany().HasForeignKey(x => x.BallotId);
            e.HasIndex(x => new { x.BallotId, x.SubjectMemberId }).IsUnique();
            e.HasIndex(x => x.EvaluationId);
        });
    }
}
