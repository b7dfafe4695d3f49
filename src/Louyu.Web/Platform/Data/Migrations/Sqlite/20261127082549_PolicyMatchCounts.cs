using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicyMatchCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "PolicyMatches");

            migrationBuilder.AddColumn<int>(
                name: "MatchedEligible",
                table: "Policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0
            );

            migrationBuilder.AddColumn<int>(
                name: "MatchedPossible",
                table: "Policies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "MatchedEligible", table: "Policies");

            migrationBuilder.DropColumn(name: "MatchedPossible", table: "Policies");

            migrationBuilder.CreateTable(
                name: "PolicyMatches",
                columns: table => new
                {
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReasonsJson = table.Column<string>(
                        type: "TEXT",
                        maxLength: 8000,
                        nullable: false
                    ),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
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
                name: "IX_PolicyMatches_EnterpriseId",
                table: "PolicyMatches",
                column: "EnterpriseId"
            );
        }
    }
}
