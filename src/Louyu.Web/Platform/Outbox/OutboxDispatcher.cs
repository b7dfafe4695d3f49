using System.Text.Json;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Outbox;

/// <summary>Outbox:PollSeconds (default 2), Outbox:MaxAttempts (default 8), Outbox:BatchSize (default 50).</summary>
public sealed class OutboxOptions
{
    public double PollSeconds { get; set; } = 2;
    public int MaxAttempts { get; set; } = 8;
    public int BatchSize { get; set; } = 50;
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Sends the committed outbox messages: claims a batch (a lease per message, so several instances may run), sends
/// each through its kind's sender, marks it sent, or schedules a retry with exponential back-off
/// (5 s · 2^attempt, at most 1 h) until <see cref="OutboxOptions.MaxAttempts"/>, after which it is marked failed.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log
) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        var delay = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Outbox dispatch round failed");
            }
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: sends what is due now; returns how many were sent.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>()
            .AsNoTracking()
            .Where(m =>
                m.SentAtUtc == null
                && m.FailedAtUtc == null
                && m.NextAttemptAtUtc <= now
                && (m.LockedUntilUtc == null || m.LockedUntilUtc < now)
            )
            .OrderBy(m => m.NextAttemptAtUtc)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var m in due)
        {
            var lease = now.AddMinutes(2);
            // Claim: only one dispatcher wins the lease on a message.
            var claimed = await db.Set<OutboxMessage>()
                .Where(x =>
                    x.Id == m.Id
                    && x.SentAtUtc == null
                    && (x.LockedUntilUtc == null || x.LockedUntilUtc < now)
                )
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockedUntilUtc, lease), ct);
            if (claimed == 0)
                continue;
            try
            {
                await SendAsync(scope.ServiceProvider, m, ct);
                await db.Set<OutboxMessage>()
                    .Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(
                        u =>
                            u.SetProperty(x => x.SentAtUtc, clock.GetUtcNow().UtcDateTime)
                                .SetProperty(x => x.Attempts, m.Attempts + 1)
                                .SetProperty(x => x.LockedUntilUtc, (DateTime?)null),
                        ct
                    );
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = m.Attempts + 1;
                var failed = attempts >= options.Value.MaxAttempts;
                var next = clock
                    .GetUtcNow()
                    .UtcDateTime.AddSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));
                var error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                log.LogWarning(
                    "Outbox message {Id} ({Kind}) attempt {Attempt} failed: {Error}",
                    m.Id,
                    m.Kind,
                    attempts,
                    error
                );
                await db.Set<OutboxMessage>()
                    .Where(x => x.Id == m.Id)
                    .ExecuteUpdateAsync(
                        u =>
                            u.SetProperty(x => x.Attempts, attempts)
                                .SetProperty(x => x.LastError, error)
                                .SetProperty(x => x.NextAttemptAtUtc, next)
                                .SetProperty(x => x.LockedUntilUtc, (DateTime?)null)
                                .SetProperty(
                                    x => x.FailedAtUtc,
                                    failed ? clock.GetUtcNow().UtcDateTime : null
                                ),
                        ct
                    );
            }
        }
        return sent;
    }

    private static async Task SendAsync(IServiceProvider sp, OutboxMessage m, CancellationToken ct)
    {
        switch (m.Kind)
        {
            case OutboxKinds.Email:
                var mail = JsonSerializer.Deserialize<EmailPayload>(
                    m.Payload,
                    JsonSerializerOptions.Web
                )!;
                await sp.GetRequiredService<IEmailSender>().SendAsync(mail, ct);
                break;
            case OutboxKinds.Push:
                var push = JsonSerializer.Deserialize<PushPayload>(
                    m.Payload,
                    JsonSerializerOptions.Web
                )!;
                await sp.GetRequiredService<IHubContext<NotificationsHub>>()
                    .Clients.Group(NotificationsHub.GroupOf(push.UserId))
                    .SendAsync(push.Method, push, ct);
                break;
            case OutboxKinds.GroupPush:
                var group = JsonSerializer.Deserialize<GroupPushPayload>(
                    m.Payload,
                    JsonSerializerOptions.Web
                )!;
                await sp.GetRequiredService<IHubContext<NotificationsHub>>()
                    .Clients.Group(group.Group)
                    .SendAsync(group.Method, group.Data, ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox kind {m.Kind}");
        }
    }
}
