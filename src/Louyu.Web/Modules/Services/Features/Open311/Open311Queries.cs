using System.Globalization;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Open311;

/// <summary>What GET requests.json asks for, already checked (see <see cref="Open311Endpoints"/>).</summary>
public sealed record Open311RequestQuery(
    IReadOnlyList<string> ServiceRequestIds,
    IReadOnlyList<string> ServiceCodes,
    DateTime FromUtc,
    DateTime ToUtc,
    TicketStatus[]? Statuses
);

/// <summary>
/// The read side of Open311 GeoReport v2: services of active departments, service definitions, requests (tickets)
/// by id or by filters, each with its status notes in the caller's language (zh-CN default, en-US by
/// Accept-Language). Requests are public by the spec's design (no key needed to read), so only what a
/// citizen-facing tracker shows goes out: no filer name, phone or e-mail; notes[] carries public steps only.
/// </summary>
public sealed class Open311Queries(LouyuDbContext db, IStringLocalizer<SharedResource> text)
{
    private static bool English =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private static string Name(string zh, string? en) =>
        English && !string.IsNullOrWhiteSpace(en) ? en : zh;

    public async Task<IReadOnlyList<Open311Service>> ServicesAsync(CancellationToken ct)
    {
        var rows = await (
            from s in db.Set<WorkstationService>()
            join d in db.Set<Department>() on s.DepartmentId equals d.Id
            where s.Active && d.Active
            orderby d.SortOrder, d.Code, s.Code
            select new
            {
                s.Id,
                s.Code,
                s.Name,
                s.NameEn,
                s.Description,
                s.Keywords,
                Department = d.Name,
                DepartmentEn = d.NameEn,
                HasAttributes = db.Set<ServiceAttribute>().Any(a => a.ServiceId == s.Id),
            }
        ).ToListAsync(ct);
        return
        [
            .. rows.Select(r => new Open311Service(
                r.Code,
                Name(r.Name, r.NameEn),
                r.Description,
                r.HasAttributes,
                "realtime",
                r.Keywords,
                Name(r.Department, r.DepartmentEn)
            )),
        ];
    }

    /// <summary>The definition of an active service of an active department; null when there is none.</summary>
    public async Task<Open311ServiceDefinition?> DefinitionAsync(string code, CancellationToken ct)
    {
        var service = await ActiveServiceAsync(code, ct);
        if (service is null)
            return null;
        var attributes = await db.Set<ServiceAttribute>()
            .Where(a => a.ServiceId == service.Id)
            .OrderBy(a => a.Order)
            .ThenBy(a => a.Code)
            .ToListAsync(ct);
        return new Open311ServiceDefinition(
            service.Code,
            [
                .. attributes.Select(a => new Open311Attribute(
                    true,
                    a.Code,
                    a.DataType,
                    a.Required,
                    a.DataTypeDescription,
                    a.Order,
                    a.Description,
                    Open311Mapping.Values(a.ValuesJson)
                )),
            ]
        );
    }

    /// <summary>An active service of an active department by its service_code (exact match).</summary>
    public Task<WorkstationService?> ActiveServiceAsync(string code, CancellationToken ct) =>
        (
            from s in db.Set<WorkstationService>()
            join d in db.Set<Department>() on s.DepartmentId equals d.Id
            where s.Code == code && s.Active && d.Active
            select s
        ).FirstOrDefaultAsync(ct);

    private sealed record Row(
        Guid Id,
        string Number,
        TicketStatus Status,
        string Description,
        string? Address,
        DateTime FiledAtUtc,
        DateTime UpdatedAtUtc,
        DateOnly DueOn,
        DateOnly? PausedSince,
        string? Reply,
        string ServiceCode,
        string ServiceName,
        string? ServiceNameEn,
        string Department,
        string? DepartmentEn,
        double? Lat,
        double? Lng,
        string? AddressId,
        string? MediaUrl
    );

    private IQueryable<Row> Rows(IQueryable<Ticket> tickets) =>
        from t in tickets
        join s in db.Set<WorkstationService>() on t.ServiceId equals s.Id
        join d in db.Set<Department>() on t.DepartmentId equals d.Id
        join o in db.Set<Open311RequestInfo>() on t.Id equals o.TicketId into os
        from o in os.DefaultIfEmpty()
        select new Row(
            t.Id,
            t.Number,
            t.Status,
            t.Description,
            t.Address,
            t.FiledAtUtc,
            t.UpdatedAtUtc,
            t.DueOn,
            t.PausedSince,
            t.Reply,
            s.Code,
            s.Name,
            s.NameEn,
            d.Name,
            d.NameEn,
            o == null ? null : o.Lat,
            o == null ? null : o.Lng,
            o == null ? null : o.AddressId,
            o == null ? null : o.MediaUrl
        );

    /// <summary>GET requests.json: newest first, at most 1,000 (GeoReport v2 "Response Volume").</summary>
    public async Task<IReadOnlyList<Open311Request>> RequestsAsync(
        Open311RequestQuery q,
        CancellationToken ct
    )
    {
        IQueryable<Ticket> tickets = db.Set<Ticket>().AsNoTracking();
        if (q.ServiceRequestIds.Count > 0)
        {
            // "This overrides all other arguments."
            var ids = q.ServiceRequestIds.Take(Open311Mapping.MaxResults).ToList();
            tickets = tickets.Where(t => ids.Contains(t.Number));
        }
        else
        {
            tickets = tickets.Where(t => t.FiledAtUtc >= q.FromUtc && t.FiledAtUtc <= q.ToUtc);
            if (q.ServiceCodes.Count > 0)
            {
                var codes = q.ServiceCodes.ToList();
                var serviceIds = await db.Set<WorkstationService>()
                    .Where(s => codes.Contains(s.Code))
                    .Select(s => s.Id)
                    .ToListAsync(ct);
                tickets = tickets.Where(t => serviceIds.Contains(t.ServiceId));
            }
            if (q.Statuses is { } statuses)
                tickets = tickets.Where(t => statuses.Contains(t.Status));
        }
        var rows = await Rows(
                tickets.OrderByDescending(t => t.FiledAtUtc).Take(Open311Mapping.MaxResults)
            )
            .ToListAsync(ct);
        // The join keeps the order of the inner query on both providers, but say it again to be sure.
        return [.. rows.OrderByDescending(r => r.FiledAtUtc).Select(r => Map(r, null))];
    }

    /// <summary>GET requests/{id}.json: the ticket by its number, with the public steps as notes[]; null when unknown.</summary>
    public async Task<Open311Request?> RequestAsync(string number, CancellationToken ct)
    {
        var row = await Rows(db.Set<Ticket>().AsNoTracking().Where(t => t.Number == number))
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var events = await db.Set<TicketEvent>()
            .AsNoTracking()
            .Where(e => e.TicketId == row.Id && e.Public)
            .OrderBy(e => e.AtUtc)
            .Select(e => new
            {
                e.AtUtc,
                e.Kind,
                e.StatusAfter,
                e.Note,
            })
            .ToListAsync(ct);
        var notes = events
            .Select(e => new Open311Note(
                Open311Mapping.W3c(e.AtUtc),
                Open311Mapping.NoteType(e.Kind),
                e.StatusAfter is { } s ? Open311Mapping.Status(s) : null,
                EventSummary(e.Kind),
                string.IsNullOrWhiteSpace(e.Note) ? null : e.Note
            ))
            .ToList();
        return Map(row, notes);
    }

    private string EventSummary(string kind)
    {
        var s = text["Open311.Event." + kind];
        return s.ResourceNotFound ? kind : s.Value;
    }

    /// <summary>The detailed state in words (GeoReport v2 status_notes).</summary>
    public string StatusNotes(TicketStatus status, DateOnly dueOn, string? reply) =>
        status switch
        {
            TicketStatus.AwaitingDocuments => text["Open311.Status.AwaitingDocuments"].Value,
            TicketStatus.Replied or TicketStatus.Closed when !string.IsNullOrWhiteSpace(reply) =>
                text["Open311.Status." + status + "WithReply", reply].Value,
            _ => text[
                "Open311.Status." + status,
                dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            ].Value,
        };

    /// <summary>What to expect (GeoReport v2 service_notice): the deadline in working days.</summary>
    public string ServiceNotice(DateOnly dueOn) =>
        text["Open311.Notice", dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)].Value;

    private Open311Request Map(Row r, IReadOnlyList<Open311Note>? notes) =>
        new(
            r.Number,
            Open311Mapping.Status(r.Status),
            StatusNotes(r.Status, r.DueOn, r.Reply),
            Name(r.ServiceName, r.ServiceNameEn),
            r.ServiceCode,
            r.Description,
            Name(r.Department, r.DepartmentEn),
            ServiceNotice(r.DueOn),
            Open311Mapping.W3c(r.FiledAtUtc),
            Open311Mapping.W3c(r.UpdatedAtUtc),
            // A paused clock has no deadline until the documents arrive.
            r.Status == TicketStatus.AwaitingDocuments
                ? null
                : Open311Mapping.W3c(r.DueOn),
            r.Address,
            r.AddressId,
            null,
            r.Lat,
            r.Lng,
            r.MediaUrl,
            notes
        );
}
