using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// The one database of Louyu. Each module contributes its tables through its own model configuration.
/// A provider-specific subclass (<see cref="SqliteLouyuDbContext"/>, <see cref="PostgresLouyuDbContext"/>) carries
/// that provider's migrations.
/// </summary>
public abstract class LouyuDbContext(DbContextOptions options)
    : IdentityDbContext<LouyuUser>(options),
        IDataProtectionKeyContext
{
    /// <summary>Set by bulk seeding, which records one summary audit entry instead of one per row.</summary>
    public bool SuppressAudit { get; set; }

    /// <summary>
    /// Rows written but not yet announced on <see cref="DataChangeSignal"/>: announced when the unit of work commits
    /// (by <see cref="AuditInterceptor"/>), dropped when it rolls back. Bulk writers that bypass the change tracker
    /// add their rows here.
    /// </summary>
    public List<ChangedRow> PendingChanges { get; } = [];

    /// <summary>
    /// The <see cref="DataChangeSignal.Stamp"/> taken before this unit of work's first write (null: none pending);
    /// announced with <see cref="PendingChanges"/>.
    /// </summary>
    public long? WritesBegan { get; set; }

    /// <summary>Notes that this unit of work is about to write (once: the first write's stamp is kept).</summary>
    public void BeginWrites() => WritesBegan ??= DataChangeSignal.Begin();

    /// <summary>
    /// What this unit of work (one request) has already read and will ask for again — e.g. the organisations behind
    /// the caller's grants (<c>MemberAccess</c>), which every to-do source resolves. Keyed by what the value depends
    /// on besides the database; emptied whenever the context saves, so a read after a write sees the write.
    /// </summary>
    public Dictionary<string, object> UnitOfWorkMemo { get; } = new(StringComparer.Ordinal);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        UnitOfWorkMemo.Clear();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(
        bool acceptAllChangesOnSuccess,
        CancellationToken cancellationToken = default
    )
    {
        UnitOfWorkMemo.Clear();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<PartyOrganization> PartyOrganizations => Set<PartyOrganization>();
    public DbSet<OrganizationEnterprise> OrganizationEnterprises => Set<OrganizationEnterprise>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberSpell> MemberSpells => Set<MemberSpell>();
    public DbSet<PartyWorker> PartyWorkers => Set<PartyWorker>();
    public DbSet<InstructorAssignment> InstructorAssignments => Set<InstructorAssignment>();
    public DbSet<BuildingRoom> BuildingRooms => Set<BuildingRoom>();
    public DbSet<EnterpriseContact> EnterpriseContacts => Set<EnterpriseContact>();
    public DbSet<CommitteeTerm> CommitteeTerms => Set<CommitteeTerm>();
    public DbSet<CommitteePosition> CommitteePositions => Set<CommitteePosition>();
    public DbSet<BuildingVisit> BuildingVisits => Set<BuildingVisit>();
    public DbSet<DevelopmentCase> DevelopmentCases => Set<DevelopmentCase>();
    public DbSet<DevelopmentStepRecord> DevelopmentSteps => Set<DevelopmentStepRecord>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingAttendee> MeetingAttendees => Set<MeetingAttendee>();
    public DbSet<MeetingPhoto> MeetingPhotos => Set<MeetingPhoto>();
    public DbSet<MeetingCompliance> MeetingCompliance => Set<MeetingCompliance>();
    public DbSet<MemberEvaluation> MemberEvaluations => Set<MemberEvaluation>();
    public DbSet<EvaluationBallot> EvaluationBallots => Set<EvaluationBallot>();
    public DbSet<EvaluationBallotGrade> EvaluationBallotGrades => Set<EvaluationBallotGrade>();
    public DbSet<Outbox.OutboxMessage> OutboxMessages => Set<Outbox.OutboxMessage>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<DuesAssessmentRecord> DuesAssessments => Set<DuesAssessmentRecord>();
    public DbSet<DuesLedgerEntry> DuesLedger => Set<DuesLedgerEntry>();
    public DbSet<DuesPayment> DuesPayments => Set<DuesPayment>();
    public DbSet<DuesPaymentMonth> DuesPaymentMonths => Set<DuesPaymentMonth>();
    public DbSet<DuesVoluntaryPayment> DuesVoluntaryPayments => Set<DuesVoluntaryPayment>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<Modules.Services.Data.Department> Departments =>
        Set<Modules.Services.Data.Department>();
    public DbSet<Modules.Services.Data.WorkstationService> WorkstationServices =>
        Set<Modules.Services.Data.WorkstationService>();
    public DbSet<Modules.Services.Data.ServiceAttribute> ServiceAttributes =>
        Set<Modules.Services.Data.ServiceAttribute>();
    public DbSet<Modules.Services.Data.Ticket> Tickets => Set<Modules.Services.Data.Ticket>();
    public DbSet<Modules.Services.Data.TicketEvent> TicketEvents =>
        Set<Modules.Services.Data.TicketEvent>();
    public DbSet<Modules.Services.Data.TicketAttributeValue> TicketAttributeValues =>
        Set<Modules.Services.Data.TicketAttributeValue>();
    public DbSet<Modules.Services.Data.DepartmentSla> DepartmentSlas =>
        Set<Modules.Services.Data.DepartmentSla>();
    public DbSet<Modules.Services.Data.TicketAttachment> TicketAttachments =>
        Set<Modules.Services.Data.TicketAttachment>();
    public DbSet<MobileRegistration> MobileRegistrations => Set<MobileRegistration>();
    public DbSet<LostContactCase> LostContactCases => Set<LostContactCase>();
    public DbSet<LostContactSearch> LostContactSearches => Set<LostContactSearch>();
    public DbSet<DevelopmentDocument> DevelopmentDocuments => Set<DevelopmentDocument>();
    public DbSet<DevelopmentRuleEdition> DevelopmentRuleEditions => Set<DevelopmentRuleEdition>();
    public DbSet<DevelopmentStageRow> DevelopmentStageRows => Set<DevelopmentStageRow>();
    public DbSet<DevelopmentStepRow> DevelopmentStepRows => Set<DevelopmentStepRow>();
    public DbSet<DevelopmentRuleRow> DevelopmentRuleRows => Set<DevelopmentRuleRow>();
    public DbSet<DevelopmentRuleChange> DevelopmentRuleChanges => Set<DevelopmentRuleChange>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.Entity).HasMaxLength(100);
            e.Property(x => x.EntityId).HasMaxLength(100);
            e.Property(x => x.UserId).HasMaxLength(450);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.RemoteIp).HasMaxLength(64);
            e.HasIndex(x => x.AtUtc);
            e.HasIndex(x => new { x.Entity, x.EntityId });
        });
        builder.Entity<RoleGrant>(e =>
        {
            e.ToTable("RoleGrants");
            e.Property(x => x.Role).HasMaxLength(40);
            e.Property(x => x.ScopeKind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ScopeId).HasMaxLength(100);
            e.HasIndex(x => x.UserId);
            e.HasOne<LouyuUser>().WithMany().HasForeignKey(x => x.UserId);
        });
        OrganizationModelConfiguration.Configure(builder);
        DevelopmentModelConfiguration.Configure(builder);
        MeetingsModelConfiguration.Configure(builder);
        Modules.Services.Data.WorkstationModelConfiguration.Configure(builder);
        Modules.Services.Data.TicketModelConfiguration.Configure(builder);
        Modules.Services.Data.PolicyModelConfiguration.Configure(builder);
        Platform.Outbox.OutboxModelConfiguration.Configure(builder);
        Platform.Notifications.NotificationModelConfiguration.Configure(builder);
        DuesModelConfiguration.Configure(builder);
        TransferModelConfiguration.Configure(builder);
        CalendarModelConfiguration.Configure(builder);
        Modules.Services.Data.Open311ModelConfiguration.Configure(builder);
    }
}

/// <summary>SQLite flavour; its migrations live in Platform/Data/Migrations/Sqlite.</summary>
public sealed class SqliteLouyuDbContext(DbContextOptions<SqliteLouyuDbContext> options)
    : LouyuDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite's RETURNING clause does not go with AFTER triggers: the tables that place members (see
        // Member.PlacedBuildingId) are saved the older way, a statement and a SELECT.
        builder
            .Entity<Modules.Organization.Data.Member>()
            .ToTable(t => t.UseSqlReturningClause(false));
        builder
            .Entity<Modules.Organization.Data.MemberSpell>()
            .ToTable(t => t.UseSqlReturningClause(false));
        builder
            .Entity<Modules.Organization.Data.PartyOrganization>()
            .ToTable(t => t.UseSqlReturningClause(false));
        builder
            .Entity<Modules.Organization.Data.Enterprise>()
            .ToTable(t => t.UseSqlReturningClause(false));
    }
}

/// <summary>PostgreSQL flavour; its migrations live in Platform/Data/Migrations/Postgres.</summary>
public sealed class PostgresLouyuDbContext(DbContextOptions<PostgresLouyuDbContext> options)
    : LouyuDbContext(options);
