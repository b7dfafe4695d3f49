using System.Data.Common;
using System.Globalization;

namespace Louyu.Bench;

/// <summary>The overview's five figures in one hand-written SQL statement, for comparison with the endpoint.</summary>
public static class RawOverviewSql
{
    public const string Sql = """
        WITH b AS (SELECT "Id" FROM "Buildings" WHERE "CoveredFrom" <= @d AND ("CoveredUntil" IS NULL OR "CoveredUntil" > @d)),
        o AS (SELECT p."Id", p."Type" FROM "PartyOrganizations" p JOIN b ON p."BuildingId" = b."Id"
              WHERE p."FoundedOn" <= @d AND (p."DissolvedOn" IS NULL OR p."DissolvedOn" > @d))
        SELECT
          (SELECT COUNT(*) FROM b),
          (SELECT COUNT(*) FROM "Enterprises" e JOIN b ON e."BuildingId" = b."Id"
             WHERE e."MovedInOn" <= @d AND (e."MovedOutOn" IS NULL OR e."MovedOutOn" > @d)),
          (SELECT COUNT(*) FROM o WHERE o."Type" IN ('Branch', 'JointBranch')),
          (SELECT COUNT(*) FROM "MemberSpells" s JOIN o ON s."OrganizationId" = o."Id"
             WHERE o."Type" IN ('Branch', 'JointBranch') AND s."FromDate" <= @d AND (s."ToDate" IS NULL OR s."ToDate" > @d)),
          (SELECT COUNT(*) FROM "PartyWorkers" w JOIN b ON w."BuildingId" = b."Id"
             WHERE w."StartedOn" <= @d AND (w."EndedOn" IS NULL OR w."EndedOn" > @d))
        """;

    public static async Task<string> RunAsync(DbConnection conn, string provider, DateOnly d)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = Sql;
        var p = cmd.CreateParameter();
        p.ParameterName = "@d";
        p.Value =
            provider == "Postgres" ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        cmd.Parameters.Add(p);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return $"{r.GetInt64(0)}/{r.GetInt64(1)}/{r.GetInt64(2)}/{r.GetInt64(3)}/{r.GetInt64(4)}";
    }
}
