namespace Louyu.Web.Platform.Data;

/// <summary>
/// A module's part in every SaveChanges, for what the database writes itself (triggers): <see cref="BeforeAsync"/>
/// runs after the rows to write are noted and before the statements, <see cref="AfterAsync"/> after the statements
/// and before the rows are announced on <see cref="DataChangeSignal"/> — it may add to
/// <see cref="LouyuDbContext.PendingChanges"/> the rows the triggers changed, so caches can patch instead of drop.
/// </summary>
public interface ISaveWatch
{
    /// <param name="rows">The rows this SaveChanges writes (also the last of <c>PendingChanges</c>).</param>
    Task BeforeAsync(LouyuDbContext db, IReadOnlyList<ChangedRow> rows, CancellationToken ct);

    /// <summary>After the statements ran, inside the unit of work's transaction.</summary>
    Task AfterAsync(LouyuDbContext db, CancellationToken ct);
}
