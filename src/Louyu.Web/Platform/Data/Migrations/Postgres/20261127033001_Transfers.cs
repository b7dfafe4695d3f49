using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Transfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LostContactCases",
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
                    LostSince = table.Column<DateOnly>(type: "date", nullable: false),
                    StandingStoppedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FoundOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
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
                    table.PrimaryKey("PK_LostContactCases", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "MobileRegistrations",
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
                    CertificateNumber = table.Column<string>(
                        type: "character varying(50)",
                        maxLength: 50,
                        nullable: false
                    ),
                    Destination = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    Reason = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    FixedPlace = table.Column<bool>(type: "boolean", nullable: false),
                    AttendsAt = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    PaysDuesAt = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_MobileRegistrations", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "Transfers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Status = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    MemberName = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    Gender = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: false
                    ),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Ethnicity = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: true
                    ),
                    IsProbationary = table.Column<bool>(type: "boolean", nullable: false),
                    ResidentIdCipher = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    ResidentIdMasked = table.Column<string>(
                        type: "character varying(18)",
                        maxLength: 18,
                        nullable: false
                    ),
                    FromOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromBuildingId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromName = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    ToOrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToBuildingId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToName = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    DuesPaidYear = table.Column<int>(type: "integer", nullable: true),
                    DuesPaidMonth = table.Column<int>(type: "integer", nullable: true),
                    ValidityDays = table.Column<int>(type: "integer", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LetterYear = table.Column<int>(type: "integer", nullable: true),
                    LetterSequence = table.Column<int>(type: "integer", nullable: true),
                    LetterNumber = table.Column<string>(
                        type: "character varying(50)",
                        maxLength: 50,
                        nullable: false
                    ),
                    MemberContact = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    SenderAddress = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    SenderPhone = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: true
                    ),
                    SenderFax = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: true
                    ),
                    SenderPostcode = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: true
                    ),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceiptHandler = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    ReceiptPhone = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: true
                    ),
                    Notes = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
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
                    table.PrimaryKey("PK_Transfers", x => x.Id);
                }
            );

            migrationBuilder.CreateTable(
                name: "LostContactSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SearchedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    Result = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: false
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
                    table.PrimaryKey("PK_LostContactSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LostContactSearches_LostContactCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "LostContactCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_LostContactCases_BuildingId",
                table: "LostContactCases",
                column: "BuildingId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_LostContactCases_MemberId",
                table: "LostContactCases",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_LostContactCases_OrganizationId",
                table: "LostContactCases",
                column: "OrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_LostContactSearches_CaseId_SearchedOn",
                table: "LostContactSearches",
                columns: new[] { "CaseId", "SearchedOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_MobileRegistrations_BuildingId",
                table: "MobileRegistrations",
                column: "BuildingId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MobileRegistrations_CertificateNumber",
                table: "MobileRegistrations",
                column: "CertificateNumber",
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_MobileRegistrations_MemberId",
                table: "MobileRegistrations",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MobileRegistrations_OrganizationId",
                table: "MobileRegistrations",
                column: "OrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromBuildingId",
                table: "Transfers",
                column: "FromBuildingId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_FromOrganizationId",
                table: "Transfers",
                column: "FromOrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_LetterYear_LetterSequence",
                table: "Transfers",
                columns: new[] { "LetterYear", "LetterSequence" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_MemberId",
                table: "Transfers",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_Status_IssuedOn",
                table: "Transfers",
                columns: new[] { "Status", "IssuedOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToBuildingId",
                table: "Transfers",
                column: "ToBuildingId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Transfers_ToOrganizationId",
                table: "Transfers",
                column: "ToOrganizationId"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "LostContactSearches");

            migrationBuilder.DropTable(name: "MobileRegistrations");

            migrationBuilder.DropTable(name: "Transfers");

            migrationBuilder.DropTable(name: "LostContactCases");
        }
    }
}
