using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Policies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfficeDays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 100,
                        nullable: false
                    ),
                    BuildingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuildingName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 200,
                        nullable: false
                    ),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    EndsAt = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedUp = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficeDays", x => x.Id);
                    table.CheckConstraint(
                        "CK_OfficeDays_Capacity",
                        "\"SignedUp\" >= 0 AND \"SignedUp\" <= \"Capacity\""
                    );
                    table.ForeignKey(
                        name: "FK_OfficeDays_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DocumentNumber = table.Column<string>(
                        type: "TEXT",
                        maxLength: 100,
                        nullable: true
                    ),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FullText = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    HowToApply = table.Column<string>(
                        type: "TEXT",
                        maxLength: 4000,
                        nullable: true
                    ),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Benefit = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    EstimatedAmountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    GrantedWithoutApplication = table.Column<bool>(
                        type: "INTEGER",
                        nullable: false
                    ),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CriteriaJson = table.Column<string>(
                        type: "TEXT",
                        maxLength: 20000,
                        nullable: false
                    ),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "PolicyPushes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PushedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PushedByUserId = table.Column<string>(
                        type: "TEXT",
                        maxLength: 450,
                        nullable: true
                    ),
                    PushedByName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 100,
                        nullable: false
                    ),
                    PoliciesJson = table.Column<string>(
                        type: "TEXT",
                        maxLength: 20000,
                        nullable: false
                    ),
                    RecipientsJson = table.Column<string>(
                        type: "TEXT",
                        maxLength: 8000,
                        nullable: false
                    ),
                    PolicyCount = table.Column<int>(type: "INTEGER", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyPushes", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "OfficeDaySignUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeDayId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 200,
                        nullable: false
                    ),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SignedUpAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficeDaySignUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficeDaySignUps_OfficeDays_OfficeDayId",
                        column: x => x.OfficeDayId,
                        principalTable: "OfficeDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "PolicyApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AppliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliedByUserId = table.Column<string>(
                        type: "TEXT",
                        maxLength: 450,
                        nullable: true
                    ),
                    AppliedByName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 100,
                        nullable: false
                    ),
                    RecordedByStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(
                        type: "TEXT",
                        maxLength: 100,
                        nullable: true
                    ),
                    DecisionNote = table.Column<string>(
                        type: "TEXT",
                        maxLength: 2000,
                        nullable: true
                    ),
                    GrantedAmountFen = table.Column<long>(type: "INTEGER", nullable: true),
                    Automatic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyApplications_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "PolicyMatches",
                columns: table => new
                {
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReasonsJson = table.Column<string>(
                        type: "TEXT",
                        maxLength: 8000,
                        nullable: false
                    ),
                    MatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyMatches", x => new { x.PolicyId, x.EnterpriseId });
                    table.ForeignKey(
                        name: "FK_PolicyMatches_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_OfficeDays_Date_BuildingId",
                table: "OfficeDays",
                columns: new[] { "Date", "BuildingId" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_OfficeDays_DepartmentId",
                table: "OfficeDays",
                column: "DepartmentId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_OfficeDaySignUps_OfficeDayId_EnterpriseId",
                table: "OfficeDaySignUps",
                columns: new[] { "OfficeDayId", "EnterpriseId" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_Policies_Status_ValidFrom",
                table: "Policies",
                columns: new[] { "Status", "ValidFrom" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_PolicyApplications_EnterpriseId",
                table: "PolicyApplications",
                column: "EnterpriseId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_PolicyApplications_PolicyId_EnterpriseId",
                table: "PolicyApplications",
                columns: new[] { "PolicyId", "EnterpriseId" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_PolicyMatches_EnterpriseId",
                table: "PolicyMatches",
                column: "EnterpriseId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_PolicyPushes_EnterpriseId_PushedAtUtc",
                table: "PolicyPushes",
                columns: new[] { "EnterpriseId", "PushedAtUtc" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "OfficeDaySignUps");

            migrationBuilder.DropTable(name: "PolicyApplications");

            migrationBuilder.DropTable(name: "PolicyMatches");

            migrationBuilder.DropTable(name: "PolicyPushes");

            migrationBuilder.DropTable(name: "OfficeDays");

            migrationBuilder.DropTable(name: "Policies");
        }
    }
}
