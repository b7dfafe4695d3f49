using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// Two instances of Louyu over one database and one Redis (as behind a load balancer): a notification published on
/// one instance reaches a user connected to the other only through the Redis backplane.
/// Redis: <c>LOUYU_TEST_REDIS</c> (build.sh starts one on 127.0.0.1:6379).
/// </summary>
public sealed class RealtimeBackplaneTests
{
    private static string Redis =>
        Environment.GetEnvironmentVariable("LOUYU_TEST_REDIS") ?? "127.0.0.1:6379";

    [Fact]
    public async Task A_notification_sent_on_one_instance_reaches_a_client_of_the_other_through_Redis()
    {
        await using var first = await LouyuAppFactory.CreateWithRedisAsync(Redis);
        var token = await Accounts.TokenAsync(first, "secretary", Accounts.DemoPassword);
        await using var second = LouyuAppFactory.SecondInstanceOf(first, Redis);
        _ = second.Server; // start the second instance (migrations already applied, demo already seeded)

        var (connection, received) = await ListenAsync(first, token);
        try
        {
            var message = $"backplane-{Guid.NewGuid():N}";
            var hubOnSecond = second.Services.GetRequiredService<IHubContext<NotificationsHub>>();
            // The subscription reaches Redis asynchronously: publish until the first instance relays it.
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (!received.Task.IsCompleted && DateTime.UtcNow < deadline)
            {
                await hubOnSecond.Clients.All.SendAsync("notify", message);
                await Task.WhenAny(received.Task, Task.Delay(500));
            }
            Assert.True(
                received.Task.IsCompleted,
                "no message crossed from the second instance to the first"
            );
            Assert.Equal(message, await received.Task);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_Redis_a_notification_stays_on_its_own_instance()
    {
        await using var first = await LouyuAppFactory.CreateWithRedisAsync("");
        var token = await Accounts.TokenAsync(first, "secretary", Accounts.DemoPassword);
        await using var second = LouyuAppFactory.SecondInstanceOf(first, "");
        _ = second.Server;

        var (connection, received) = await ListenAsync(first, token);
        try
        {
            await second
                .Services.GetRequiredService<IHubContext<NotificationsHub>>()
                .Clients.All.SendAsync("notify", "x");
            await first
                .Services.GetRequiredService<IHubContext<NotificationsHub>>()
                .Clients.All.SendAsync("notify", "own");
            Assert.Equal("own", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A signed-in client of the app's notifications hub, and the first message it receives.</summary>
    private static async Task<(HubConnection, TaskCompletionSource<string>)> ListenAsync(
        LouyuAppFactory app,
        string token
    )
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(
                new Uri(app.Server.BaseAddress, "/hubs/notifications"),
                o =>
                {
                    o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                    o.Transports = HttpTransportType.LongPolling;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            )
            .Build();
        var received = new TaskCompletionSource<string>(
            TaskCreationOptions.RunContinuationsAsynchronously
        );
        connection.On<string>("notify", m => received.TrySetResult(m));
        await connection.StartAsync();
        return (connection, received);
    }
}
