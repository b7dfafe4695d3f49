namespace Louyu.Web.Modules.Services.Domain;

/// <summary>The three kinds of business the workstation takes (咨询、受理、投诉).</summary>
public enum ServiceType
{
    /// <summary>咨询: a question answered.</summary>
    Consult,

    /// <summary>受理: an application accepted and processed.</summary>
    Accept,

    /// <summary>投诉: a complaint investigated.</summary>
    Complain,
}

/// <summary>
/// A ticket's detailed state. Open311 shows every state but <see cref="Closed"/> as "open"
/// (<see cref="TicketStates.IsOpen"/>), with the detailed state in status_notes.
/// </summary>
public enum TicketStatus
{
    /// <summary>待签收: filed and routed to the department, no officer has signed for it yet.</summary>
    Submitted,

    /// <summary>已退单: sent back by the department with a reason; waits for the workstation to re-route it.</summary>
    SentBack,

    /// <summary>办理中: signed for by an officer and being handled.</summary>
    InProgress,

    /// <summary>待补件: the officer asked for documents; the SLA clock is paused until they arrive.</summary>
    AwaitingDocuments,

    /// <summary>已答复: the officer replied; the filer may rate it.</summary>
    Replied,

    /// <summary>已办结.</summary>
    Closed,
}

/// <summary>How a ticket reached the workstation.</summary>
public enum TicketChannel
{
    /// <summary>Filed by the enterprise contact or employee on the phone or web.</summary>
    Online,

    /// <summary>Filed by an officer at the desk for a walk-in.</summary>
    WalkIn,

    /// <summary>Filed by an officer for a phone call.</summary>
    Phone,

    /// <summary>Filed through the Open311 GeoReport v2 API by an outside client.</summary>
    Open311,
}

/// <summary>The five grades of satisfaction (非常满意 … 非常不满意).</summary>
public enum SatisfactionGrade
{
    VerySatisfied = 5,
    Satisfied = 4,
    Neutral = 3,
    Dissatisfied = 2,
    VeryDissatisfied = 1,
}

public static class TicketStates
{
    /// <summary>Open311's two states: everything until closed is "open".</summary>
    public static bool IsOpen(TicketStatus s) => s != TicketStatus.Closed;
}
