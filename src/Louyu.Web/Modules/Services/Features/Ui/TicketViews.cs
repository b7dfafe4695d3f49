using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;

namespace Louyu.Web.Modules.Services.Features.Ui;

/// <summary>A ticket in a list (my tickets, the queue, the board), with where it stands against its deadline today.</summary>
public sealed record TicketCard(
    Guid Id,
    string Number,
    string ServiceName,
    string DepartmentName,
    ServiceType Type,
    TicketStatus Status,
    DateOnly DueOn,
    int Remaining,
    SlaState Sla,
    string FilerName,
    string? EnterpriseName,
    string? OfficerName,
    DateTime FiledAtUtc,
    int Round,
    SatisfactionGrade? Rating,
    string Summary,
    bool Done,
    bool FollowUpRequired,
    bool ExtensionPending,
    int Version
);

public sealed record TimelineStep(
    DateTime AtUtc,
    string Kind,
    string? StatusAfter,
    string? ActorName,
    string? Note,
    bool Public
);

/// <summary>One ticket's page: the ticket as the ticket service shows it to the viewer, and the steps they may take.</summary>
public sealed record TicketScreen(
    TicketCard Card,
    TicketDetail Detail,
    IReadOnlyList<TimelineStep> Steps,
    IReadOnlySet<string> Actions
)
{
    public bool Can(TicketStep step) => Actions.Contains(step.ToString());
}

/// <summary>A department's board: counts per state, due soon, overdue, average rating and the open tickets.</summary>
public sealed record BoardView(
    Guid DepartmentId,
    string DepartmentCode,
    string DepartmentName,
    IReadOnlyDictionary<TicketStatus, int> Counts,
    int DueSoon,
    int Overdue,
    double? AverageRating,
    int Rated,
    IReadOnlyList<TicketCard> Open
);
