namespace Louyu.Web.Modules.Organization.Features.Coverage;

/// <summary>
/// Keeps today's every-building coverage rows in <see cref="CoverageStore"/> ready: read in full at start-up, again
/// every half <c>Organization:CoverageCacheMinutes</c> (for writes of other instances) and at midnight (a new day),
/// and brought up to date with this instance's writes in between — so no request waits for a pass over the district.
/// Off with <c>Organization:CoverageWarmup</c> = false.
/// </summary>
public sealed class CoverageWarmer(
    IServiceScopeFactory scopes,
    IConfiguration config,
    ILogger<CoverageWarmer> log
) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Organization:CoverageWarmup", true))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope
                    .ServiceProvider.GetRequiredService<CoverageQuery>()
                    .RefreshTodayAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Coverage warm-up failed; the next request reads it in full");
            }
            try
            {
                await Task.Delay(Tick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
