using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberProbationIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Members_FullMemberOn", table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_FullMemberOn_JoinedOn",
                table: "Members",
                columns: new[] { "FullMemberOn", "JoinedOn" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_Members_FullMemberOn_JoinedOn", table: "Members");

            migrationBuilder.CreateIndex(
                name: "IX_Members_FullMemberOn",
                table: "Members",
                column: "FullMemberOn"
            );
        }
    }
}
