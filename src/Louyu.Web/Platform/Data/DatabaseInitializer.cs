using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Modules.PartyAffairs.Demo;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// On start: apply the migrations (never recreate), switch SQLite to WAL, write missing reference data, and in demo mode seed an empty database.
/// Demo mode is on by default for SQLite; <c>Demo:Enabled</c> overrides.
/// </summary>
public static class DatabaseInitializer
{
    public static bool DemoEnabled(IConfiguration config) =>
        bool.TryParse(config["Demo:Enabled"], out var on)
            ? on
            : DatabaseSetup.ProviderOf(config) == DatabaseProvider.Sqlite;

    public static async Task InitializeAsync(
        IServiceProvider services,
        bool seed,
        CancellationToken ct = default
    )
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        // A migration may rewrite a district-sized table (a backfill of 700,000 members): no 30-second limit.
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(ct);
        db.Database.SetCommandTimeout(timeout);
        foreach (var reference in scope.ServiceProvider.GetServices<IReferenceDataSeed>())
            await reference.SeedAsync(db, ct);
        if (seed)
        {
            var fresh = !await db.Buildings.AnyAsync(ct);
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            foreach (var step in scope.ServiceProvider.GetServices<IDemoSeedStep>())
                await step.SeedAsync(ct);
            await scope.ServiceProvider.GetRequiredService<TransferDemo>().SeedAsync(ct);
            // The dues demo follows the organisation system's, on a fresh database only.
            if (fresh)
                await scope.ServiceProvider.GetRequiredService<DuesDemoSeeder>().SeedAsync(ct);
        }
    }
}
