using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Louyu.Web.Platform.Data;

/// <summary>
/// Inserts new rows — binary COPY on PostgreSQL, prepared INSERTs on SQLite — on the context's connection and current
/// transaction, using EF Core's own model (table and column names, value converters, store types). It bypasses the
/// change tracker and the audit interceptor: the caller writes the audit entries itself, and must run it inside a
/// transaction (the rows are announced on <see cref="DataChangeSignal"/> at its commit).
/// Used by the imports and the 免申即享 grants, where tracking thousands of entities one by one costs more than the
/// database does.
/// </summary>
public static class BulkInsert
{
    private static readonly IReadOnlyDictionary<string, object?> NoValues =
        new Dictionary<string, object?>();

    /// <summary>
    /// Inserts the rows on the context's connection and transaction. A statement the database refuses (a unique key
    /// another request wrote meanwhile) is thrown as <see cref="DbUpdateException"/>, as SaveChanges throws it.
    /// </summary>
    public static async Task InsertAsync<T>(
        LouyuDbContext db,
        IReadOnlyList<T> rows,
        CancellationToken ct
    )
        where T : class
    {
        try
        {
            await WriteAsync(db, rows, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException(
                $"The bulk insert of {rows.Count} {typeof(T).Name} rows failed: {e.Message}",
                e
            );
        }
    }

    private static async Task WriteAsync<T>(
        LouyuDbContext db,
        IReadOnlyList<T> rows,
        CancellationToken ct
    )
        where T : class
    {
        if (rows.Count == 0)
            return;
        // Announced on DataChangeSignal when the caller's transaction commits (caches patch or drop their entries).
        db.BeginWrites();
        if (typeof(T) != typeof(AuditEntry))
            foreach (var row in rows)
                db.PendingChanges.Add(new ChangedRow(typeof(T), EntityState.Added, row, NoValues));
        var entity =
            db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        // Store-generated keys (the audit log's identity) are left to the database.
        var columns = entity
            .GetProperties()
            .Where(p =>
                !(
                    p.IsPrimaryKey()
                    && p.ValueGenerated == ValueGenerated.OnAdd
                    && p.ClrType == typeof(long)
                )
            )
            .Select(p =>
                (
                    Property: p,
                    Name: p.GetColumnName(table)!,
                    Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(),
                    Getter: p.GetGetter()
                )
            )
            .ToArray();
        var target = new StringBuilder(sql.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))
            .Append(')')
            .ToString();
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, target, columns, rows, ct);
            return;
        }
        // SQLite looks parameters up by name one by one (quadratic in a long statement): one prepared single-row
        // INSERT is executed per row, which is SQLite's fastest path inside a transaction.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            $"INSERT INTO {target} VALUES ({string.Join(", ", columns.Select((_, c) => "@p" + c))})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var c = 0; c < columns.Length; c++)
                command.Parameters.Add(
                    columns[c]
                        .Mapping.CreateParameter(
                            command,
                            "@p" + c,
                            columns[c].Getter.GetClrValueUsingContainingEntity(row),
                            columns[c].Property.IsNullable
                        )
                );
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// PostgreSQL: the rows streamed with binary COPY on the current transaction, each value as its provider value
    /// (after the property's value converter) under its column's store type without facets
    /// (<c>character varying(100)</c> is written as <c>character varying</c>).
    /// </summary>
    private static async Task CopyAsync<T>(
        NpgsqlConnection connection,
        string target,
        (
            IProperty Property,
            string Name,
            RelationalTypeMapping Mapping,
            IClrPropertyGetter Getter
        )[] columns,
        IReadOnlyList<T> rows,
        CancellationToken ct
    )
        where T : class
    {
        var types = columns
            .Select(c =>
            {
                var store = c.Mapping.StoreType;
                var facets = store.IndexOf('(');
                return facets < 0 ? store : store[..facets].TrimEnd();
            })
            .ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {target} FROM STDIN (FORMAT BINARY)",
            ct
        );
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var c = 0; c < columns.Length; c++)
            {
                var value = columns[c].Getter.GetClrValueUsingContainingEntity(row);
                if (value is not null && columns[c].Mapping.Converter is { } converter)
                    value = converter.ConvertToProvider(value);
                if (value is null)
                    await importer.WriteNullAsync(ct);
                else
                    await importer.WriteAsync(value, types[c], ct);
            }
        }
        await importer.CompleteAsync(ct);
    }
}
