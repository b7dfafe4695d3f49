using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Outbox;

/// <summary>
/// A side effect (an e-mail, a live push) written in the same transaction as the change that caused it and sent
/// after commit by <see cref="OutboxDispatcher"/> (architecture.md "Rules of the house").
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>Which sender handles it: <see cref="OutboxKinds.Email"/> or <see cref="OutboxKinds.Push"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The message as JSON (shape per kind).</summary>
    public required string Payload { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>Claimed by one dispatcher until then (several instances may run).</summary>
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }

    /// <summary>Set when the last attempt failed; <see cref="FailedAtUtc"/> once retries are exhausted.</summary>
    public string? LastError { get; set; }
    public DateTime? FailedAtUtc { get; set; }
}

public static class OutboxKinds
{
    public const string Email = "email";
    public const string Push = "push";

    /// <summary>A live message to a SignalR group (e.g. a department's queue: "department:tax").</summary>
    public const string GroupPush = "group-push";
}

/// <summary>A live message to every connection of a group; <see cref="Data"/> is sent as the method's argument.</summary>
public sealed record GroupPushPayload(
    string Group,
    string Method,
    System.Text.Json.JsonElement Data
);

public sealed record EmailPayload(string To, string Subject, string Body);

public sealed record PushPayload(
    string UserId,
    string Method,
    string Title,
    string Body,
    string? Link
);

public static class OutboxModelConfiguration
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<OutboxMessage>(e =>
        {
            e.ToTable("OutboxMessages");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Payload).HasMaxLength(20000);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasIndex(x => new { x.SentAtUtc, x.NextAttemptAtUtc });
        });
    }
}
