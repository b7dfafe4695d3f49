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

/// <summary>
/// Each signed-in user listens here for their notifications (group per user id). A department officer also joins
/// "department:&lt;code&gt;" for each department they are granted (the workstation queue's live updates), and a
/// workstation manager (administrator, committee secretary, party worker) joins "workstation" (every department).
/// </summary>
[Authorize]
public sealed class NotificationsHub : Hub
{
    public const string WorkstationGroup = "workstation";

    public static string GroupOf(string userId) => "user:" + userId;

    public static string DepartmentGroup(string code) => "department:" + code;

    public override async Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { Length: > 0 } id)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(id));
        if (Context.User is { } user)
        {
            foreach (
                var code in Identity
                    .RoleGrantClaims.Read(user)
                    .Where(g =>
                        g.Role == Identity.LouyuRoles.DepartmentOfficer
                        && g.ScopeKind == Identity.ScopeKind.Department
                        && g.ScopeId is not null
                    )
                    .Select(g => g.ScopeId!)
                    .Distinct()
            )
                await Groups.AddToGroupAsync(Context.ConnectionId, DepartmentGroup(code));
            if (
                user.IsInRole(Identity.LouyuRoles.Administrator)
                || user.IsInRole(Identity.LouyuRoles.CommitteeSecretary)
                || user.IsInRole(Identity.LouyuRoles.PartyWorker)
            )
                await Groups.AddToGroupAsync(Context.ConnectionId, WorkstationGroup);
        }
        await base.OnConnectedAsync();
    }
}
