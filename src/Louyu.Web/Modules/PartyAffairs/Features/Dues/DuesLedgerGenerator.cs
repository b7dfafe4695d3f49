using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>The set-based generation of a month's ledger (also used by the demo seeder and the benchmark).</summary>
public static class DuesLedgerGenerator
{
    /// <summary>
    /// Generates a month's ledger from the assessments in one INSERT … SELECT: a row per assessed member whose
    /// assessment covers the month (waived members as Waived). Idempotent: existing rows are left alone
    /// (ON CONFLICT DO NOTHING on the (member, month) key). <paramref name="organizationIds"/> and
    /// <paramref name="buildingIds"/> restrict it; both null means every organisation.
    /// </summary>
    public static async Task<int> GenerateAsync(
        LouyuDbContext db,
        int month,
        IReadOnlyCollection<Guid>? organizationIds,
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    )
    {
        var sqlite = db.Database.IsSqlite();
        var args = new List<object> { month, DuesMonth.Year(month) };
        var filters = new List<string>();
        string In(string column, IReadOnlyCollection<Guid> ids)
        {
            var names = new List<string>();
            foreach (var id in ids)
            {
                names.Add($"{{{args.Count}}}");
                args.Add(sqlite ? id.ToString().ToUpperInvariant() : id);
            }
            return names.Count == 0 ? "1 = 0" : $"a.\"{column}\" IN ({string.Join(", ", names)})";
        }
        if (organizationIds is not null)
            filters.Add(In("OrganizationId", organizationIds));
        if (buildingIds is not null)
            filters.Add(In("BuildingId", buildingIds));
        var scopeFilter = filters.Count == 0 ? "" : $" AND ({string.Join(" OR ", filters)})";
        var sql = $"""
            INSERT INTO "DuesLedger" ("MemberId", "Month", "OrganizationId", "BuildingId", "AssessmentId",
                "DueFen", "PaidFen", "Status", "PaidOn", "PaymentId")
            SELECT a."MemberId", {"{0}"}, a."OrganizationId", a."BuildingId", a."Id", a."MonthlyFen", 0,
                CASE WHEN a."MonthlyFen" = 0 THEN 'Waived' ELSE 'Unpaid' END, NULL, NULL
            FROM "DuesAssessments" a
            WHERE a."Year" = {"{1}"} AND a."FirstMonth" <= {"{0}"}
                AND (a."LastMonth" IS NULL OR a."LastMonth" >= {"{0}"}){scopeFilter}
            ON CONFLICT ("MemberId", "Month") DO NOTHING
            """;
        var previous = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        try
        {
#pragma warning disable EF1002 // the interpolated parts are column names and parameter placeholders only
            return await db.Database.ExecuteSqlRawAsync(sql, args, ct);
#pragma warning restore EF1002
        }
        finally
        {
            db.Database.SetCommandTimeout(previous);
        }
    }
}
