using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingCompliance",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnchorMonth = table.Column<int>(type: "integer", nullable: false),
                    BranchAssembly = table.Column<long>(type: "bigint", nullable: false),
                    BranchCommittee = table.Column<long>(type: "bigint", nullable: false),
                    GroupMeeting = table.Column<long>(type: "bigint", nullable: false),
                    PartyLecture = table.Column<long>(type: "bigint", nullable: false),
                    ThemedPartyDay = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationalLife = table.Column<long>(type: "bigint", nullable: false),
                    DemocraticEvaluation = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingCompliance", x => x.OrganizationId);
                }
            );

            migrationBuilder.CreateTable(
                name: "Meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                    Topic = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    StartsAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    Place = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    OnlineUrl = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: true
                    ),
                    Status = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Minutes = table.Column<string>(
                        type: "character varying(8000)",
                        maxLength: 8000,
                        nullable: true
                    ),
                    Resolutions = table.Column<string>(
                        type: "character varying(4000)",
                        maxLength: 4000,
                        nullable: true
                    ),
                    CreatedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    CreatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Meetings", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "MemberEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberEvaluations", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: false
                    ),
                    Title = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    Body = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: false
                    ),
                    Link = table.Column<string>(
                        type: "character varying(300)",
                        maxLength: 300,
                        nullable: true
                    ),
                    CreatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    ReadAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Payload = table.Column<string>(
                        type: "character varying(20000)",
                        maxLength: 20000,
                        nullable: false
                    ),
                    CreatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    LockedUntilUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    SentAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    LastError = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: true
                    ),
                    FailedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "MeetingAttendees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    UserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    IsFullMember = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    LeaveReason = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingAttendees_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "MeetingPhotos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    ContentType = table.Column<string>(
                        type: "character varying(50)",
                        maxLength: 50,
                        nullable: false
                    ),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    StoredPath = table.Column<string>(
                        type: "character varying(300)",
                        maxLength: 300,
                        nullable: false
                    ),
                    UploadedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingPhotos_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "EvaluationBallots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    VoterMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    CastAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationBallots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationBallots_MemberEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "MemberEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "EvaluationBallotGrades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BallotId = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectMemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationBallotGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationBallotGrades_EvaluationBallots_BallotId",
                        column: x => x.BallotId,
                        principalTable: "EvaluationBallots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationBallotGrades_BallotId_SubjectMemberId",
                table: "EvaluationBallotGrades",
                columns: new[] { "BallotId", "SubjectMemberId" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationBallotGrades_EvaluationId",
                table: "EvaluationBallotGrades",
                column: "EvaluationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationBallots_EvaluationId_VoterMemberId",
                table: "EvaluationBallots",
                columns: new[] { "EvaluationId", "VoterMemberId" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendees_MeetingId_MemberId",
                table: "MeetingAttendees",
                columns: new[] { "MeetingId", "MemberId" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendees_MemberId",
                table: "MeetingAttendees",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MeetingAttendees_UserId",
                table: "MeetingAttendees",
                column: "UserId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MeetingPhotos_MeetingId",
                table: "MeetingPhotos",
                column: "MeetingId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_OrganizationId_StartsAtUtc",
                table: "Meetings",
                columns: new[] { "OrganizationId", "StartsAtUtc" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_StartsAtUtc",
                table: "Meetings",
                column: "StartsAtUtc"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MemberEvaluations_OrganizationId_Year",
                table: "MemberEvaluations",
                columns: new[] { "OrganizationId", "Year" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAtUtc" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_SentAtUtc_NextAttemptAtUtc",
                table: "OutboxMessages",
                columns: new[] { "SentAtUtc", "NextAttemptAtUtc" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "EvaluationBallotGrades");

            migrationBuilder.DropTable(name: "MeetingAttendees");

            migrationBuilder.DropTable(name: "MeetingCompliance");

            migrationBuilder.DropTable(name: "MeetingPhotos");

            migrationBuilder.DropTable(name: "Notifications");

            migrationBuilder.DropTable(name: "OutboxMessages");

            migrationBuilder.DropTable(name: "EvaluationBallots");

            migrationBuilder.DropTable(name: "Meetings");

            migrationBuilder.DropTable(name: "MemberEvaluations");
        }
    }
}
