using Louyu.Web.Platform.Outbox;
using Louyu.Web.Platform.Realtime;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>The live message of a ticket change: the queue pages reload their list when they receive it.</summary>
public sealed record TicketsChanged(Guid DepartmentId, Guid TicketId);

/// <summary>
/// Pushes "tickets-changed" {departmentId, ticketId} to the department's group and to the workstation managers'
/// group — through the outbox, so it goes out only after the change is committed.
/// </summary>
public sealed class TicketPush(OutboxWriter outbox)
{
    public const string Method = "tickets-changed";

    public void Changed(string departmentCode, Guid departmentId, Guid ticketId)
    {
        var data = new TicketsChanged(departmentId, ticketId);
        outbox.PushGroup(NotificationsHub.DepartmentGroup(departmentCode), Method, data);
        outbox.PushGroup(NotificationsHub.WorkstationGroup, Method, data);
    }
}
