using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Education",
                table: "Members",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "Ethnicity",
                table: "Members",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "OrganizationalStatus",
                table: "Members",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Normal"
            );

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Members",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "Position",
                table: "Members",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true
            );

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Members",
                type: "integer",
                nullable: false,
                defaultValue: 0
            );

            migrationBuilder.CreateTable(
                name: "MemberStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Field = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                    From = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: true
                    ),
                    To = table.Column<string>(
                        type: "character varying(30)",
                        maxLength: 30,
                        nullable: false
                    ),
                    Reason = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    ByUserId = table.Column<string>(
                        type: "character varying(450)",
                        maxLength: 450,
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberStatusChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(name: "IX_Members_Name", table: "Members", column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Members_UserId",
                table: "Members",
                column: "UserId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MemberStatusChanges_MemberId_At",
                table: "MemberStatusChanges",
                columns: new[] { "MemberId", "At" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "MemberStatusChanges");

            migrationBuilder.DropIndex(name: "IX_Members_Name", table: "Members");

            migrationBuilder.DropIndex(name: "IX_Members_UserId", table: "Members");

            migrationBuilder.DropColumn(name: "Education", table: "Members");

            migrationBuilder.DropColumn(name: "Ethnicity", table: "Members");

            migrationBuilder.DropColumn(name: "OrganizationalStatus", table: "Members");

            migrationBuilder.DropColumn(name: "Phone", table: "Members");

            migrationBuilder.DropColumn(name: "Position", table: "Members");

            migrationBuilder.DropColumn(name: "Version", table: "Members");
        }
    }
}
