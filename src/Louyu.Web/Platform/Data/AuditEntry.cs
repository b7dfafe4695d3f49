namespace Louyu.Web.Platform.Data;

/// <summary>
/// One row of the append-only audit log (domain-rules §8.2): who, when, what, which record, before and after.
/// Database triggers refuse UPDATE and DELETE on this table.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }

    /// <summary>Added, Modified, Deleted, or Read (a sensitive read).</summary>
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? RemoteIp { get; set; }
}
