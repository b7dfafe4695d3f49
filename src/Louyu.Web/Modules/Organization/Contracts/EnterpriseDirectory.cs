using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Organization.Contracts;

/// <summary>An enterprise as another module sees it (the workstation, policy matching).</summary>
public sealed record EnterpriseFacts(
    Guid Id,
    string Name,
    string UnifiedSocialCreditCode,
    Guid BuildingId,
    string BuildingName,
    string BuildingAddress,
    int Floor,
    string? Room,
    string Industry,
    int EmployeeCount,
    DateOnly? FoundedOn,
    EnterpriseSize? Size,
    IReadOnlyList<string> Tags,
    DateOnly MovedInOn,
    DateOnly? MovedOutOn
)
{
    /// <summary>Building and room as one line (Open311's address_string).</summary>
    public string Location => Room is null ? BuildingName : $"{BuildingName} {Room}";

    /// <summary>The declared size as its name (Large, Medium, Small, Micro), null when not declared — for modules that
    /// must not depend on the organisation's domain enum.</summary>
    public string? SizeName => Size?.ToString();

    /// <summary>The tags of <see cref="Data.Enterprise.Tags"/>: split on ';' (or '；'), trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> SplitTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags)
            ? []
            : tags.Split(
                [';', '；'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            );
}

/// <summary>A contact person of an enterprise, with their Louyu account when they have one.</summary>
public sealed record EnterpriseContactFacts(
    Guid Id,
    Guid EnterpriseId,
    string Name,
    string? Title,
    string? Phone,
    string? Email,
    bool IsPrimary,
    string? UserId
);

/// <summary>An enterprise's id, name and building, for set-based queries of other modules (join, filter by building).</summary>
public sealed class DirectoryEnterprise
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid BuildingId { get; init; }
}

/// <summary>
/// The organisation system's enterprises for other modules. Not scoped by the caller: the calling module decides
/// who may see what (an officer at the workstation serves every enterprise; a contact only their own).
/// </summary>
public interface IEnterpriseDirectory
{
    Task<EnterpriseFacts?> EnterpriseAsync(Guid enterpriseId, CancellationToken ct);

    Task<IReadOnlyList<EnterpriseFacts>> EnterprisesAsync(
        IReadOnlyCollection<Guid> enterpriseIds,
        CancellationToken ct
    );

    /// <summary>Every enterprise resident on <paramref name="day"/>, streamed in id order (for matching runs).</summary>
    IAsyncEnumerable<EnterpriseFacts> ResidentAsync(DateOnly day, CancellationToken ct);

    /// <summary>Enterprises whose name or credit code contains <paramref name="text"/>, resident today, by name.</summary>
    Task<IReadOnlyList<EnterpriseFacts>> SearchAsync(string text, int take, CancellationToken ct);

    /// <summary>
    /// As <see cref="SearchAsync(string, int, CancellationToken)"/>, among the enterprises of these buildings only
    /// (null: every building) — the caller passes its scope, so the limit counts only enterprises it may see.
    /// </summary>
    Task<IReadOnlyList<EnterpriseFacts>> SearchAsync(
        string text,
        IReadOnlyCollection<Guid>? buildingIds,
        int take,
        CancellationToken ct
    );

    /// <summary>
    /// The enterprises a user acts for: as a contact (an enterprise grant or a contact record with their account) or
    /// as an employee (a member record with their account and an enterprise).
    /// </summary>
    Task<IReadOnlyList<Guid>> EnterprisesOfUserAsync(string userId, CancellationToken ct);

    Task<IReadOnlyList<EnterpriseContactFacts>> ContactsAsync(
        Guid enterpriseId,
        CancellationToken ct
    );

    /// <summary>
    /// Every enterprise (moved out or not), unscoped, as a query to compose (join, filter by building) into one SQL
    /// statement of the caller's unit of work; the caller applies the scope.
    /// </summary>
    IQueryable<DirectoryEnterprise> Enterprises();
}

/// <summary>Which enterprises' facts committed rows changed, for caches in other modules (policy matching).</summary>
public static class EnterpriseChanges
{
    /// <summary>
    /// The enterprises whose <see cref="EnterpriseFacts"/> may differ after <paramref name="rows"/>; <c>null</c> when
    /// that is unknown (a bulk write that did not say what it wrote) and everything should be read again. A change to
    /// a building is ignored: facts keep the building's id, and matching does not read its name.
    /// </summary>
    public static IReadOnlySet<Guid>? Of(IReadOnlyList<ChangedRow>? rows)
    {
        if (rows is null)
            return null;
        HashSet<Guid> ids = [];
        foreach (var row in rows)
            if (row.Entity is Enterprise e)
                ids.Add(e.Id);
        return ids;
    }
}
