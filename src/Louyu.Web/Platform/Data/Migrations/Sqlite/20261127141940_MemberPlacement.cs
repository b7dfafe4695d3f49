using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberPlacement : Migration
    {
        /// <summary>
        /// A member's placement (Member.PlacedBuildingId): the building of their current organisation or, without
        /// one, of their workplace — kept by triggers on every table it is read from, so that every write path
        /// (the services, the bulk imports, a cascade) keeps it right; a row already right is not written again (the
        /// import writes the placement with the member). Filled once for the existing members.
        /// </summary>
        internal const string Place = """
            COALESCE(
              (SELECT o."BuildingId" FROM "MemberSpells" AS s
               JOIN "PartyOrganizations" AS o ON o."Id" = s."OrganizationId"
               WHERE s."MemberId" = "Members"."Id" AND s."ToDate" IS NULL
               ORDER BY s."FromDate" DESC LIMIT 1),
              (SELECT e."BuildingId" FROM "Enterprises" AS e WHERE e."Id" = "Members"."EnterpriseId"))
            """;

        internal static readonly string[] Triggers =
        [
            $"""
                CREATE TRIGGER "TR_Members_Place_Insert" AFTER INSERT ON "Members"
                WHEN NEW."PlacedBuildingId" IS NOT (SELECT e."BuildingId" FROM "Enterprises" AS e WHERE e."Id" = NEW."EnterpriseId")
                BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" = NEW."Id" AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_Members_Place_Workplace" AFTER UPDATE OF "EnterpriseId" ON "Members" BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" = NEW."Id" AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_MemberSpells_Place_Insert" AFTER INSERT ON "MemberSpells"
                WHEN NEW."ToDate" IS NULL
                  AND (SELECT m."PlacedBuildingId" FROM "Members" AS m WHERE m."Id" = NEW."MemberId")
                    IS NOT (SELECT o."BuildingId" FROM "PartyOrganizations" AS o WHERE o."Id" = NEW."OrganizationId")
                BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" = NEW."MemberId" AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_MemberSpells_Place_Update"
                AFTER UPDATE OF "MemberId", "OrganizationId", "FromDate", "ToDate" ON "MemberSpells" BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" IN (NEW."MemberId", OLD."MemberId") AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_MemberSpells_Place_Delete" AFTER DELETE ON "MemberSpells" BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" = OLD."MemberId" AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_PartyOrganizations_Place" AFTER UPDATE OF "BuildingId" ON "PartyOrganizations" BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "Id" IN (SELECT "MemberId" FROM "MemberSpells" WHERE "OrganizationId" = NEW."Id" AND "ToDate" IS NULL)
                    AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
            $"""
                CREATE TRIGGER "TR_Enterprises_Place" AFTER UPDATE OF "BuildingId" ON "Enterprises" BEGIN
                  UPDATE "Members" SET "PlacedBuildingId" = {Place}
                  WHERE "EnterpriseId" = NEW."Id" AND "PlacedBuildingId" IS NOT {Place};
                END;
                """,
        ];

        internal static readonly string[] TriggerNames =
        [
            "TR_Members_Place_Insert",
            "TR_Members_Place_Workplace",
            "TR_MemberSpells_Place_Insert",
            "TR_MemberSpells_Place_Update",
            "TR_MemberSpells_Place_Delete",
            "TR_PartyOrganizations_Place",
            "TR_Enterprises_Place",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PlacedBuildingId",
                table: "Members",
                type: "TEXT",
                nullable: true
            );

            migrationBuilder.Sql($"""UPDATE "Members" SET "PlacedBuildingId" = {Place};""");
            foreach (var trigger in Triggers)
                migrationBuilder.Sql(trigger);

            migrationBuilder.CreateIndex(
                name: "IX_Members_PlacedBuildingId_Name_Id",
                table: "Members",
                columns: new[] { "PlacedBuildingId", "Name", "Id" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_Members_PlacedBuildingId_Status",
                table: "Members",
                columns: new[] { "PlacedBuildingId", "Status" }
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in TriggerNames)
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{name}";""");

            migrationBuilder.DropIndex(
                name: "IX_Members_PlacedBuildingId_Name_Id",
                table: "Members"
            );

            migrationBuilder.DropIndex(
                name: "IX_Members_PlacedBuildingId_Status",
                table: "Members"
            );

            migrationBuilder.DropColumn(name: "PlacedBuildingId", table: "Members");
        }
    }
}
