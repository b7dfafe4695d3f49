using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.PocketMembers;

/// <summary>A pocket member (口袋党员): where they work and where their relationship sits, resident ID masked.</summary>
public sealed record PocketMemberResponse(
    Guid Id,
    string Name,
    string ResidentId,
    string Gender,
    string Status,
    string? Phone,
    Guid EnterpriseId,
    string EnterpriseName,
    Guid BuildingId,
    string BuildingName,
    string? RelationshipHeldAt
);

/// <summary>
/// Pocket members: party members (probationary or full) whose enterprise is resident in one of the caller's
/// buildings and who have no current spell in any Louyu organisation — their relationship sits elsewhere (the demo
/// models them so; see DemoScenarioGenerator). Found by the roles that keep building records (committee secretary,
/// party worker, administrator); registered through POST /api/v1/members without an organisation.
/// </summary>
public sealed class PocketMemberQuery(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    public DateOnly Today => ShanghaiTime.Today(clock);

    public async Task<Outcome<Paged<PocketMemberResponse>>> ListAsync(
        ClaimsPrincipal user,
        string? buildingId,
        string? enterpriseId,
        int? pageNumber,
        int? pageSize,
        CancellationToken ct
    )
    {
        var access = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        if (access.Buildings.IsEmpty)
            return Outcome<Paged<PocketMemberResponse>>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, pageNumber, pageSize);
        var building = FieldRules.Id(errors, "buildingId", buildingId, false);
        var enterprise = FieldRules.Id(errors, "enterpriseId", enterpriseId, false);
        if (errors.Count > 0)
            return Outcome<Paged<PocketMemberResponse>>.Invalid(errors);
        if (building is not null && !access.Buildings.Allows(building.Value))
            return Outcome<Paged<PocketMemberResponse>>.Forbidden();
        var today = Today;
        var enterprises = db
            .Enterprises.AsNoTracking()
            .Where(e => e.MovedInOn <= today && (e.MovedOutOn == null || e.MovedOutOn > today));
        if (access.Buildings.Filter is { } ids)
            enterprises = enterprises.Where(e => ids.Contains(e.BuildingId));
        if (building is not null)
            enterprises = enterprises.Where(e => e.BuildingId == building.Value);
        if (enterprise is not null)
            enterprises = enterprises.Where(e => e.Id == enterprise.Value);
        var rows =
            from m in db.Members.AsNoTracking()
            join e in enterprises on m.EnterpriseId equals e.Id
            join b in db.Buildings on e.BuildingId equals b.Id
            where
                (m.Status == MemberStatus.Probationary || m.Status == MemberStatus.Full)
                && !db.MemberSpells.Any(s => s.MemberId == m.Id && s.ToDate == null)
            select new
            {
                m.Id,
                m.Name,
                m.ResidentIdMasked,
                m.Gender,
                m.Status,
                m.Phone,
                EnterpriseId = e.Id,
                EnterpriseName = e.Name,
                BuildingId = b.Id,
                BuildingName = b.Name,
                m.RelationshipHeldAt,
            };
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.BuildingName)
            .ThenBy(r => r.EnterpriseName)
            .ThenBy(r => r.Name)
            .ThenBy(r => r.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<PocketMemberResponse>>.Ok(
            new(
                [
                    .. items.Select(r => new PocketMemberResponse(
                        r.Id,
                        r.Name,
                        r.ResidentIdMasked,
                        r.Gender.ToString(),
                        r.Status.ToString(),
                        r.Phone is null ? null : MemberRecordRules.MaskPhone(r.Phone),
                        r.EnterpriseId,
                        r.EnterpriseName,
                        r.BuildingId,
                        r.BuildingName,
                        r.RelationshipHeldAt
                    )),
                ],
                page,
                size,
                total
            )
        );
    }
}
