namespace Louyu.Web.Modules.Organization.Contracts;

/// <summary>The figures of the organisation system as they stood at the end of one day.</summary>
public sealed record OrganizationFigures(
    DateOnly AsOf,
    int Buildings,
    int Enterprises,
    int PartyOrganizations,
    int Branches,
    int Members,
    int FullMembers,
    int ProbationaryMembers,
    int PartyWorkers,
    double OrganizationCoverageRate,
    double WorkCoverageRate
);

/// <summary>Counts buildings, enterprises, organisations, members and workers at a date, from the dated rows.</summary>
public interface IOrganizationFigures
{
    /// <param name="buildingIds">Restrict to these buildings; null for every building.</param>
    Task<OrganizationFigures> AsOfAsync(
        DateOnly asOf,
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    );

    Task<bool> BuildingExistsAsync(Guid buildingId, CancellationToken ct);

    Task<IReadOnlyList<BuildingSummary>> BuildingsAsync(
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    );
}

public sealed record BuildingSummary(Guid Id, string Name);
