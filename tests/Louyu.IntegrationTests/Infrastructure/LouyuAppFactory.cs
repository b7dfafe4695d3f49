using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Louyu.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on a fresh database of its own: a temporary SQLite file, or a new PostgreSQL database
/// <c>louyu_it_&lt;guid&gt;</c> created before the app starts and dropped when the factory is disposed.
/// The app applies its migrations and seeds the demo scenario on start.
/// </summary>
public sealed class LouyuAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A fixed data key, so that no key file is written under the content root.</summary>
    private const string DataKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;

    private LouyuAppFactory(
        string provider,
        string connectionString,
        string? sqliteFile,
        string? postgresAdmin,
        string? postgresDatabase
    )
    {
        Provider = provider;
        _connectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresDatabase = postgresDatabase;
    }

    public string Provider { get; }

    /// <summary>Uploaded files and the e-mail pickup directory of this app (a fresh temporary folder).</summary>
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), $"louyu_it_data_{Guid.NewGuid():N}");

    /// <summary>Redis for the SignalR backplane; empty for none.</summary>
    public string Redis { get; init; } = "";

    /// <summary>A second app instance over the same SQLite file (as a second server behind a load balancer).</summary>
    public static LouyuAppFactory SecondInstanceOf(LouyuAppFactory first, string redis) =>
        new(first.Provider, first._connectionString, null, null, null) { Redis = redis };

    /// <summary>A first instance on a fresh SQLite file with the given Redis.</summary>
    public static async Task<LouyuAppFactory> CreateWithRedisAsync(string redis)
    {
        var app = await CreateAsync(DatabaseProviders.Sqlite);
        return new LouyuAppFactory(app.Provider, app._connectionString, app._sqliteFile, null, null)
        {
            Redis = redis,
        };
    }

    public static async Task<LouyuAppFactory> CreateAsync(string provider)
    {
        if (provider == DatabaseProviders.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"louyu_it_{Guid.NewGuid():N}.db");
            var cs = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            return new LouyuAppFactory(provider, cs, file, null, null);
        }
        if (provider == DatabaseProviders.Postgres)
        {
            var admin =
                DatabaseProviders.PostgresConnectionString
                ?? throw new InvalidOperationException(
                    $"{DatabaseProviders.PostgresVariable} is not set."
                );
            var database = $"louyu_it_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE \"{database}\"";
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ToString();
            return new LouyuAppFactory(provider, cs, null, admin, database);
        }
        throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Louyu", _connectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Security:DataKey", DataKey);
        builder.UseSetting("Redis:Connection", Redis);
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            if (Directory.Exists(DataDirectory))
                Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean from the temp folder.
        }
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                TryDelete(_sqliteFile + suffix);
        }
        if (_postgresAdmin is not null && _postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean from the temp folder.
        }
    }
}
