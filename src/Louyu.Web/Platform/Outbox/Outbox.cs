using System.Text.Json;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Platform.Outbox;

/// <summary>Adds messages to the caller's unit of work: they are saved with its SaveChanges, or not at all.</summary>
public sealed class OutboxWriter(LouyuDbContext db, TimeProvider clock)
{
    public OutboxMessage Enqueue<T>(string kind, T payload)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var m = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
        };
        db.Add(m);
        return m;
    }

    public OutboxMessage Email(string to, string subject, string body) =>
        Enqueue(OutboxKinds.Email, new EmailPayload(to, subject, body));

    public OutboxMessage Push(PushPayload push) => Enqueue(OutboxKinds.Push, push);

    /// <summary>A live message to a SignalR group, sent after commit.</summary>
    public OutboxMessage PushGroup<T>(string group, string method, T data) =>
        Enqueue(
            OutboxKinds.GroupPush,
            new GroupPushPayload(
                group,
                method,
                JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web)
            )
        );
}
