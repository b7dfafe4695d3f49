using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Louyu.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The provider switch: <c>Database:Provider</c> = Sqlite (default) | Postgres, <c>ConnectionStrings:Louyu</c>.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The SQLite connection string; by default a file under <c>data/</c> of the working directory.</summary>
    public static string SqliteConnectionString(IConfiguration config)
    {
        var cs = config.GetConnectionString("Louyu");
        if (string.IsNullOrWhiteSpace(cs))
        {
            var dir = Path.Combine(Directory.GetCurrentDirectory(), "data");
            cs = $"Data Source={Path.Combine(dir, "louyu.db")}";
        }
        var builder = new SqliteConnectionStringBuilder(cs) { Pooling = true, DefaultTimeout = 30 };
        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
                Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }

    public static IServiceCollection AddLouyuDatabase(
        this IServiceCollection services,
        IConfiguration config
    )
    {
        services.AddSingleton<DataChangeSignal>();
        services.AddSingleton<AuditInterceptor>();
        if (ProviderOf(config) == DatabaseProvider.Postgres)
        {
            var cs =
                config.GetConnectionString("Louyu")
                ?? throw new InvalidOperationException(
                    "ConnectionStrings:Louyu is required for PostgreSQL."
                );
            services.AddDbContext<PostgresLouyuDbContext>(
                (sp, o) =>
                    o.UseNpgsql(cs, n => n.MigrationsHistoryTable("__EFMigrationsHistory"))
                        .AddInterceptors(sp.GetRequiredService<AuditInterceptor>())
            );
            services.AddScoped<LouyuDbContext>(sp =>
                sp.GetRequiredService<PostgresLouyuDbContext>()
            );
        }
        else
        {
            var cs = SqliteConnectionString(config);
            services.AddDbContext<SqliteLouyuDbContext>(
                (sp, o) =>
                    o.UseSqlite(cs)
                        .AddInterceptors(
                            sp.GetRequiredService<AuditInterceptor>(),
                            SqlitePragmas.Instance
                        )
            );
            services.AddScoped<LouyuDbContext>(sp => sp.GetRequiredService<SqliteLouyuDbContext>());
        }
        return services;
    }
}

/// <summary>
/// Every SQLite connection waits up to 5 s for a lock instead of failing at once, and keeps its temporary files in
/// memory: a statement that fires triggers (the member placement) inside a transaction opens a statement journal,
/// which on disk costs a file per statement (the 100,000-member import: 17 s more).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA temp_store = MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
