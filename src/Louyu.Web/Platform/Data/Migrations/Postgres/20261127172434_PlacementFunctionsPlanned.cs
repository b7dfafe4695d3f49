using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Louyu.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PlacementFunctionsPlanned : Migration
    {
        /// <summary>
        /// The placement functions of <see cref="MemberPlacement"/> in PL/pgSQL, whose statements keep their plans for
        /// the session: PostgreSQL 15 plans a LANGUAGE sql function's body again on every call, which the spell trigger
        /// made once per row (the 100,000-member import: 128 s wall, 25 s of it in the app). A spell now places its
        /// member alone (<c>louyu_place_member</c>): three index lookups, and an UPDATE only when the placement changed.
        /// A member inserted with a placement keeps it (an import writes it with the member, then the first spell:
        /// no second version of every row), and a deferred trigger confirms it at the commit. The common cases cost
        /// one index lookup: a closed spell places no one, an open spell in the member's building changes nothing,
        /// and a member with an open spell at the commit was placed by that spell's trigger.
        /// </summary>
        internal const string Functions = """
            CREATE OR REPLACE FUNCTION louyu_member_placement(member uuid, workplace uuid) RETURNS uuid
            LANGUAGE plpgsql STABLE AS $$
            BEGIN
              RETURN COALESCE(
                (SELECT o."BuildingId" FROM "MemberSpells" AS s
                 JOIN "PartyOrganizations" AS o ON o."Id" = s."OrganizationId"
                 WHERE s."MemberId" = member AND s."ToDate" IS NULL
                 ORDER BY s."FromDate" DESC LIMIT 1),
                (SELECT e."BuildingId" FROM "Enterprises" AS e WHERE e."Id" = workplace));
            END $$;

            CREATE FUNCTION louyu_place_member(member uuid) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              workplace uuid;
              kept uuid;
              placed uuid;
            BEGIN
              SELECT m."EnterpriseId", m."PlacedBuildingId" INTO workplace, kept
              FROM "Members" AS m WHERE m."Id" = member;
              IF NOT FOUND THEN
                RETURN;
              END IF;
              placed := louyu_member_placement(member, workplace);
              IF placed IS DISTINCT FROM kept THEN
                UPDATE "Members" SET "PlacedBuildingId" = placed WHERE "Id" = member;
              END IF;
            END $$;

            CREATE OR REPLACE FUNCTION louyu_members_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- A new member has no spell yet: placed by the workplace, unless the writer placed them already (an
              -- import writes the first spell in the same transaction); the check at the commit confirms it.
              IF TG_OP = 'UPDATE' OR NEW."PlacedBuildingId" IS NULL THEN
                NEW."PlacedBuildingId" := louyu_member_placement(NEW."Id", NEW."EnterpriseId");
              END IF;
              RETURN NEW;
            END $$;

            CREATE FUNCTION louyu_members_check() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- An open spell of this member was written after the member (a spell names an existing member), and
              -- its trigger placed the member then; later writes keep it. Only a member without one is placed here.
              PERFORM 1 FROM "MemberSpells" AS s WHERE s."MemberId" = NEW."Id" AND s."ToDate" IS NULL LIMIT 1;
              IF NOT FOUND THEN
                PERFORM louyu_place_member(NEW."Id");
              END IF;
              RETURN NULL;
            END $$;

            CREATE CONSTRAINT TRIGGER "TR_Members_PlaceCheck" AFTER INSERT ON "Members"
              DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION louyu_members_check();

            CREATE OR REPLACE FUNCTION louyu_spells_place() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                -- A closed spell places no one. An open spell whose organisation is in the member's building leaves
                -- the placement as it is: the latest open spell is this one or the one that placed them there.
                IF NEW."ToDate" IS NOT NULL THEN
                  RETURN NULL;
                END IF;
                PERFORM 1 FROM "Members" AS m
                JOIN "PartyOrganizations" AS o ON o."Id" = NEW."OrganizationId"
                WHERE m."Id" = NEW."MemberId" AND m."PlacedBuildingId" IS NOT DISTINCT FROM o."BuildingId";
                IF NOT FOUND THEN
                  PERFORM louyu_place_member(NEW."MemberId");
                END IF;
              ELSIF TG_OP = 'DELETE' THEN
                PERFORM louyu_place_member(OLD."MemberId");
              ELSE
                PERFORM louyu_place_member(OLD."MemberId");
                IF NEW."MemberId" <> OLD."MemberId" THEN
                  PERFORM louyu_place_member(NEW."MemberId");
                END IF;
              END IF;
              RETURN NULL;
            END $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Functions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                CREATE OR REPLACE FUNCTION louyu_spells_place() RETURNS trigger LANGUAGE plpgsql AS $$
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
                DROP TRIGGER IF EXISTS "TR_Members_PlaceCheck" ON "Members";
                DROP FUNCTION IF EXISTS louyu_members_check();
                CREATE OR REPLACE FUNCTION louyu_members_place() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW."PlacedBuildingId" := louyu_member_placement(NEW."Id", NEW."EnterpriseId");
                  RETURN NEW;
                END $$;
                DROP FUNCTION IF EXISTS louyu_place_member(uuid);
                CREATE OR REPLACE FUNCTION louyu_member_placement(member uuid, workplace uuid) RETURNS uuid
                LANGUAGE sql STABLE AS $$
                  SELECT COALESCE(
                    (SELECT o."BuildingId" FROM "MemberSpells" AS s
                     JOIN "PartyOrganizations" AS o ON o."Id" = s."OrganizationId"
                     WHERE s."MemberId" = member AND s."ToDate" IS NULL
                     ORDER BY s."FromDate" DESC LIMIT 1),
                    (SELECT e."BuildingId" FROM "Enterprises" AS e WHERE e."Id" = workplace))
                $$;
                """
            );
        }
    }
}
