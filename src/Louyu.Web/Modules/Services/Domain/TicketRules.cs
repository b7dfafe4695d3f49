namespace Louyu.Web.Modules.Services.Domain;

/// <summary>The steps of a ticket's handling (the workflow: 签收、退单、改派、补件、延期、答复、办结、评价).</summary>
public enum TicketStep
{
    Sign,
    SendBack,
    Reroute,
    Note,
    RequestDocuments,
    DocumentsReceived,
    RequestExtension,
    DecideExtension,
    Reply,
    Close,
    Rate,
}

/// <summary>
/// Which step may be taken in which state (pure). Source: the workstation's handling rules of issue 5 — a ticket is
/// signed for (签收) by an officer of its department or sent back (退单) with a reason; the workstation re-routes a
/// sent-back ticket (改派); while documents are awaited (补件) the clock stops; the officer replies (答复) and closes
/// (办结); the filer rates (评价) after the reply, and a dissatisfied rating reopens the ticket once (second round).
/// </summary>
public static class TicketRules
{
    public const string Source = "楼宇工作站工单办理规则（议题5）";

    /// <summary>The states a step may start from.</summary>
    public static IReadOnlyList<TicketStatus> From(TicketStep step) =>
        step switch
        {
            TicketStep.Sign => [TicketStatus.Submitted],
            TicketStep.SendBack => [TicketStatus.Submitted, TicketStatus.InProgress],
            TicketStep.Reroute => [TicketStatus.SentBack],
            TicketStep.Note =>
            [
                TicketStatus.Submitted,
                TicketStatus.SentBack,
                TicketStatus.InProgress,
                TicketStatus.AwaitingDocuments,
                TicketStatus.Replied,
                TicketStatus.Closed,
            ],
            TicketStep.RequestDocuments => [TicketStatus.InProgress],
            TicketStep.DocumentsReceived => [TicketStatus.AwaitingDocuments],
            TicketStep.RequestExtension =>
            [
                TicketStatus.InProgress,
                TicketStatus.AwaitingDocuments,
            ],
            TicketStep.DecideExtension => [TicketStatus.InProgress, TicketStatus.AwaitingDocuments],
            TicketStep.Reply => [TicketStatus.InProgress],
            TicketStep.Close => [TicketStatus.Replied],
            TicketStep.Rate => [TicketStatus.Replied, TicketStatus.Closed],
            _ => [],
        };

    /// <summary>Null when the step may be taken in <paramref name="status"/>; else the refusal's message key.</summary>
    public static string? Refusal(TicketStep step, TicketStatus status) =>
        From(step).Contains(status) ? null : "Tickets.Rule.IllegalTransition";

    /// <summary>A dissatisfied grade (不满意、非常不满意) reopens the ticket.</summary>
    public static bool Reopens(SatisfactionGrade grade) =>
        grade is SatisfactionGrade.Dissatisfied or SatisfactionGrade.VeryDissatisfied;

    /// <summary>Only the first round reopens: after the second round's rating the ticket stays closed.</summary>
    public const int MaxRounds = 2;
}
