namespace Louyu.Web.Platform.Data;

/// <summary>
/// Reference data every deployment starts with (the holiday calendar, the development rule book), written on start
/// after the migrations when it is missing — demo mode or not. Never overwrites what an administrator changed.
/// </summary>
public interface IReferenceDataSeed
{
    Task SeedAsync(LouyuDbContext db, CancellationToken ct);
}
