using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Desk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DueSoonNotifiedFor",
                table: "Tickets",
                type: "date",
                nullable: true
            );

            migrationBuilder.AddColumn<DateOnly>(
                name: "EscalatedFor",
                table: "Tickets",
                type: "date",
                nullable: true
            );

            migrationBuilder.AddColumn<int>(
                name: "ExtensionRequestedDays",
                table: "Tickets",
                type: "integer",
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "ExtensionRequestedReason",
                table: "Tickets",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true
            );

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpRequired",
                table: "Tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false
            );

            migrationBuilder.AddColumn<int>(
                name: "PausedWorkingDays",
                table: "Tickets",
                type: "integer",
                nullable: false,
                defaultValue: 0
            );

            migrationBuilder.AddColumn<int>(
                name: "RatedRound",
                table: "Tickets",
                type: "integer",
                nullable: false,
                defaultValue: 0
            );

            migrationBuilder.CreateTable(
                name: "DepartmentSlas",
                columns: table => new
                {
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: false
                    ),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentSlas", x => new { x.DepartmentId, x.Type });
                    table.ForeignKey(
                        name: "FK_DepartmentSlas_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "TicketAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
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
                    StoredPath = table.Column<string>(
                        type: "character varying(300)",
                        maxLength: 300,
                        nullable: false
                    ),
                    UploadedByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                    UploadedByName = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    UploadedAtUtc = table.Column<DateTime>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketAttachments_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_TicketAttachments_TicketId_UploadedAtUtc",
                table: "TicketAttachments",
                columns: new[] { "TicketId", "UploadedAtUtc" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "DepartmentSlas");

            migrationBuilder.DropTable(name: "TicketAttachments");

            migrationBuilder.DropColumn(name: "DueSoonNotifiedFor", table: "Tickets");

            migrationBuilder.DropColumn(name: "EscalatedFor", table: "Tickets");

            migrationBuilder.DropColumn(name: "ExtensionRequestedDays", table: "Tickets");

            migrationBuilder.DropColumn(name: "ExtensionRequestedReason", table: "Tickets");

            migrationBuilder.DropColumn(name: "FollowUpRequired", table: "Tickets");

            migrationBuilder.DropColumn(name: "PausedWorkingDays", table: "Tickets");

            migrationBuilder.DropColumn(name: "RatedRound", table: "Tickets");
        }
    }
}
