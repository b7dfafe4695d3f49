using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberPlacement : Migration
    {
        /// <summary>
        /// A member's placement (Member.PlacedBuildingId): the building of their current organisation or, without
        /// one, of their workplace — kept by triggers on every table it is read from, so that every write path
        /// (the services, the bulk imports, a cascade) keeps it right. Filled once for the existing members.
        /// </summary>
        internal const string Functions = """
            CREATE FUNCTION louyu_member_placement(member uuid, workplace uuid) RETURNS uuid
            LANGUAGE sql STABLE AS $$
              SELECT COALESCE(
                (SELECT o."BuildingId" FROM "MemberSpells" AS s
                 JOIN "PartyOrganizations" AS o ON o."Id" = s."OrganizationId"
                 WHERE s."MemberId" = member AND s."ToDate" IS NULL
                 ORDER BY s."FromDate" DESC LIMIT 1),
                (SELECT e."BuildingId" FROM "Enterprises" AS e WHERE e."Id" = workplace))
            $$;

            CREATE FUNCTION louyu_place_members(members uuid[]) RETURNS void
            LANGUAGE sql AS $$
              UPDATE "Members" AS m SET "PlacedBuildingId" = louyu_member_placement(m."Id", m."EnterpriseId")
              WHERE m."Id" = ANY(members)
                AND m."PlacedBuildingId" IS DISTINCT FROM louyu_member_placement(m."Id", m."EnterpriseId")
            $$;

            CREATE FUNCTION louyu_members_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW."PlacedBuildingId" := louyu_member_placement(NEW."Id", NEW."EnterpriseId");
              RETURN NEW;
            END $$;

            CREATE FUNCTION louyu_spells_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                PERFORM louyu_place_members(ARRAY[OLD."MemberId"]);
              ELSIF TG_OP = 'UPDATE' THEN
                PERFORM louyu_place_members(ARRAY[NEW."MemberId", OLD."MemberId"]);
              ELSE
                PERFORM louyu_place_members(ARRAY[NEW."MemberId"]);
              END IF;
              RETURN NULL;
            END $$;

            CREATE FUNCTION louyu_organizations_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM louyu_place_members(ARRAY(
                SELECT "MemberId" FROM "MemberSpells" WHERE "OrganizationId" = NEW."Id" AND "ToDate" IS NULL));
              RETURN NULL;
            END $$;

            CREATE FUNCTION louyu_enterprises_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM louyu_place_members(ARRAY(SELECT "Id" FROM "Members" WHERE "EnterpriseId" = NEW."Id"));
              RETURN NULL;
            END $$;
            """;

        internal const string Triggers = """
            CREATE TRIGGER "TR_Members_Place" BEFORE INSERT OR UPDATE OF "EnterpriseId" ON "Members"
              FOR EACH ROW EXECUTE FUNCTION louyu_members_place();
            CREATE TRIGGER "TR_MemberSpells_Place"
              AFTER INSERT OR DELETE OR UPDATE OF "MemberId", "OrganizationId", "FromDate", "ToDate" ON "MemberSpells"
              FOR EACH ROW EXECUTE FUNCTION louyu_spells_place();
            CREATE TRIGGER "TR_PartyOrganizations_Place" AFTER UPDATE OF "BuildingId" ON "PartyOrganizations"
              FOR EACH ROW WHEN (OLD."BuildingId" IS DISTINCT FROM NEW."BuildingId")
              EXECUTE FUNCTION louyu_organizations_place();
            CREATE TRIGGER "TR_Enterprises_Place" AFTER UPDATE OF "BuildingId" ON "Enterprises"
              FOR EACH ROW WHEN (OLD."BuildingId" IS DISTINCT FROM NEW."BuildingId")
              EXECUTE FUNCTION louyu_enterprises_place();
            """;

        internal const string Drop = """
            DROP TRIGGER IF EXISTS "TR_Members_Place" ON "Members";
            DROP TRIGGER IF EXISTS "TR_MemberSpells_Place" ON "MemberSpells";
            DROP TRIGGER IF EXISTS "TR_PartyOrganizations_Place" ON "PartyOrganizations";
            DROP TRIGGER IF EXISTS "TR_Enterprises_Place" ON "Enterprises";
            DROP FUNCTION IF EXISTS louyu_members_place();
            DROP FUNCTION IF EXISTS louyu_spells_place();
            DROP FUNCTION IF EXISTS louyu_organizations_place();
            DROP FUNCTION IF EXISTS louyu_enterprises_place();
            DROP FUNCTION IF EXISTS louyu_place_members(uuid[]);
            DROP FUNCTION IF EXISTS louyu_member_placement(uuid, uuid);
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PlacedBuildingId",
                table: "Members",
                type: "uuid",
                nullable: true
            );

            migrationBuilder.Sql(Functions);
            // Set-based for the existing members (a function call per row takes minutes at district scale).
            migrationBuilder.Sql(
                """
                UPDATE "Members" AS m SET "PlacedBuildingId" = COALESCE(p."BuildingId", e."BuildingId")
                FROM "Members" AS x
                LEFT JOIN (
                  SELECT DISTINCT ON (s."MemberId") s."MemberId", o."BuildingId"
                  FROM "MemberSpells" AS s JOIN "PartyOrganizations" AS o ON o."Id" = s."OrganizationId"
                  WHERE s."ToDate" IS NULL
                  ORDER BY s."MemberId", s."FromDate" DESC
                ) AS p ON p."MemberId" = x."Id"
                LEFT JOIN "Enterprises" AS e ON e."Id" = x."EnterpriseId"
                WHERE x."Id" = m."Id" AND COALESCE(p."BuildingId", e."BuildingId") IS NOT NULL;
                """
            );
            migrationBuilder.Sql(Triggers);

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
            migrationBuilder.Sql(Drop);

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
