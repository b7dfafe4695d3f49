using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Lists3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_Name_Id",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_List",
                table: "Enterprises",
                columns: new[] { "Name", "Id", "MovedOutOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Enterprises_List",
                table: "Enterprises");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_Name_Id",
                table: "Enterprises",
                columns: new[] { "Name", "Id" });
        }
    }
}
