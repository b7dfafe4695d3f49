using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Louyu.Web.Platform.Realtime;

/// <summary>
/// SignalR for live updates (notifications, queues, boards). With <c>Redis:Connection</c> set, a Redis backplane
/// carries messages between instances.
/// </summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddLouyuRealtime(
        this IServiceCollection services,
        IConfiguration config
    )
    {
        var signalR = services.AddSignalR();
        var redis = config["Redis:Connection"];
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(
                redis,
                o =>
                    o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(
                        "louyu"
                    )
            );
        return services;
    }

    public static void MapLouyuRealtime(this IEndpointRouteBuilder app) =>
        app.MapHub<NotificationsHub>("/hubs/notifications");
}

/// <summary>Each signed-in user listens here for their notifications (group per user id).</summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public static string GroupOf(string userId) => "user:" + userId;

    public override async Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { Length: > 0 } id)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(id));
        await base.OnConnectedAsync();
    }
}
