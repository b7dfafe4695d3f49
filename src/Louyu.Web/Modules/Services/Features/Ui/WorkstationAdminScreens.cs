using System.Security.Claims;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Modules.Services.Features.Workstation;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Ui;

/// <summary>
/// The admin pages' writes (departments, services, officers, the SLA table), passed on to
/// <see cref="WorkstationAdmin"/>. Only administrators write (as the API's policy); the pages show everything
/// read-only to the other workstation managers.
/// </summary>
public sealed class WorkstationAdminScreens(
    WorkstationAdmin admin,
    LouyuDbContext db,
    IStringLocalizer<SharedResource> text
)
{
    public async Task<ActionOutcome> SaveDepartmentAsync(
        ClaimsPrincipal user,
        Guid? id,
        IFormCollection form,
        CancellationToken ct
    )
    {
        if (!WorkstationUi.IsAdministrator(user))
            return ReadOnly();
        var (_, problem) = await admin.SaveDepartmentAsync(
            id,
            new DepartmentRequest(
                form["code"],
                form["name"],
                Clean(form["nameEn"]),
                Clean(form["description"]),
                Clean(form["desk"]),
                Clean(form["openingHours"]),
                Clean(form["phone"]),
                int.TryParse(form["sortOrder"], out var sort) ? sort : 0,
                form["active"] == "true",
                int.TryParse(form["version"], out var v) ? v : null
            ),
            ct
        );
        return Outcome(problem);
    }

    /// <summary>
    /// Saves a service with its extra questions as the form lists them (rows <c>attr[i].*</c>): a row whose code and
    /// question are both empty is left out (a new blank row, or a question removed). Errors come back on the rows.
    /// </summary>
    public async Task<ActionOutcome> SaveServiceAsync(
        ClaimsPrincipal user,
        Guid? id,
        Guid departmentId,
        IFormCollection form,
        CancellationToken ct
    )
    {
        if (!WorkstationUi.IsAdministrator(user))
            return ReadOnly();
        var kept = id is Guid sid
            ? await db
                .ServiceAttributes.AsNoTracking()
                .Where(a => a.ServiceId == sid)
                .ToDictionaryAsync(a => a.Code, ct)
            : [];
        var (attributes, rows) = ReadAttributes(form, kept);
        var raw = form["slaWorkingDays"].ToString().Trim();
        int? sla =
            raw.Length == 0 ? null
            : int.TryParse(raw, out var n) ? n
            : -1;
        var (_, problem) = await admin.SaveServiceAsync(
            id,
            new ServiceRequest(
                departmentId,
                form["code"],
                form["name"],
                form["type"],
                Clean(form["nameEn"]),
                Clean(form["description"]),
                Clean(form["keywords"]),
                sla,
                form["active"] == "true",
                attributes,
                int.TryParse(form["version"], out var v) ? v : null
            ),
            ct
        );
        if (problem?.Errors is { } errors)
            problem = problem with
            {
                Errors =
                [
                    .. errors.Select(e =>
                    {
                        // attributes[k].field (the k-th question sent) → attr[row].field (the form's row).
                        var m = System.Text.RegularExpressions.Regex.Match(
                            e.Field,
                            @"^attributes\[(\d+)\]\.(.+)$"
                        );
                        if (!m.Success)
                            return e;
                        var k = int.Parse(
                            m.Groups[1].Value,
                            System.Globalization.CultureInfo.InvariantCulture
                        );
                        return k < rows.Count
                            ? e with
                            {
                                Field = $"attr[{rows[k]}].{m.Groups[2].Value}",
                            }
                            : e;
                    }),
                ],
            };
        return Outcome(problem);
    }

    /// <summary>
    /// The questions of the form's rows and the row each came from. A list question's options are typed one a line as
    /// "key=name" (a line without "=" gets its line number as key); a question keeps its datatype description.
    /// </summary>
    internal static (List<AttributeRequest> Attributes, List<int> Rows) ReadAttributes(
        IFormCollection form,
        IReadOnlyDictionary<string, ServiceAttribute> kept
    )
    {
        var attributes = new List<AttributeRequest>();
        var rows = new List<int>();
        for (var i = 0; form.ContainsKey($"attr[{i}].code"); i++)
        {
            var code = form[$"attr[{i}].code"].ToString().Trim();
            var question = form[$"attr[{i}].description"].ToString().Trim();
            if (code.Length == 0 && question.Length == 0)
                continue;
            var type = form[$"attr[{i}].dataType"].ToString();
            IReadOnlyList<AttributeValueOption>? values = null;
            if (type is "singlevaluelist" or "multivaluelist")
            {
                var lines = form[$"attr[{i}].values"]
                    .ToString()
                    .Split(
                        '\n',
                        StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
                    );
                values =
                [
                    .. lines.Select(
                        (line, at) =>
                        {
                            var eq = line.IndexOfAny(['=', '＝']);
                            return eq < 0
                                ? new AttributeValueOption(
                                    (at + 1).ToString(
                                        System.Globalization.CultureInfo.InvariantCulture
                                    ),
                                    line
                                )
                                : new AttributeValueOption(
                                    line[..eq].Trim(),
                                    line[(eq + 1)..].Trim()
                                );
                        }
                    ),
                ];
            }
            attributes.Add(
                new AttributeRequest(
                    code,
                    type,
                    question,
                    form[$"attr[{i}].required"] == "true",
                    kept.TryGetValue(code, out var before) ? before.DataTypeDescription : null,
                    values
                )
            );
            rows.Add(i);
        }
        return (attributes, rows);
    }

    public Task<ActionOutcome> GrantOfficerAsync(
        ClaimsPrincipal user,
        Guid departmentId,
        string userName,
        CancellationToken ct
    ) => SetOfficerAsync(user, departmentId, userName, true, ct);

    public Task<ActionOutcome> RevokeOfficerAsync(
        ClaimsPrincipal user,
        Guid departmentId,
        string userName,
        CancellationToken ct
    ) => SetOfficerAsync(user, departmentId, userName, false, ct);

    private async Task<ActionOutcome> SetOfficerAsync(
        ClaimsPrincipal user,
        Guid departmentId,
        string userName,
        bool grant,
        CancellationToken ct
    )
    {
        if (!WorkstationUi.IsAdministrator(user))
            return ReadOnly();
        var (_, problem) = await admin.SetOfficerAsync(departmentId, userName, grant, ct);
        return Outcome(problem);
    }

    /// <summary>Saves the whole table at once; an empty cell removes the row (the default applies).</summary>
    public async Task<ActionOutcome> SaveSlaAsync(
        ClaimsPrincipal user,
        IReadOnlyList<(Guid DepartmentId, ServiceType Type, int? Days)> table,
        CancellationToken ct
    )
    {
        if (!WorkstationUi.IsAdministrator(user))
            return ReadOnly();
        var rows = table
            .Select(r => new SlaRow(r.DepartmentId, r.Type.ToString(), r.Days))
            .ToList();
        var (_, problem) = await admin.SetSlaAsync(new SlaTableRequest(rows), ct);
        if (problem?.Errors is { } errors)
        {
            // The API keys errors by row (rows[3].workingDays); the page's inputs are named sla-<department>-<type>.
            var byInput = new Dictionary<string, string[]>();
            foreach (var (field, key, args) in errors)
            {
                var m = System.Text.RegularExpressions.Regex.Match(field, @"^rows\[(\d+)\]");
                var i = m.Success
                    ? int.Parse(
                        m.Groups[1].Value,
                        System.Globalization.CultureInfo.InvariantCulture
                    )
                    : -1;
                var name =
                    i >= 0 && i < table.Count
                        ? $"sla-{table[i].DepartmentId:N}-{table[i].Type}"
                        : field;
                byInput[name] = [text[key, args].Value];
            }
            return new ActionOutcome(false, byInput, null);
        }
        return Outcome(problem);
    }

    private ActionOutcome ReadOnly() =>
        new(false, new Dictionary<string, string[]>(), text["WsUi.AdminReadOnly"].Value);

    private ActionOutcome Outcome(TicketProblem? p)
    {
        if (p is null)
            return ActionOutcome.Done;
        var errors = (p.Errors ?? [])
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => text[e.Key, e.Args].Value).ToArray());
        string? message = null;
        if (p.Rule is not null)
            message = text[p.Rule, p.RuleArgs ?? []].Value;
        else if (errors.Count == 0)
            message =
                p.Status == 409
                    ? text["WsUi.Stale"].Value
                    : text[p.TitleKey ?? "WsUi.NotAllowed"].Value;
        return new ActionOutcome(false, errors, message);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class WorkstationScreensSetup
{
    /// <summary>The screens' adapters over the ticket and workstation services.</summary>
    public static IServiceCollection AddWorkstationScreens(this IServiceCollection services) =>
        services.AddScoped<TicketScreens>().AddScoped<WorkstationAdminScreens>();
}
