namespace Louyu.IntegrationTests.Infrastructure;

/// <summary>
/// The databases every test runs on: SQLite always, PostgreSQL too when <c>LOUYU_TEST_POSTGRES</c> holds a
/// connection string of a role that may create databases.
/// </summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string PostgresVariable = "LOUYU_TEST_POSTGRES";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    /// <summary>The providers this run covers.</summary>
    public static IReadOnlyList<string> Names =>
        PostgresConnectionString is null ? [Sqlite] : [Sqlite, Postgres];

    /// <summary>For <c>[MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]</c>.</summary>
    public static TheoryData<string> All => new(Names);
}
