using System.Globalization;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Tickets;

/// <summary>A ticket to file (from the web, the desk or Open311). Attributes are keyed by the service attribute code.</summary>
public sealed record FileTicket(
    Guid ServiceId,
    string Description,
    TicketChannel Channel,
    Guid? EnterpriseId,
    string FilerName,
    string? FilerPhone,
    string? FilerEmail,
    string? Address,
    string? FiledByUserId,
    string? FiledForByUserId,
    IReadOnlyDictionary<string, string> Attributes,
    string? IdempotencyKey
);

/// <summary>The ticket filed (or, for a repeated idempotency key, the one filed before: <see cref="AlreadyFiled"/>).</summary>
public sealed record FiledTicket(Guid Id, string Number, DateOnly DueOn, bool AlreadyFiled);

/// <summary>Either the ticket or field errors keyed by camelCase field (serviceId, description, attributes.&lt;code&gt; …), localised.</summary>
public sealed record FilingResult(FiledTicket? Ticket, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Ticket is not null;

    public static FilingResult Ok(FiledTicket t) => new(t, new Dictionary<string, string[]>());
}

/// <summary>
/// Files a ticket: checks it (active service, description 1–4,000 characters as Open311 allows, the service's
/// required attributes and their datatypes, the enterprise), numbers it (GZyyyyMMdd-NNNN, a sequence per day in
/// Asia/Shanghai, retried on a clash), sets the deadline by the SLA clock, records the "Filed" step, notifies the
/// department's officers and pushes "tickets-changed" to the department. The same idempotency key files one ticket
/// only, also under concurrent requests (a unique index; the loser reads the winner).
/// </summary>
public sealed class TicketFiling(
    LouyuDbContext db,
    SlaPolicy sla,
    IEnterpriseDirectory enterprises,
    Notifier notifier,
    TicketPush push,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock,
    ILogger<TicketFiling> log
)
{
    public const int MaxDescription = 4000;
    private const int MaxAttempts = 12;

    public async Task<FilingResult> FileAsync(FileTicket cmd, CancellationToken ct)
    {
        var key = string.IsNullOrWhiteSpace(cmd.IdempotencyKey) ? null : cmd.IdempotencyKey.Trim();
        if (key is { Length: > 100 })
            return Fail(("idempotencyKey", "Validation.TooLong", [100]));
        if (key is not null && await ExistingAsync(key, ct) is { } before)
            return FilingResult.Ok(before);

        var errors = new List<(string Field, string Key, object[] Args)>();
        var service = await db
            .WorkstationServices.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == cmd.ServiceId, ct);
        Department? department = null;
        if (service is not null)
            department = await db
                .Departments.AsNoTracking()
                .FirstOrDefaultAsync(d => d.Id == service.DepartmentId, ct);
        if (service is null || !service.Active || department is null || !department.Active)
            errors.Add(("serviceId", "Tickets.ServiceNotFound", []));

        var description = (cmd.Description ?? "").Trim();
        if (description.Length == 0)
            errors.Add(("description", "Validation.Required", []));
        else if (description.Length > MaxDescription)
            errors.Add(("description", "Validation.TooLong", [MaxDescription]));

        var filerName = (cmd.FilerName ?? "").Trim();
        if (filerName.Length == 0)
            errors.Add(("filerName", "Validation.Required", []));
        else if (filerName.Length > 100)
            errors.Add(("filerName", "Validation.TooLong", [100]));
        var phone = Clean(cmd.FilerPhone);
        if (phone is { Length: > 40 })
            errors.Add(("filerPhone", "Validation.TooLong", [40]));
        var email = Clean(cmd.FilerEmail);
        if (
            email is not null
            && (email.Length > 200 || !email.Contains('@') || email.Contains(' '))
        )
            errors.Add(("filerEmail", "Validation.Email", []));
        var address = Clean(cmd.Address);
        if (address is { Length: > 300 })
            errors.Add(("address", "Validation.TooLong", [300]));

        EnterpriseFacts? enterprise = null;
        if (cmd.EnterpriseId is { } eid)
        {
            enterprise = await enterprises.EnterpriseAsync(eid, ct);
            if (enterprise is null)
                errors.Add(("enterpriseId", "Validation.EnterpriseNotFound", []));
        }

        var values = new Dictionary<string, string>();
        if (service is not null)
        {
            var attributes = await db
                .ServiceAttributes.AsNoTracking()
                .Where(a => a.ServiceId == service.Id)
                .OrderBy(a => a.Order)
                .ToListAsync(ct);
            var given = cmd.Attributes ?? new Dictionary<string, string>();
            foreach (var a in attributes)
            {
                var raw = given.TryGetValue(a.Code, out var v) ? v?.Trim() : null;
                if (string.IsNullOrEmpty(raw))
                {
                    if (a.Required)
                        errors.Add(($"attributes.{a.Code}", "Validation.Required", []));
                    continue;
                }
                var (ok, normalized, problem) = CheckAttribute(a, raw);
                if (!ok)
                    errors.Add(($"attributes.{a.Code}", problem!, []));
                else
                    values[a.Code] = normalized!;
            }
        }
        if (errors.Count > 0)
            return Fail([.. errors]);

        var calendar = await sla.CalendarAsync(ct);
        var limit = await sla.LimitAsync(service!, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = sla.Today;
        var dueOn = SlaClock.Deadline(calendar, today, limit);
        var prefix = $"GZ{today:yyyyMMdd}-";
        var officers = await TicketService.OfficersAsync(db, department!.Code, ct);

        for (var attempt = 1; ; attempt++)
        {
            var number = await NextNumberAsync(prefix, attempt, ct);
            var ticket = new Ticket
            {
                Id = Guid.NewGuid(),
                Number = number,
                ServiceId = service!.Id,
                DepartmentId = department.Id,
                Type = service.Type,
                Status = TicketStatus.Submitted,
                Channel = cmd.Channel,
                EnterpriseId = enterprise?.Id,
                BuildingId = enterprise?.BuildingId,
                FiledByUserId = cmd.FiledByUserId,
                FiledForByUserId = cmd.FiledForByUserId,
                FilerName = filerName,
                FilerPhone = phone,
                FilerEmail = email,
                Description = description,
                Address = address ?? enterprise?.Location,
                FiledAtUtc = now,
                UpdatedAtUtc = now,
                SlaWorkingDays = limit,
                DueOn = dueOn,
                IdempotencyKey = key,
                Version = 1,
            };
            db.Tickets.Add(ticket);
            foreach (var (code, value) in values)
                db.TicketAttributeValues.Add(
                    new TicketAttributeValue
                    {
                        TicketId = ticket.Id,
                        Code = code,
                        Value = value,
                    }
                );
            db.TicketEvents.Add(
                new TicketEvent
                {
                    Id = Guid.NewGuid(),
                    TicketId = ticket.Id,
                    AtUtc = now,
                    Kind = TicketEventKinds.Filed,
                    StatusAfter = TicketStatus.Submitted,
                    ActorUserId = cmd.FiledForByUserId ?? cmd.FiledByUserId,
                    ActorName = filerName,
                    Note = null,
                }
            );
            await notifier.NotifyAsync(
                officers,
                text["Tickets.Notice.FiledTitle", number, service.Name].Value,
                Cut(description, 200),
                TicketLinks.Desk(ticket.Id),
                ct
            );
            push.Changed(department.Code, department.Id, ticket.Id);
            try
            {
                await db.SaveChangesAsync(ct);
                return FilingResult.Ok(new FiledTicket(ticket.Id, number, dueOn, false));
            }
            catch (DbUpdateException e) when (attempt < MaxAttempts)
            {
                db.ChangeTracker.Clear();
                if (key is not null && await ExistingAsync(key, ct) is { } winner)
                    return FilingResult.Ok(winner);
                log.LogDebug(e, "Ticket number {Number} clashed; retrying", number);
                await Task.Delay(Random.Shared.Next(5, 25 * attempt), ct);
            }
        }
    }

    /// <summary>The next free number of the day: the highest one + 1 (from the 2nd attempt on, skipping a few more to spread).</summary>
    private async Task<string> NextNumberAsync(string prefix, int attempt, CancellationToken ct)
    {
        var numbers = await db
            .Tickets.AsNoTracking()
            .Where(t => t.Number.StartsWith(prefix))
            .Select(t => t.Number)
            .ToListAsync(ct);
        var max = numbers
            .Select(n =>
                int.TryParse(
                    n.AsSpan(prefix.Length),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var x
                )
                    ? x
                    : 0
            )
            .DefaultIfEmpty(0)
            .Max();
        return $"{prefix}{max + 1:D4}";
    }

    private async Task<FiledTicket?> ExistingAsync(string key, CancellationToken ct) =>
        await db
            .Tickets.AsNoTracking()
            .Where(t => t.IdempotencyKey == key)
            .Select(t => new FiledTicket(t.Id, t.Number, t.DueOn, true))
            .FirstOrDefaultAsync(ct);

    /// <summary>Checks one answer against the attribute's Open311 datatype; returns the stored form.</summary>
    public static (bool Ok, string? Value, string? Problem) CheckAttribute(
        ServiceAttribute a,
        string raw
    )
    {
        switch (a.DataType)
        {
            case "number":
                return decimal.TryParse(
                    raw,
                    NumberStyles.Number,
                    CultureInfo.InvariantCulture,
                    out var n
                )
                    ? (true, n.ToString(CultureInfo.InvariantCulture), null)
                    : (false, null, "Tickets.AttributeNumber");
            case "datetime":
                return DateTimeOffset.TryParse(
                    raw,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal,
                    out _
                )
                    ? (true, raw, null)
                    : (false, null, "Tickets.AttributeDateTime");
            case "singlevaluelist":
                return ListKeys(a).Contains(raw)
                    ? (true, raw, null)
                    : (false, null, "Tickets.AttributeValue");
            case "multivaluelist":
                var keys = raw.Split(
                    ',',
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
                );
                var allowed = ListKeys(a);
                return keys.Length > 0 && keys.All(allowed.Contains)
                    ? (true, string.Join(",", keys.Distinct()), null)
                    : (false, null, "Tickets.AttributeValue");
            default:
                return raw.Length <= 4000
                    ? (true, raw, null)
                    : (false, null, "Tickets.AttributeTooLong");
        }
    }

    /// <summary>The keys of a list attribute's values (<see cref="ServiceAttribute.ValuesJson"/>: [{"key","name"}]).</summary>
    public static HashSet<string> ListKeys(ServiceAttribute a) =>
        [.. ListValues(a.ValuesJson).Select(v => v.Key)];

    public static IReadOnlyList<AttributeValueOption> ListValues(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        try
        {
            return JsonSerializer.Deserialize<List<AttributeValueOption>>(
                    json,
                    JsonSerializerOptions.Web
                ) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private FilingResult Fail(params (string Field, string Key, object[] Args)[] errors) =>
        new(
            null,
            errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => text[e.Key, e.Args].Value).ToArray())
        );

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n] + "…";
}

/// <summary>One value of a list attribute.</summary>
public sealed record AttributeValueOption(string Key, string Name);

/// <summary>The kinds of <see cref="TicketEvent"/>.</summary>
public static class TicketEventKinds
{
    public const string Filed = "Filed";
    public const string SignedFor = "Signed";
    public const string SentBack = "SentBack";
    public const string Rerouted = "Rerouted";
    public const string Note = "Note";
    public const string DocumentsRequested = "DocumentsRequested";
    public const string DocumentsReceived = "DocumentsReceived";
    public const string ExtensionRequested = "ExtensionRequested";
    public const string ExtensionApproved = "ExtensionApproved";
    public const string ExtensionRefused = "ExtensionRefused";
    public const string Replied = "Replied";
    public const string Closed = "Closed";
    public const string Rated = "Rated";
    public const string Reopened = "Reopened";
    public const string Escalated = "Escalated";
    public const string Reminded = "Reminded";
    public const string Attached = "Attached";
}

/// <summary>Where a ticket is shown (deskui's pages).</summary>
public static class TicketLinks
{
    public static string Desk(Guid id) => $"/services/tickets/{id}";

    public static string Mine(Guid id) => $"/m/tickets/{id}";
}
