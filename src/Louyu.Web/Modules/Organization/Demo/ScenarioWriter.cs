using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>
/// Inserts a generated scenario in batches (the demo at start-up, district scale in bench/). Resident IDs are
/// encrypted and hashed on the way in. One summary audit entry stands for the whole import.
/// </summary>
public static class ScenarioWriter
{
    public static async Task WriteAsync(
        LouyuDbContext db,
        DemoScenario s,
        PersonalDataProtector protector,
        string description,
        CancellationToken ct
    )
    {
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await InsertAsync(db, s.Buildings, ct);
        await InsertAsync(db, s.Enterprises, ct);
        await InsertAsync(db, s.Organizations.Where(o => o.ParentId is null).ToList(), ct);
        await InsertAsync(db, s.Organizations.Where(o => o.ParentId is not null).ToList(), ct);
        await InsertAsync(db, s.OrganizationEnterprises, ct);
        foreach (var m in s.Members)
        {
            m.Member.ResidentIdCipher = protector.Encrypt(m.ResidentId);
            m.Member.ResidentIdHash = protector.Hash(m.ResidentId);
        }
        await InsertAsync(db, s.Members.Select(m => m.Member).ToList(), ct);
        await InsertAsync(db, s.Spells, ct);
        await InsertAsync(db, s.Workers, ct);
        await InsertAsync(db, s.Instructors, ct);
        db.SuppressAudit = false;
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = DateTime.UtcNow,
                UserName = "system",
                Action = "Added",
                Entity = "DemoScenario",
                After =
                    $"{{\"description\":\"{description}\",\"buildings\":{s.Buildings.Count},\"enterprises\":{s.Enterprises.Count},\"members\":{s.Members.Count}}}",
            }
        );
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        await tx.CommitAsync(ct);
    }

    private static async Task InsertAsync<T>(
        LouyuDbContext db,
        IReadOnlyList<T> rows,
        CancellationToken ct
    )
        where T : class
    {
        const int batch = 5000;
        for (var i = 0; i < rows.Count; i += batch)
        {
            db.Set<T>().AddRange(rows.Skip(i).Take(batch));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
