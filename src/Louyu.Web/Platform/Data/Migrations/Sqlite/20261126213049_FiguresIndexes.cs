using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FiguresIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberSpells_OrganizationId_FromDate",
                table: "MemberSpells"
            );

            migrationBuilder.CreateIndex(
                name: "IX_MemberSpells_OrganizationId_FromDate_ToDate",
                table: "MemberSpells",
                columns: new[] { "OrganizationId", "FromDate", "ToDate" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Members_FullMemberOn",
                table: "Members",
                column: "FullMemberOn"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MemberSpells_OrganizationId_FromDate_ToDate",
                table: "MemberSpells"
            );

            migrationBuilder.DropIndex(name: "IX_Members_FullMemberOn", table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_MemberSpells_OrganizationId_FromDate",
                table: "MemberSpells",
                columns: new[] { "OrganizationId", "FromDate" }
            );
        }
    }
}
