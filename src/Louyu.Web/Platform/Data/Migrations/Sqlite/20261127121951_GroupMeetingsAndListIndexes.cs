using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupMeetingsAndListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Enterprises_Name_Id", table: "Enterprises");

            migrationBuilder.AddColumn<Guid>(
                name: "GroupId",
                table: "Meetings",
                type: "TEXT",
                nullable: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_GroupId",
                table: "Meetings",
                column: "GroupId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_List",
                table: "Enterprises",
                columns: new[] { "Name", "Id", "MovedOutOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesLedger_Settled",
                table: "DuesLedger",
                columns: new[] { "MemberId", "Month" },
                filter: "\"Status\" <> 'Unpaid'"
            );

            migrationBuilder.CreateIndex(
                name: "IX_DuesAssessments_MemberId_Year",
                table: "DuesAssessments",
                columns: new[] { "MemberId", "Year" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Meetings_GroupId", table: "Meetings");

            migrationBuilder.DropIndex(name: "IX_Enterprises_List", table: "Enterprises");

            migrationBuilder.DropIndex(name: "IX_DuesLedger_Settled", table: "DuesLedger");

            migrationBuilder.DropIndex(
                name: "IX_DuesAssessments_MemberId_Year",
                table: "DuesAssessments"
            );

            migrationBuilder.DropColumn(name: "GroupId", table: "Meetings");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name_Id",
                table: "Enterprises",
                columns: new[] { "Name", "Id" }
            );
        }
    }
}
