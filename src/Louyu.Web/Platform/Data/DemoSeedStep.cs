namespace Louyu.Web.Platform.Data;

/// <summary>A module's part of the demo data, run in demo mode after the organisation system is seeded (each step is idempotent).</summary>
public interface IDemoSeedStep
{
    Task SeedAsync(CancellationToken ct);
}
