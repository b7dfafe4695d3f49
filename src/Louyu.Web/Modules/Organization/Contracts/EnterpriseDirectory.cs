using Louyu.Web.Modules.Organization.Domain;

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
    /// The enterprises a user acts for: as a contact (an enterprise grant or a contact record with their account) or
    /// as an employee (a member record with their account and an enterprise).
    /// </summary>
    Task<IReadOnlyList<Guid>> EnterprisesOfUserAsync(string userId, CancellationToken ct);

    Task<IReadOnlyList<EnterpriseContactFacts>> ContactsAsync(
        Guid enterpriseId,
        CancellationToken ct
    );
}
