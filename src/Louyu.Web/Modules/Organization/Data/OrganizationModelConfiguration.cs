using Louyu.Web.Modules.Organization.Domain;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Data;

/// <summary>Tables of the organisation system (组织体系).</summary>
public static class OrganizationModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Building>(e =>
        {
            e.ToTable("Buildings");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Address).HasMaxLength(400);
            e.Property(x => x.PropertyManager).HasMaxLength(200);
            e.HasIndex(x => x.CoveredFrom);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<Enterprise>(e =>
        {
            e.ToTable("Enterprises");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.UnifiedSocialCreditCode).HasMaxLength(18);
            e.HasIndex(x => x.UnifiedSocialCreditCode).IsUnique();
            e.Property(x => x.Industry).HasMaxLength(1);
            e.Property(x => x.LegalRepresentative).HasMaxLength(100);
            e.Property(x => x.Room).HasMaxLength(20);
            e.Property(x => x.Size).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Tags).HasMaxLength(500);
            e.HasOne<Building>()
                .WithMany()
                .HasForeignKey(x => x.BuildingId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.BuildingId, x.MovedInOn });
            // The list's order (GET /api/v1/enterprises) with the move-out date: a page's ids are read from this
            // index alone, a page of the enterprises present today (the list's usual filter) too, however deep the
            // page — walked in order, never a row of the table. Kept narrow: a deep page reads every entry before it.
            e.HasIndex(x => new
                {
                    x.Name,
                    x.Id,
                    x.MovedOutOn,
                })
                .HasDatabaseName("IX_Enterprises_List");
            // The same order within a building (the building filter, a party worker's scope): a page is read in
            // order, not 12,000 rows sorted for the largest building.
            e.HasIndex(x => new
                {
                    x.BuildingId,
                    x.Name,
                    x.Id,
                    x.MovedOutOn,
                })
                .HasDatabaseName("IX_Enterprises_BuildingList");
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<PartyOrganization>(e =>
        {
            e.ToTable("PartyOrganizations");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Grouping).HasConversion<string>().HasMaxLength(20);
            e.HasOne<PartyOrganization>()
                .WithMany()
                .HasForeignKey(x => x.ParentId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Building>()
                .WithMany()
                .HasForeignKey(x => x.BuildingId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.BuildingId, x.Type });
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<OrganizationEnterprise>(e =>
        {
            e.ToTable("OrganizationEnterprises");
            e.HasKey(x => new { x.OrganizationId, x.EnterpriseId });
            e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.OrganizationId);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
            e.HasIndex(x => x.EnterpriseId);
        });
        b.Entity<Member>(e =>
        {
            e.ToTable("Members");
            e.HasIndex(x => new { x.FullMemberOn, x.JoinedOn });
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.ResidentIdCipher).HasMaxLength(200);
            e.Property(x => x.ResidentIdHash).HasMaxLength(64);
            e.HasIndex(x => x.ResidentIdHash).IsUnique();
            e.Property(x => x.ResidentIdMasked).HasMaxLength(18);
            e.Property(x => x.Gender).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasOne<Enterprise>()
                .WithMany()
                .HasForeignKey(x => x.EnterpriseId)
                .OnDelete(DeleteBehavior.SetNull);
            e.Property(x => x.OrganizationalStatus)
                .HasConversion<string>()
                .HasMaxLength(20)
                .HasDefaultValue(OrganizationalStatus.Normal)
                .HasSentinel((OrganizationalStatus)(-1));
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Ethnicity).HasMaxLength(20);
            e.Property(x => x.Education).HasMaxLength(50);
            e.Property(x => x.Position).HasMaxLength(100);
            e.Property(x => x.RelationshipHeldAt).HasMaxLength(200);
            // The list's order (GET /api/v1/members), alone and within a status: a page's ids come from the index.
            e.HasIndex(x => new { x.Name, x.Id });
            // The same within a building (the building filter, a party worker's scope) …
            e.HasIndex(x => new
            {
                x.PlacedBuildingId,
                x.Name,
                x.Id,
            });
            // … and a building's totals, alone and by status, from a small index (PostgreSQL stores each building's
            // entries once per status: 5 MB for 700,000 members, against 80 MB with the names).
            e.HasIndex(x => new { x.PlacedBuildingId, x.Status });
            e.HasIndex(x => new
            {
                x.Status,
                x.Name,
                x.Id,
            });
            // Coverage counts an enterprise's members and full members on a day from this index alone.
            e.HasIndex(x => new
            {
                x.EnterpriseId,
                x.JoinedOn,
                x.FullMemberOn,
            });
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<MemberStatusChange>(e =>
        {
            e.ToTable("MemberStatusChanges");
            e.Property(x => x.Field).HasMaxLength(30);
            e.Property(x => x.From).HasMaxLength(30);
            e.Property(x => x.To).HasMaxLength(30);
            e.Property(x => x.Reason).HasMaxLength(200);
            e.Property(x => x.ByUserId).HasMaxLength(450);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId);
            e.HasIndex(x => new { x.MemberId, x.At });
        });
        b.Entity<MemberSpell>(e =>
        {
            e.ToTable("MemberSpells");
            e.Property(x => x.Reason).HasMaxLength(30);
            e.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId);
            e.HasOne<PartyOrganization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new
            {
                x.OrganizationId,
                x.FromDate,
                x.ToDate,
            });
            e.HasIndex(x => x.MemberId);
        });
        b.Entity<PartyWorker>(e =>
        {
            e.ToTable("PartyWorkers");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasOne<Building>()
                .WithMany()
                .HasForeignKey(x => x.BuildingId)
                .OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<InstructorAssignment>(e =>
        {
            e.ToTable("InstructorAssignments");
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
            e.HasOne<PartyWorker>()
                .WithMany()
                .HasForeignKey(x => x.PartyWorkerId)
                .OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.EnterpriseId);
        });
        b.Entity<BuildingRoom>(e =>
        {
            e.ToTable("BuildingRooms");
            e.Property(x => x.Number).HasMaxLength(20);
            e.Property(x => x.AreaSquareMeters).HasPrecision(10, 2);
            e.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId);
            e.HasIndex(x => new { x.BuildingId, x.Number }).IsUnique();
            e.HasIndex(x => new { x.BuildingId, x.Floor });
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<EnterpriseContact>(e =>
        {
            e.ToTable("EnterpriseContacts");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(100);
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.Email).HasMaxLength(200);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId);
            e.HasIndex(x => x.EnterpriseId);
            e.HasIndex(x => x.UserId);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CommitteeTerm>(e =>
        {
            e.ToTable("CommitteeTerms");
            e.Property(x => x.Notes).HasMaxLength(500);
            e.HasOne<PartyOrganization>().WithMany().HasForeignKey(x => x.OrganizationId);
            e.HasIndex(x => new { x.OrganizationId, x.ElectedOn });
            e.HasIndex(x => x.DueOn);
            e.Property(x => x.Version).IsConcurrencyToken();
        });
        b.Entity<CommitteePosition>(e =>
        {
            e.ToTable("CommitteePositions");
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.PersonName).HasMaxLength(100);
            e.HasOne<CommitteeTerm>().WithMany().HasForeignKey(x => x.TermId);
            e.HasOne<Member>()
                .WithMany()
                .HasForeignKey(x => x.MemberId)
                .OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => x.TermId);
        });
        b.Entity<BuildingVisit>(e =>
        {
            e.ToTable("BuildingVisits");
            e.Property(x => x.Purpose).HasMaxLength(200);
            e.Property(x => x.Findings).HasMaxLength(2000);
            e.Property(x => x.FollowUp).HasMaxLength(1000);
            e.Property(x => x.RecordedByUserId).HasMaxLength(450);
            e.HasOne<Building>().WithMany().HasForeignKey(x => x.BuildingId);
            e.HasOne<Enterprise>()
                .WithMany()
                .HasForeignKey(x => x.EnterpriseId)
                .OnDelete(DeleteBehavior.SetNull);
            e.HasOne<PartyWorker>()
                .WithMany()
                .HasForeignKey(x => x.PartyWorkerId)
                .OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.BuildingId, x.VisitedOn });
            e.HasIndex(x => x.EnterpriseId);
        });
    }
}
