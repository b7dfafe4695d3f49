using System.Collections.Concurrent;

namespace Louyu.IntegrationTests.Infrastructure;

/// <summary>
/// One app per database provider, created on first use and shared by every test class of the
/// <see cref="AppCollection"/> (migrating and seeding takes seconds).
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<LouyuAppFactory>>> _factories = new();
    private readonly ConcurrentDictionary<(string, string), Task<string>> _tokens = new();

    public Task<LouyuAppFactory> AppAsync(string provider) =>
        _factories
            .GetOrAdd(provider, p => new Lazy<Task<LouyuAppFactory>>(() => StartAsync(p)))
            .Value;

    /// <summary>A bearer token for a demo account, fetched once per provider.</summary>
    public Task<string> DemoTokenAsync(string provider, string userName) =>
        _tokens.GetOrAdd(
            (provider, userName),
            async key =>
            {
                var app = await AppAsync(key.Item1);
                return await Accounts.TokenAsync(app, key.Item2, Accounts.DemoPassword);
            }
        );

    private static Task<LouyuAppFactory> StartAsync(string provider) =>
        Task.Run(async () =>
        {
            var factory = await LouyuAppFactory.CreateAsync(provider);
            // Touching the services builds the host: migrations and the demo seed run now, once.
            _ = factory.Services;
            return factory;
        });

    /// <summary>
    /// Starts migrating and seeding every provider's app at once (in the background, not awaited here), so the
    /// databases are prepared side by side; each test still awaits only the app it uses.
    /// </summary>
    public Task InitializeAsync()
    {
        foreach (var provider in DatabaseProviders.Names)
            _ = AppAsync(provider);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var lazy in _factories.Values)
        {
            if (!lazy.IsValueCreated)
                continue;
            LouyuAppFactory? factory = null;
            try
            {
                factory = await lazy.Value;
            }
            catch (Exception)
            {
                // The app never started; its test already failed with the cause.
            }
            if (factory is not null)
                await factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "App";
}
