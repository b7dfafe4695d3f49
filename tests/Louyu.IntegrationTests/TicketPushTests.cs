using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The live queue and board (issue 5): a real SignalR client on /hubs/notifications, signed in as a department
/// officer, receives "tickets-changed" when a ticket is filed for their department (group "department:&lt;code&gt;",
/// through the outbox's group push); an officer of another department receives nothing; a workstation manager
/// receives it through the "workstation" group.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TicketPushTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Filing_a_ticket_pushes_to_its_department_and_the_managers_only(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        var world = await TicketWorld.CreateAsync(app);
        string otherCode;
        await using (var scope = app.Services.CreateAsyncScope())
            otherCode = await scope
                .ServiceProvider.GetRequiredService<LouyuDbContext>()
                .Departments.Where(d => d.Id == world.OtherDepartmentId)
                .Select(d => d.Code)
                .SingleAsync();

        var officer = await ListenAsync(
            app,
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, world.DepartmentCode)
        );
        var otherOfficer = await ListenAsync(
            app,
            (LouyuRoles.DepartmentOfficer, ScopeKind.Department, otherCode)
        );
        var manager = await ListenAsync(app, (LouyuRoles.PartyWorker, ScopeKind.District, null));
        try
        {
            var id = await world.FileAsync();

            var pushed = await officer.WaitForAsync(id, TimeSpan.FromSeconds(20));
            Assert.Equal(world.DepartmentId, pushed.GetProperty("departmentId").GetGuid());
            await manager.WaitForAsync(id, TimeSpan.FromSeconds(20));
            // Both groups' messages leave in the same outbox round; give a straggler one more poll to show up.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.DoesNotContain(
                otherOfficer.Received,
                m => m.GetProperty("ticketId").GetGuid() == id
            );
            Assert.Empty(otherOfficer.Received);

            // The officer's next step on the ticket (signing for it) pushes again.
            using (
                var r = await world.Officer.PostAsJsonAsync(
                    $"/api/v1/tickets/{id}/sign",
                    new { version = 1 }
                )
            )
                await TicketsApiTests.OkAsync(r);
            await officer.WaitForAsync(id, TimeSpan.FromSeconds(20), count: 2);
            Assert.Empty(otherOfficer.Received);
        }
        finally
        {
            await officer.Connection.DisposeAsync();
            await otherOfficer.Connection.DisposeAsync();
            await manager.Connection.DisposeAsync();
        }
    }

    /// <summary>A new user with the grant, connected to the hub, collecting every "tickets-changed" it receives.</summary>
    private static async Task<Listener> ListenAsync(
        LouyuAppFactory app,
        (string Role, ScopeKind Kind, string? ScopeId) grant
    )
    {
        var user = await Accounts.CreateUserAsync(app, grant);
        var token = await Accounts.TokenAsync(app, user.UserName!, Accounts.FreshPassword);
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
        var listener = new Listener(connection);
        connection.On<JsonElement>(TicketPush.Method, listener.Add);
        await connection.StartAsync();
        return listener;
    }

    private sealed class Listener(HubConnection connection)
    {
        private readonly ConcurrentQueue<JsonElement> _received = new();
        private readonly SemaphoreSlim _signal = new(0);

        public HubConnection Connection => connection;

        public IReadOnlyCollection<JsonElement> Received => _received.ToArray();

        public void Add(JsonElement message)
        {
            _received.Enqueue(message.Clone());
            _signal.Release();
        }

        /// <summary>Waits until <paramref name="count"/> messages about the ticket have arrived; returns the last.</summary>
        public async Task<JsonElement> WaitForAsync(Guid ticketId, TimeSpan timeout, int count = 1)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var about = _received
                    .Where(m => m.GetProperty("ticketId").GetGuid() == ticketId)
                    .ToList();
                if (about.Count >= count)
                    return about[^1];
                var left = deadline - DateTime.UtcNow;
                Assert.True(
                    left > TimeSpan.Zero,
                    $"{about.Count} of {count} pushes about ticket {ticketId} arrived in {timeout}"
                );
                await _signal.WaitAsync(left);
            }
        }
    }
}
