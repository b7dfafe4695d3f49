using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Louyu.Web.Platform.Data;

/// <summary>Used by <c>dotnet ef migrations add</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLouyuDbContext>
{
    public SqliteLouyuDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<SqliteLouyuDbContext>()
                .UseSqlite("Data Source=design.db")
                .Options
        );
}

/// <summary>Used by <c>dotnet ef migrations add</c> only (no server needed).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLouyuDbContext>
{
    public PostgresLouyuDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgresLouyuDbContext>()
                .UseNpgsql("Host=localhost;Database=design")
                .Options
        );
}
