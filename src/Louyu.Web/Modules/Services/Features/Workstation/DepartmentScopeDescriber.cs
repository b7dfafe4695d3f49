using System.Security.Claims;
using Louyu.Web.Modules.Services.Features.Ui;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Features.Workstation;

/// <summary>
/// The scope chip's names for a department officer: the workstation departments of their DepartmentOfficer grants
/// (ScopeKind.Department, ScopeId = the department's code), in the interface language and the workstation's order.
/// </summary>
public sealed class DepartmentScopeDescriber(LouyuDbContext db) : IScopeDescriber
{
    public async Task<IReadOnlyList<string>> DescribeAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var codes = WorkstationUi.OfficerDepartments(user);
        if (codes.Count == 0)
            return [];
        var rows = await db
            .Departments.AsNoTracking()
            .Where(d => codes.Contains(d.Code))
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Code)
            .Select(d => new { d.Name, d.NameEn })
            .ToListAsync(ct);
        return [.. rows.Select(d => WorkstationUi.Name(d.Name, d.NameEn))];
    }
}
