using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ListAndCoverageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Members_EnterpriseId", table: "Members");

            migrationBuilder.DropIndex(name: "IX_Members_Name", table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_EnterpriseId_JoinedOn_FullMemberOn",
                table: "Members",
                columns: new[] { "EnterpriseId", "JoinedOn", "FullMemberOn" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Members_Name_Id",
                table: "Members",
                columns: new[] { "Name", "Id" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Members_Status_Name_Id",
                table: "Members",
                columns: new[] { "Status", "Name", "Id" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name_Id",
                table: "Enterprises",
                columns: new[] { "Name", "Id" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_EnterpriseId_JoinedOn_FullMemberOn",
                table: "Members"
            );

            migrationBuilder.DropIndex(name: "IX_Members_Name_Id", table: "Members");

            migrationBuilder.DropIndex(name: "IX_Members_Status_Name_Id", table: "Members");

            migrationBuilder.DropIndex(name: "IX_Enterprises_Name_Id", table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Members_EnterpriseId",
                table: "Members",
                column: "EnterpriseId"
            );

            migrationBuilder.CreateIndex(name: "IX_Members_Name", table: "Members", column: "Name");
        }
    }
}
