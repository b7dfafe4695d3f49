using System.Text.Json;
using System.Text.RegularExpressions;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Open311;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.Services.Features.Workstation;

public sealed record DepartmentRequest(
    string? Code,
    string? Name,
    string? NameEn = null,
    string? Description = null,
    string? Desk = null,
    string? OpeningHours = null,
    string? Phone = null,
    int SortOrder = 0,
    bool Active = true,
    int? Version = null
);

public sealed record DepartmentView(
    Guid Id,
    string Code,
    string Name,
    string? NameEn,
    string? Description,
    string? Desk,
    string? OpeningHours,
    string? Phone,
    int SortOrder,
    bool Active,
    int Version,
    int Services,
    int Officers
);

public sealed record AttributeRequest(
    string? Code,
    string? DataType,
    string? Description,
    bool Required = false,
    string? DataTypeDescription = null,
    IReadOnlyList<AttributeValueOption>? Values = null
);

public sealed record ServiceRequest(
    Guid? DepartmentId,
    string? Code,
    string? Name,
    string? Type,
    string? NameEn = null,
    string? Description = null,
    string? Keywords = null,
    int? SlaWorkingDays = null,
    bool Active = true,
    IReadOnlyList<AttributeRequest>? Attributes = null,
    int? Version = null
);

public sealed record AttributeView(
    string Code,
    string DataType,
    bool Required,
    string Description,
    string? DataTypeDescription,
    int Order,
    IReadOnlyList<AttributeValueOption> Values
);

public sealed record ServiceView(
    Guid Id,
    Guid DepartmentId,
    string DepartmentCode,
    string DepartmentName,
    string Code,
    string Name,
    string? NameEn,
    string? Description,
    string Type,
    string? Keywords,
    int? SlaWorkingDays,
    int EffectiveSlaWorkingDays,
    bool Active,
    int Version,
    IReadOnlyList<AttributeView> Attributes
);

public sealed record OfficerRequest(string? UserName);

public sealed record OfficerView(string UserId, string UserName, string DisplayName);

public sealed record SlaRow(Guid DepartmentId, string Type, int? WorkingDays);

public sealed record SlaTableRequest(IReadOnlyList<SlaRow>? Rows);

/// <summary>The SLA settings: the defaults per type and the department × type rows that override them.</summary>
public sealed record SlaTable(
    int ConsultWorkingDays,
    int AcceptWorkingDays,
    int ComplainWorkingDays,
    int ReminderWorkingDays,
    IReadOnlyList<SlaRow> Rows
);

/// <summary>
/// The workstation's departments, their services (with Open311 attributes), their officers (the DepartmentOfficer
/// grant on the department's code) and the SLA table. Anyone signed in reads; an administrator writes.
/// </summary>
public sealed partial class WorkstationAdmin(
    LouyuDbContext db,
    IOptions<SlaOptions> sla,
    TimeProvider clock
)
{
    /// <summary>The Open311 datatypes an attribute may have.</summary>
    public static readonly string[] DataTypes = Open311Mapping.DataTypes;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();

    // ------------------------------------------------------------ departments

    public async Task<IReadOnlyList<DepartmentView>> DepartmentsAsync(
        bool includeInactive,
        CancellationToken ct
    )
    {
        var list = await db
            .Departments.AsNoTracking()
            .Where(d => includeInactive || d.Active)
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Code)
            .ToListAsync(ct);
        var services = await db
            .WorkstationServices.AsNoTracking()
            .GroupBy(s => s.DepartmentId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var officers = await db
            .RoleGrants.AsNoTracking()
            .Where(g =>
                g.Role == LouyuRoles.DepartmentOfficer && g.ScopeKind == ScopeKind.Department
            )
            .GroupBy(g => g.ScopeId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToListAsync(ct);
        return
        [
            .. list.Select(d =>
                View(
                    d,
                    services.GetValueOrDefault(d.Id),
                    officers.FirstOrDefault(o => o.Key == d.Code)?.N ?? 0
                )
            ),
        ];
    }

    private static DepartmentView View(Department d, int services, int officers) =>
        new(
            d.Id,
            d.Code,
            d.Name,
            d.NameEn,
            d.Description,
            d.Desk,
            d.OpeningHours,
            d.Phone,
            d.SortOrder,
            d.Active,
            d.Version,
            services,
            officers
        );

    public async Task<(DepartmentView? Department, TicketProblem? Problem)> SaveDepartmentAsync(
        Guid? id,
        DepartmentRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        var code = Code(errors, r.Code, 40);
        var name = Required(errors, "name", r.Name, 100);
        Optional(errors, "nameEn", r.NameEn, 100);
        Optional(errors, "description", r.Description, 1000);
        Optional(errors, "desk", r.Desk, 100);
        Optional(errors, "openingHours", r.OpeningHours, 200);
        Optional(errors, "phone", r.Phone, 40);
        if (errors.Count > 0)
            return (null, new TicketProblem(400, Errors: errors));
        var (d, problem) = await EditAsync(
            db.Departments,
            id,
            code,
            r.Version,
            () => new Department { Code = code, Name = name! },
            ct
        );
        if (d is null)
            return (null, problem);
        d.Name = name!;
        d.NameEn = Clean(r.NameEn);
        d.Description = Clean(r.Description);
        d.Desk = Clean(r.Desk);
        d.OpeningHours = Clean(r.OpeningHours);
        d.Phone = Clean(r.Phone);
        d.SortOrder = r.SortOrder;
        d.Active = r.Active;
        if (await SaveAsync(ct) is { } saveProblem)
            return (null, saveProblem);
        return ((await DepartmentsAsync(true, ct)).First(x => x.Id == d.Id), null);
    }

    // ------------------------------------------------------------ services

    public async Task<IReadOnlyList<ServiceView>> ServicesAsync(
        Guid? departmentId,
        bool includeInactive,
        CancellationToken ct
    )
    {
        var services = await db
            .WorkstationServices.AsNoTracking()
            .Where(s =>
                (departmentId == null || s.DepartmentId == departmentId)
                && (includeInactive || s.Active)
            )
            .OrderBy(s => s.Code)
            .ToListAsync(ct);
        var ids = services.Select(s => s.Id).ToList();
        var attributes = await db
            .ServiceAttributes.AsNoTracking()
            .Where(a => ids.Contains(a.ServiceId))
            .OrderBy(a => a.Order)
            .ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, ct);
        var rows = await db.DepartmentSlas.AsNoTracking().ToListAsync(ct);
        return
        [
            .. services
                .Select(s =>
                {
                    var d = departments[s.DepartmentId];
                    var row = rows.FirstOrDefault(x =>
                        x.DepartmentId == s.DepartmentId && x.Type == s.Type
                    );
                    return new ServiceView(
                        s.Id,
                        s.DepartmentId,
                        d.Code,
                        d.Name,
                        s.Code,
                        s.Name,
                        s.NameEn,
                        s.Description,
                        s.Type.ToString(),
                        s.Keywords,
                        s.SlaWorkingDays,
                        SlaClock.LimitFor(s.Type, s.SlaWorkingDays, row?.WorkingDays, sla.Value),
                        s.Active,
                        s.Version,
                        [
                            .. attributes
                                .Where(a => a.ServiceId == s.Id)
                                .Select(a => new AttributeView(
                                    a.Code,
                                    a.DataType,
                                    a.Required,
                                    a.Description,
                                    a.DataTypeDescription,
                                    a.Order,
                                    TicketFiling.ListValues(a.ValuesJson)
                                )),
                        ]
                    );
                })
                .OrderBy(s => departments[s.DepartmentId].SortOrder)
                .ThenBy(s => s.Code),
        ];
    }

    public async Task<(ServiceView? Service, TicketProblem? Problem)> SaveServiceAsync(
        Guid? id,
        ServiceRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        var code = Code(errors, r.Code, 60);
        var name = Required(errors, "name", r.Name, 200);
        Optional(errors, "nameEn", r.NameEn, 200);
        Optional(errors, "description", r.Description, 2000);
        Optional(errors, "keywords", r.Keywords, 300);
        ServiceType type = default;
        if (
            string.IsNullOrWhiteSpace(r.Type)
            || !Enum.TryParse(r.Type.Trim(), true, out type)
            || !Enum.IsDefined(type)
            || int.TryParse(r.Type, out _)
        )
            errors.Add(("type", "Workstation.TypeUnknown", []));
        if (r.SlaWorkingDays is < 1 or > 365)
            errors.Add(("slaWorkingDays", "Validation.Range", [1, 365]));
        if (
            r.DepartmentId is null
            || !await db.Departments.AnyAsync(d => d.Id == r.DepartmentId, ct)
        )
            errors.Add(("departmentId", "Workstation.DepartmentNotFound", []));
        var attrs = r.Attributes ?? [];
        var seen = new HashSet<string>();
        for (var i = 0; i < attrs.Count; i++)
        {
            var a = attrs[i];
            var p = $"attributes[{i}].";
            var ac = (a.Code ?? "").Trim();
            if (ac.Length == 0)
                errors.Add((p + "code", "Validation.Required", []));
            else if (ac.Length > 60 || !Regex.IsMatch(ac, "^[A-Za-z0-9_-]+$"))
                errors.Add((p + "code", "Workstation.CodeFormat", []));
            else if (!seen.Add(ac))
                errors.Add((p + "code", "Workstation.DuplicateAttribute", []));
            if (!DataTypes.Contains(a.DataType))
                errors.Add(
                    (p + "dataType", "Workstation.DataTypeUnknown", [string.Join(", ", DataTypes)])
                );
            else if (
                a.DataType is "singlevaluelist" or "multivaluelist"
                && (
                    a.Values is not { Count: > 0 }
                    || a.Values.Any(v =>
                        string.IsNullOrWhiteSpace(v.Key) || string.IsNullOrWhiteSpace(v.Name)
                    )
                )
            )
                errors.Add((p + "values", "Workstation.ValuesRequired", []));
            Required(errors, p + "description", a.Description, 500);
            Optional(errors, p + "dataTypeDescription", a.DataTypeDescription, 500);
        }
        if (errors.Count > 0)
            return (null, new TicketProblem(400, Errors: errors));
        var (s, problem) = await EditAsync(
            db.WorkstationServices,
            id,
            code,
            r.Version,
            () => new WorkstationService { Code = code, Name = name! },
            ct
        );
        if (s is null)
            return (null, problem);
        if (id is not null)
            db.ServiceAttributes.RemoveRange(
                await db.ServiceAttributes.Where(a => a.ServiceId == s.Id).ToListAsync(ct)
            );
        s.DepartmentId = r.DepartmentId!.Value;
        s.Name = name!;
        s.NameEn = Clean(r.NameEn);
        s.Description = Clean(r.Description);
        s.Type = type;
        s.Keywords = Clean(r.Keywords);
        s.SlaWorkingDays = r.SlaWorkingDays;
        s.Active = r.Active;
        for (var i = 0; i < attrs.Count; i++)
        {
            var a = attrs[i];
            db.ServiceAttributes.Add(
                new ServiceAttribute
                {
                    Id = Guid.NewGuid(),
                    ServiceId = s.Id,
                    Code = a.Code!.Trim(),
                    DataType = a.DataType!,
                    Required = a.Required,
                    Description = a.Description!.Trim(),
                    DataTypeDescription = Clean(a.DataTypeDescription),
                    Order = i + 1,
                    ValuesJson = a.Values is { Count: > 0 }
                        ? JsonSerializer.Serialize(
                            a.Values.Select(v => new AttributeValueOption(
                                v.Key.Trim(),
                                v.Name.Trim()
                            )),
                            JsonSerializerOptions.Web
                        )
                        : null,
                }
            );
        }
        if (await SaveAsync(ct) is { } saveProblem)
            return (null, saveProblem);
        return ((await ServicesAsync(null, true, ct)).First(x => x.Id == s.Id), null);
    }

    // ------------------------------------------------------------ officers

    public async Task<IReadOnlyList<OfficerView>?> OfficersAsync(
        Guid departmentId,
        CancellationToken ct
    )
    {
        var d = await db
            .Departments.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == departmentId, ct);
        if (d is null)
            return null;
        var ids = await TicketService.OfficersAsync(db, d.Code, ct);
        return await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .OrderBy(u => u.UserName)
            .Select(u => new OfficerView(u.Id, u.UserName!, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>Grants (or, with <paramref name="grant"/> false, revokes) the DepartmentOfficer role on the department.</summary>
    public async Task<(
        IReadOnlyList<OfficerView>? Officers,
        TicketProblem? Problem
    )> SetOfficerAsync(Guid departmentId, string? userName, bool grant, CancellationToken ct)
    {
        var d = await db
            .Departments.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == departmentId, ct);
        if (d is null)
            return (null, TicketProblem.NotFound);
        var name = (userName ?? "").Trim();
        if (name.Length == 0)
            return (null, TicketProblem.Invalid("userName", "Validation.Required"));
        var normalized = name.ToUpperInvariant();
        var user = await db
            .Users.AsNoTracking()
            .FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct);
        if (user is null)
            return (null, TicketProblem.Invalid("userName", "Validation.UserNotFound"));
        var existing = await db
            .RoleGrants.Where(g =>
                g.UserId == user.Id
                && g.Role == LouyuRoles.DepartmentOfficer
                && g.ScopeKind == ScopeKind.Department
                && g.ScopeId == d.Code
            )
            .ToListAsync(ct);
        if (grant && existing.Count == 0)
            db.RoleGrants.Add(
                new RoleGrant
                {
                    Id = Guid.NewGuid(),
                    UserId = user.Id,
                    Role = LouyuRoles.DepartmentOfficer,
                    ScopeKind = ScopeKind.Department,
                    ScopeId = d.Code,
                }
            );
        else if (!grant)
            db.RoleGrants.RemoveRange(existing);
        await db.SaveChangesAsync(ct);
        return (await OfficersAsync(departmentId, ct), null);
    }

    // ------------------------------------------------------------ SLA table

    public async Task<SlaTable> SlaAsync(CancellationToken ct)
    {
        var rows = await db.DepartmentSlas.AsNoTracking().ToListAsync(ct);
        var o = sla.Value;
        return new SlaTable(
            o.ConsultWorkingDays,
            o.AcceptWorkingDays,
            o.ComplainWorkingDays,
            o.ReminderWorkingDays,
            [
                .. rows.OrderBy(r => r.DepartmentId)
                    .ThenBy(r => r.Type)
                    .Select(r => new SlaRow(r.DepartmentId, r.Type.ToString(), r.WorkingDays)),
            ]
        );
    }

    /// <summary>Sets the given rows (workingDays null removes the row: the default applies again); all or nothing.</summary>
    public async Task<(SlaTable? Table, TicketProblem? Problem)> SetSlaAsync(
        SlaTableRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        var rows = r.Rows ?? [];
        var departments = await db.Departments.AsNoTracking().Select(d => d.Id).ToListAsync(ct);
        var parsed = new List<(Guid, ServiceType, int?)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var x = rows[i];
            var ok = true;
            if (!departments.Contains(x.DepartmentId))
            {
                errors.Add(($"rows[{i}].departmentId", "Workstation.DepartmentNotFound", []));
                ok = false;
            }
            if (
                !Enum.TryParse<ServiceType>(x.Type, true, out var type)
                || !Enum.IsDefined(type)
                || int.TryParse(x.Type, out _)
            )
            {
                errors.Add(($"rows[{i}].type", "Workstation.TypeUnknown", []));
                ok = false;
            }
            if (x.WorkingDays is < 1 or > 365)
            {
                errors.Add(($"rows[{i}].workingDays", "Validation.Range", [1, 365]));
                ok = false;
            }
            if (ok)
                parsed.Add((x.DepartmentId, type, x.WorkingDays));
        }
        if (errors.Count > 0)
            return (null, new TicketProblem(400, Errors: errors));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (dept, type, days) in parsed)
        {
            var row = await db.DepartmentSlas.FirstOrDefaultAsync(
                s => s.DepartmentId == dept && s.Type == type,
                ct
            );
            if (days is null)
            {
                if (row is not null)
                    db.DepartmentSlas.Remove(row);
                continue;
            }
            if (row is null)
                db.DepartmentSlas.Add(row = new DepartmentSla { DepartmentId = dept, Type = type });
            row.WorkingDays = days.Value;
            row.UpdatedAtUtc = now;
            row.Version++;
        }
        await db.SaveChangesAsync(ct);
        return (await SlaAsync(ct), null);
    }

    private static readonly TicketProblem DuplicateCode = new(409, "Workstation.DuplicateCode");

    /// <summary>
    /// The record a save writes to: a new one (version 1) when <paramref name="id"/> is null, else the stored one
    /// (404) at the caller's <paramref name="version"/> (409) with its code unchanged (400), its version bumped; 409
    /// when another record has the code.
    /// </summary>
    private async Task<(T? Record, TicketProblem? Problem)> EditAsync<T>(
        DbSet<T> set,
        Guid? id,
        string code,
        int? version,
        Func<T> create,
        CancellationToken ct
    )
        where T : class, ICodedRecord
    {
        T? row;
        if (id is null)
        {
            row = create();
            row.Id = Guid.NewGuid();
            row.Version = 1;
            set.Add(row);
        }
        else
        {
            row = await set.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (row is null)
                return (null, TicketProblem.NotFound);
            if (version is { } v && v != row.Version)
                return (null, TicketProblem.Stale);
            if (row.Code != code)
                return (null, TicketProblem.Invalid("code", "Workstation.CodeFixed"));
            row.Version++;
        }
        if (await set.AnyAsync(x => x.Code == code && x.Id != row.Id, ct))
            return (null, DuplicateCode);
        return (row, null);
    }

    /// <summary>Saves the unit of work: a concurrent change is 409 stale, a unique index (the code) 409 duplicate.</summary>
    private async Task<TicketProblem?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return TicketProblem.Stale;
        }
        catch (DbUpdateException)
        {
            return DuplicateCode;
        }
    }

    /// <summary>A code: required, lower case, at most <paramref name="max"/> characters of a–z, 0–9 and "-".</summary>
    private static string Code(List<(string, string, object[])> errors, string? value, int max)
    {
        var code = (value ?? "").Trim().ToLowerInvariant();
        if (code.Length == 0)
            errors.Add(("code", "Validation.Required", []));
        else if (code.Length > max)
            errors.Add(("code", "Validation.TooLong", [max]));
        else if (!CodePattern().IsMatch(code))
            errors.Add(("code", "Workstation.CodeFormat", []));
        return code;
    }

    private static string? Required(
        List<(string, string, object[])> errors,
        string field,
        string? value,
        int max
    )
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0)
            errors.Add((field, "Validation.Required", []));
        else if (v.Length > max)
            errors.Add((field, "Validation.TooLong", [max]));
        return v;
    }

    private static void Optional(
        List<(string, string, object[])> errors,
        string field,
        string? value,
        int max
    )
    {
        if ((value ?? "").Trim().Length > max)
            errors.Add((field, "Validation.TooLong", [max]));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
