namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>
/// Re-matches enterprises changed on this instance in the background (queued by <see cref="PolicySnapshot"/> from
/// <see cref="Platform.Data.DataChangeSignal"/>), a batch at a time; Guid.Empty in the queue means everything — queued
/// too just after each midnight (Beijing time), since years since founding and the policies in force move with the day,
/// and 免申即享 grants follow. <c>Policies:AutoRematch=false</c> turns it off.
/// </summary>
public sealed class PolicyRematchWorker(
    PolicySnapshot snapshot,
    IServiceScopeFactory scopes,
    ILogger<PolicyRematchWorker> log,
    IConfiguration config,
    TimeProvider clock
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Policies:AutoRematch=false turns it off (benchmarks time the runs themselves).
        if (!config.GetValue("Policies:AutoRematch", true))
            return;
        _ = NightlyAsync(stoppingToken);
        var reader = snapshot.Queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            HashSet<Guid> ids = [];
            var everything = false;
            while (reader.TryRead(out var id))
            {
                if (id == Guid.Empty)
                    everything = true;
                else
                    ids.Add(id);
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var runner = scope.ServiceProvider.GetRequiredService<PolicyMatchRunner>();
                if (everything)
                    await runner.RunAllAsync(stoppingToken);
                else if (ids.Count > 0)
                    await runner.RematchEnterprisesAsync(ids, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Policy re-matching of {Count} enterprises failed", ids.Count);
            }
        }
    }

    private async Task NightlyAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var local = TimeZoneInfo.ConvertTime(now, Platform.Clock.ShanghaiTime.Zone);
                var next = new DateTimeOffset(local.Date.AddDays(1).AddMinutes(5), local.Offset);
                await Task.Delay(next - local, clock, stoppingToken);
                snapshot.Queue.Writer.TryWrite(Guid.Empty);
            }
        }
        catch (OperationCanceledException) { }
    }
}
