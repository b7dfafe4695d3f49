namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>
/// Re-matches enterprises changed on this instance in the background (queued by <see cref="PolicySnapshot"/> from
/// <see cref="Platform.Data.DataChangeSignal"/>), a batch at a time; Guid.Empty in the queue means everything.
/// <c>Policies:AutoRematch=false</c> turns it off.
/// </summary>
public sealed class PolicyRematchWorker(
    PolicySnapshot snapshot,
    IServiceScopeFactory scopes,
    ILogger<PolicyRematchWorker> log,
    IConfiguration config
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Policies:AutoRematch=false turns it off (benchmarks time the runs themselves).
        if (!config.GetValue("Policies:AutoRematch", true))
            return;
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
}
