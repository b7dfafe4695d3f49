using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Features.Ui;

public sealed record DirectoryService(
    Guid Id,
    string Code,
    string Name,
    string? NameEn,
    string? Description,
    ServiceType Type,
    int? SlaWorkingDays
);

public sealed record DirectoryDepartment(
    Guid Id,
    string Code,
    string Name,
    string? NameEn,
    string? Description,
    string? Desk,
    string? OpeningHours,
    string? Phone,
    IReadOnlyList<DirectoryService> Services
);

/// <summary>
/// The public directory of the workstation: active departments (desk, hours, phone) and their active services, by
/// the departments' order. Read-only; everyone signed in may read it.
/// </summary>
public static class DirectoryQuery
{
    public static async Task<IReadOnlyList<DirectoryDepartment>> DepartmentsAsync(
        LouyuDbContext db,
        CancellationToken ct
    )
    {
        var departments = await db
            .Departments.AsNoTracking()
            .Where(d => d.Active)
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Code)
            .ToListAsync(ct);
        var services = await db
            .WorkstationServices.AsNoTracking()
            .Where(s => s.Active)
            .OrderBy(s => s.Type)
            .ThenBy(s => s.Code)
            .ToListAsync(ct);
        var byDepartment = services.ToLookup(s => s.DepartmentId);
        return
        [
            .. departments.Select(d => new DirectoryDepartment(
                d.Id,
                d.Code,
                d.Name,
                d.NameEn,
                d.Description,
                d.Desk,
                d.OpeningHours,
                d.Phone,
                [
                    .. byDepartment[d.Id]
                        .Select(s => new DirectoryService(
                            s.Id,
                            s.Code,
                            s.Name,
                            s.NameEn,
                            s.Description,
                            s.Type,
                            s.SlaWorkingDays
                        )),
                ]
            )),
        ];
    }
}
