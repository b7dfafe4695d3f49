using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Gaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "Meetings",
                type: "uuid",
                nullable: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_GroupId",
                table: "Meetings",
                column: "GroupId"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Meetings_GroupId", table: "Meetings");

            migrationBuilder.DropColumn(name: "GroupId", table: "Meetings");
        }
    }
}
