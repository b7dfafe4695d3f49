using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Devcal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ApprovalExtendedOn",
                table: "DevelopmentCases",
                type: "date",
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "ApprovalExtensionReason",
                table: "DevelopmentCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "DevelopmentCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true
            );

            migrationBuilder.AddColumn<DateOnly>(
                name: "CancelledOn",
                table: "DevelopmentCases",
                type: "date",
                nullable: true
            );

            migrationBuilder.AddColumn<DateOnly>(
                name: "ProbationExtendedOn",
                table: "DevelopmentCases",
                type: "date",
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "ProbationExtensionReason",
                table: "DevelopmentCases",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true
            );

            migrationBuilder.CreateTable(
                name: "CalendarDays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Name = table.Column<string>(
                        type: "character varying(50)",
                        maxLength: 50,
                        nullable: true
                    ),
                    Source = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    UpdatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarDays", x => x.Date);
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepNo = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(40)",
                        maxLength: 40,
                        nullable: false
                    ),
                    DatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FileName = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    ContentType = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: false
                    ),
                    UploadedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    UploadedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DevelopmentDocuments_DevelopmentCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "DevelopmentCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentRuleChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RuleId = table.Column<string>(
                        type: "character varying(60)",
                        maxLength: 60,
                        nullable: false
                    ),
                    AtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    UserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    UserName = table.Column<string>(
                        type: "character varying(256)",
                        maxLength: 256,
                        nullable: true
                    ),
                    Reason = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: false
                    ),
                    Before = table.Column<string>(
                        type: "character varying(4000)",
                        maxLength: 4000,
                        nullable: false
                    ),
                    After = table.Column<string>(
                        type: "character varying(4000)",
                        maxLength: 4000,
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentRuleChanges", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentRuleEditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Edition = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    UpdatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentRuleEditions", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentRules",
                columns: table => new
                {
                    Id = table.Column<string>(
                        type: "character varying(60)",
                        maxLength: 60,
                        nullable: false
                    ),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                    Severity = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Source = table.Column<string>(
                        type: "character varying(300)",
                        maxLength: 300,
                        nullable: false
                    ),
                    Zh = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: false
                    ),
                    En = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: false
                    ),
                    Step = table.Column<int>(type: "integer", nullable: true),
                    After = table.Column<int>(type: "integer", nullable: true),
                    Months = table.Column<int>(type: "integer", nullable: true),
                    Years = table.Column<int>(type: "integer", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    Days = table.Column<int>(type: "integer", nullable: true),
                    Hours = table.Column<int>(type: "integer", nullable: true),
                    WorkingDays = table.Column<int>(type: "integer", nullable: true),
                    MinMonths = table.Column<int>(type: "integer", nullable: true),
                    MaxMonths = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentRules", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentRuleStages",
                columns: table => new
                {
                    No = table.Column<int>(type: "integer", nullable: false),
                    Zh = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    En = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentRuleStages", x => x.No);
                }
            );

            migrationBuilder.CreateTable(
                name: "DevelopmentRuleSteps",
                columns: table => new
                {
                    No = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    Zh = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    En = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentRuleSteps", x => x.No);
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentDocuments_CaseId_StepNo",
                table: "DevelopmentDocuments",
                columns: new[] { "CaseId", "StepNo" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentRuleChanges_RuleId_AtUtc",
                table: "DevelopmentRuleChanges",
                columns: new[] { "RuleId", "AtUtc" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "CalendarDays");

            migrationBuilder.DropTable(name: "DevelopmentDocuments");

            migrationBuilder.DropTable(name: "DevelopmentRuleChanges");

            migrationBuilder.DropTable(name: "DevelopmentRuleEditions");

            migrationBuilder.DropTable(name: "DevelopmentRules");

            migrationBuilder.DropTable(name: "DevelopmentRuleStages");

            migrationBuilder.DropTable(name: "DevelopmentRuleSteps");

            migrationBuilder.DropColumn(name: "ApprovalExtendedOn", table: "DevelopmentCases");

            migrationBuilder.DropColumn(name: "ApprovalExtensionReason", table: "DevelopmentCases");

            migrationBuilder.DropColumn(name: "CancellationReason", table: "DevelopmentCases");

            migrationBuilder.DropColumn(name: "CancelledOn", table: "DevelopmentCases");

            migrationBuilder.DropColumn(name: "ProbationExtendedOn", table: "DevelopmentCases");

            migrationBuilder.DropColumn(
                name: "ProbationExtensionReason",
                table: "DevelopmentCases"
            );
        }
    }
}
