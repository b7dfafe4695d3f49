using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DuesAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberName = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    BaseCipher = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    AssessedFen = table.Column<long>(type: "bigint", nullable: false),
                    RatePermille = table.Column<int>(type: "integer", nullable: true),
                    Bracket = table.Column<string>(
                        type: "character varying(40)",
                        maxLength: 40,
                        nullable: false
                    ),
                    Rule = table.Column<string>(
                        type: "character varying(60)",
                        maxLength: 60,
                        nullable: false
                    ),
                    MonthlyFen = table.Column<long>(type: "bigint", nullable: false),
                    Hardship = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: false
                    ),
                    ReducedFen = table.Column<long>(type: "bigint", nullable: true),
                    BranchDecisionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BranchDecisionRef = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    ApprovalOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApprovalRef = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    FirstMonth = table.Column<int>(type: "integer", nullable: false),
                    LastMonth = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: true
                    ),
                    AssessedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    AssessedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesAssessments", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DuesLedger",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: false
                    ),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesLedger", x => new { x.MemberId, x.Month });
                }
            );

            migrationBuilder.CreateTable(
                name: "DuesPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Payer = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    ProxyName = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    ConsentOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentNote = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    RecordedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    RecordedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPayments", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DuesVoluntaryPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    ForwardUpward = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    RecordedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    RecordedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesVoluntaryPayments", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "DuesPaymentMonths",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    PaymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPaymentMonths", x => new { x.MemberId, x.Month });
                    table.ForeignKey(
                        name: "FK_DuesPaymentMonths_DuesPayments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "DuesPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesAssessments_Current",
                table: "DuesAssessments",
                columns: new[] { "MemberId", "Year" },
                unique: true,
                filter: "\"LastMonth\" IS NULL"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesAssessments_Year_BuildingId",
                table: "DuesAssessments",
                columns: new[] { "Year", "BuildingId" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesAssessments_Year_OrganizationId",
                table: "DuesAssessments",
                columns: new[] { "Year", "OrganizationId" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesLedger_BuildingId_Month",
                table: "DuesLedger",
                columns: new[] { "BuildingId", "Month" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesLedger_Month",
                table: "DuesLedger",
                column: "Month"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesLedger_OrganizationId_Month",
                table: "DuesLedger",
                columns: new[] { "OrganizationId", "Month" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesPaymentMonths_PaymentId",
                table: "DuesPaymentMonths",
                column: "PaymentId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_MemberId",
                table: "DuesPayments",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_OrganizationId",
                table: "DuesPayments",
                column: "OrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesVoluntaryPayments_MemberId",
                table: "DuesVoluntaryPayments",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesVoluntaryPayments_OrganizationId_PaidOn",
                table: "DuesVoluntaryPayments",
                columns: new[] { "OrganizationId", "PaidOn" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "DuesAssessments");

            migrationBuilder.DropTable(name: "DuesLedger");

            migrationBuilder.DropTable(name: "DuesPaymentMonths");

            migrationBuilder.DropTable(name: "DuesVoluntaryPayments");

            migrationBuilder.DropTable(name: "DuesPayments");
        }
    }
}
