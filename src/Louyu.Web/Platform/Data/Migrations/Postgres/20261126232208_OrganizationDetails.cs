using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganizationDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RelationshipHeldAt",
                table: "Members",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true
            );

            migrationBuilder.CreateTable(
                name: "BuildingRooms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Floor = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    AreaSquareMeters = table.Column<decimal>(
                        type: "numeric(10,2)",
                        precision: 10,
                        scale: 2,
                        nullable: true
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuildingRooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuildingRooms_Buildings_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "Buildings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "BuildingVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BuildingId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartyWorkerId = table.Column<Guid>(type: "uuid", nullable: true),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Purpose = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: false
                    ),
                    Findings = table.Column<string>(
                        type: "character varying(2000)",
                        maxLength: 2000,
                        nullable: true
                    ),
                    FollowUp = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: true
                    ),
                    FollowUpBy = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUpDoneOn = table.Column<DateOnly>(type: "date", nullable: true),
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
                    table.PrimaryKey("PK_BuildingVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuildingVisits_Buildings_BuildingId",
                        column: x => x.BuildingId,
                        principalTable: "Buildings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "FK_BuildingVisits_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull
                    );
                    table.ForeignKey(
                        name: "FK_BuildingVisits_PartyWorkers_PartyWorkerId",
                        column: x => x.PartyWorkerId,
                        principalTable: "PartyWorkers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "CommitteeTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ElectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: true
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeTerms_PartyOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "PartyOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "EnterpriseContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                    Title = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    Phone = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: true
                    ),
                    Email = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false),
                    UserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseContacts_Enterprises_EnterpriseId",
                        column: x => x.EnterpriseId,
                        principalTable: "Enterprises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "CommitteePositions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TermId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonName = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteePositions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteePositions_CommitteeTerms_TermId",
                        column: x => x.TermId,
                        principalTable: "CommitteeTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "FK_CommitteePositions_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_BuildingRooms_BuildingId_Floor",
                table: "BuildingRooms",
                columns: new[] { "BuildingId", "Floor" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_BuildingRooms_BuildingId_Number",
                table: "BuildingRooms",
                columns: new[] { "BuildingId", "Number" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_BuildingVisits_BuildingId_VisitedOn",
                table: "BuildingVisits",
                columns: new[] { "BuildingId", "VisitedOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_BuildingVisits_EnterpriseId",
                table: "BuildingVisits",
                column: "EnterpriseId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_BuildingVisits_PartyWorkerId",
                table: "BuildingVisits",
                column: "PartyWorkerId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_CommitteePositions_MemberId",
                table: "CommitteePositions",
                column: "MemberId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_CommitteePositions_TermId",
                table: "CommitteePositions",
                column: "TermId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeTerms_DueOn",
                table: "CommitteeTerms",
                column: "DueOn"
            );

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeTerms_OrganizationId_ElectedOn",
                table: "CommitteeTerms",
                columns: new[] { "OrganizationId", "ElectedOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseContacts_EnterpriseId",
                table: "EnterpriseContacts",
                column: "EnterpriseId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseContacts_UserId",
                table: "EnterpriseContacts",
                column: "UserId"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "BuildingRooms");

            migrationBuilder.DropTable(name: "BuildingVisits");

            migrationBuilder.DropTable(name: "CommitteePositions");

            migrationBuilder.DropTable(name: "EnterpriseContacts");

            migrationBuilder.DropTable(name: "CommitteeTerms");

            migrationBuilder.DropColumn(name: "RelationshipHeldAt", table: "Members");
        }
    }
}
