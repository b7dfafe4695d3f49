using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;

public sealed record NewMobileRequest(
    string? MemberId,
    string? CertificateNumber,
    string? Destination,
    string? Reason,
    string? LeftOn,
    string? PlannedUntil = null,
    bool? FixedPlace = null,
    string? AttendsAt = null,
    string? PaysDuesAt = null
);

public sealed record EndMobileRequest(string? EndedOn);

public sealed record MobileResponse(
    Guid Id,
    Guid MemberId,
    string MemberName,
    Guid OrganizationId,
    string? OrganizationName,
    string CertificateNumber,
    string Destination,
    string Reason,
    DateOnly LeftOn,
    DateOnly? PlannedUntil,
    bool FixedPlace,
    string? AttendsAt,
    string? PaysDuesAt,
    DateOnly? EndedOn,
    bool TransferDue,
    DateOnly? TransferDueOn,
    string TransferRule,
    int Version
);

/// <summary>
/// Mobile members (流动党员, domain-rules §5.3, §5.5): registration with destination, reason and period, the
/// activity certificate's number, where they attend organisational life and pay dues; the member's organisational
/// status becomes Mobile (and Normal again when the registration ends). A member away at a fixed place for six
/// months or more is flagged for a transfer (第二十五条). Scope as for transfers: by the member's organisation.
/// </summary>
public sealed class MobileMemberService(
    LouyuDbContext db,
    IPartyDirectory directory,
    TimeProvider clock
)
{
    private DateOnly Today => ShanghaiTime.Today(clock);

    private static IQueryable<MobileRegistration> Scoped(
        IQueryable<MobileRegistration> rows,
        PartyScope s
    )
    {
        if (s.Buildings.All)
            return rows;
        var b = s.Buildings.BuildingIds.ToArray();
        var o = s.Organizations.ToArray();
        return rows.Where(x => b.Contains(x.BuildingId) || o.Contains(x.OrganizationId));
    }

    public async Task<(IReadOnlyList<MobileResponse>? Rows, CaseProblem? Problem)> ListAsync(
        ClaimsPrincipal user,
        bool current,
        bool transferDueOnly,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var rows = Scoped(db.MobileRegistrations.AsNoTracking(), scope);
        if (current || transferDueOnly)
            rows = rows.Where(x => x.EndedOn == null);
        if (transferDueOnly)
        {
            // Flagged: a fixed place, and either six months gone or planned for six months or more (refined below).
            var sixMonthsAgo = Today.AddMonths(-TransferRules.AwayMonthsForTransfer);
            rows = rows.Where(x =>
                x.FixedPlace && (x.LeftOn <= sixMonthsAgo || x.PlannedUntil != null)
            );
        }
        var list = await rows.OrderBy(x => x.LeftOn).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
        var names = await OrganizationNamesAsync(user, ct);
        var result = list.Select(x => Describe(x, names)).ToList();
        if (transferDueOnly)
            result = [.. result.Where(x => x.TransferDue)];
        return (result, null);
    }

    /// <summary>A current registration flagged for a transfer (第二十五条), for the to-do list.</summary>
    public sealed record TransferDueRow(
        Guid Id,
        string MemberName,
        Guid OrganizationId,
        DateOnly DueOn,
        bool Late
    );

    /// <summary>
    /// Current registrations in the list's scope flagged for a transfer (<see cref="TransferRules.TransferDueOn"/>):
    /// due six months after leaving, late from then on; the count and the oldest <paramref name="limit"/>.
    /// </summary>
    public async Task<(int Total, int Late, IReadOnlyList<TransferDueRow> Items)> TransferDueAsync(
        ClaimsPrincipal user,
        int limit,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (0, 0, []);
        var today = Today;
        var sixMonthsAgo = today.AddMonths(-TransferRules.AwayMonthsForTransfer);
        // Same pre-filter as the list's transferDue view, refined by the rule below.
        var list = await Scoped(db.MobileRegistrations.AsNoTracking(), scope)
            .Where(x =>
                x.EndedOn == null
                && x.FixedPlace
                && (x.LeftOn <= sixMonthsAgo || x.PlannedUntil != null)
            )
            .OrderBy(x => x.LeftOn)
            .ThenBy(x => x.Id)
            .Select(x => new
            {
                x.Id,
                x.MemberName,
                x.OrganizationId,
                x.LeftOn,
                x.PlannedUntil,
            })
            .Take(500)
            .ToListAsync(ct);
        var due = list.Where(x =>
                TransferRules.TransferDueOn(x.LeftOn, x.PlannedUntil, true, today) is not null
            )
            .Select(x =>
            {
                var on = x.LeftOn.AddMonths(TransferRules.AwayMonthsForTransfer);
                return new TransferDueRow(x.Id, x.MemberName, x.OrganizationId, on, today >= on);
            })
            .ToList();
        return (due.Count, due.Count(d => d.Late), [.. due.Take(Math.Clamp(limit, 1, 200))]);
    }

    private async Task<Dictionary<Guid, string>> OrganizationNamesAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    ) => (await directory.OrganizationsAsync(user, ct)).ToDictionary(o => o.Id, o => o.Name);

    public async Task<(MobileResponse?, CaseProblem?)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        var x = await Scoped(db.MobileRegistrations.AsNoTracking(), scope)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        return x is null
            ? (null, new CaseProblem(404, "Problem.NotFound"))
            : (Describe(x, await OrganizationNamesAsync(user, ct)), null);
    }

    public async Task<(MobileResponse?, CaseProblem?)> CreateAsync(
        ClaimsPrincipal user,
        NewMobileRequest r,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var errors = new List<(string, string, object[])>();
        var cert = Required(errors, "certificateNumber", r.CertificateNumber, 50);
        var destination = Required(errors, "destination", r.Destination, 200);
        var reason = Required(errors, "reason", r.Reason, 200);
        var left = TransferService.Date(errors, "leftOn", r.LeftOn);
        if (left > Today)
            errors.Add(("leftOn", "Development.FutureDate", []));
        DateOnly? until = string.IsNullOrWhiteSpace(r.PlannedUntil)
            ? null
            : TransferService.Date(errors, "plannedUntil", r.PlannedUntil);
        if (until is not null && left is not null && until < left)
            errors.Add(("plannedUntil", "Mobile.UntilBeforeLeft", []));
        if (r.AttendsAt?.Trim().Length > 200)
            errors.Add(("attendsAt", "Validation.TooLong", [200]));
        if (r.PaysDuesAt?.Trim().Length > 200)
            errors.Add(("paysDuesAt", "Validation.TooLong", [200]));
        MemberFacts? member = null;
        if (!Guid.TryParse(r.MemberId, out var memberId))
            errors.Add(("memberId", "Validation.Required", []));
        else
        {
            member = await directory.MemberAsync(memberId, ct);
            if (member is null || member.OrganizationId is null || !member.IsPartyMember)
                errors.Add(("memberId", "Transfers.MemberUnknown", []));
        }
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (!scope.Allows(member!.OrganizationId!.Value, member.BuildingId!.Value))
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        if (
            await db.MobileRegistrations.AnyAsync(
                x => x.MemberId == memberId && x.EndedOn == null,
                ct
            )
        )
            return (null, new CaseProblem(409, "Mobile.AlreadyRegistered"));
        if (await db.MobileRegistrations.AnyAsync(x => x.CertificateNumber == cert, ct))
            return (null, new CaseProblem(409, "Mobile.DuplicateCertificate"));
        var by = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var x = new MobileRegistration
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            MemberName = member.Name,
            OrganizationId = member.OrganizationId.Value,
            BuildingId = member.BuildingId.Value,
            CertificateNumber = cert!,
            Destination = destination!,
            Reason = reason!,
            LeftOn = left!.Value,
            PlannedUntil = until,
            FixedPlace = r.FixedPlace ?? false,
            AttendsAt = string.IsNullOrWhiteSpace(r.AttendsAt) ? null : r.AttendsAt.Trim(),
            PaysDuesAt = string.IsNullOrWhiteSpace(r.PaysDuesAt) ? null : r.PaysDuesAt.Trim(),
            CreatedByUserId = by,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        db.MobileRegistrations.Add(x);
        await directory.SetOrganizationalStatusAsync(
            memberId,
            "Mobile",
            "MobileRegistered",
            by,
            ct
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new CaseProblem(409, "Mobile.DuplicateCertificate"));
        }
        return (Describe(x, await OrganizationNamesAsync(user, ct)), null);
    }

    /// <summary>The member is back (or transferred): the registration ends and the status is Normal again.</summary>
    public async Task<(MobileResponse?, CaseProblem?)> EndAsync(
        ClaimsPrincipal user,
        Guid id,
        EndMobileRequest r,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (!await Scoped(db.MobileRegistrations, scope).AnyAsync(x => x.Id == id, ct))
            return (null, new CaseProblem(404, "Problem.NotFound"));
        var x = await db.MobileRegistrations.FirstAsync(m => m.Id == id, ct);
        if (!scope.Allows(x.OrganizationId, x.BuildingId))
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        if (x.EndedOn is not null)
            return (null, new CaseProblem(409, "Mobile.AlreadyEnded"));
        var errors = new List<(string, string, object[])>();
        var on = TransferService.Date(errors, "endedOn", r.EndedOn);
        if (on > Today)
            errors.Add(("endedOn", "Development.FutureDate", []));
        if (on < x.LeftOn)
            errors.Add(("endedOn", "Mobile.UntilBeforeLeft", []));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        x.EndedOn = on;
        x.Version++;
        await directory.SetOrganizationalStatusAsync(
            x.MemberId,
            "Normal",
            "MobileEnded",
            user.FindFirstValue(ClaimTypes.NameIdentifier),
            ct
        );
        await db.SaveChangesAsync(ct);
        return (Describe(x, await OrganizationNamesAsync(user, ct)), null);
    }

    private MobileResponse Describe(MobileRegistration x, IReadOnlyDictionary<Guid, string> names)
    {
        var due = x.EndedOn is null
            ? TransferRules.TransferDueOn(x.LeftOn, x.PlannedUntil, x.FixedPlace, Today)
            : null;
        return new MobileResponse(
            x.Id,
            x.MemberId,
            x.MemberName,
            x.OrganizationId,
            names.GetValueOrDefault(x.OrganizationId),
            x.CertificateNumber,
            x.Destination,
            x.Reason,
            x.LeftOn,
            x.PlannedUntil,
            x.FixedPlace,
            x.AttendsAt,
            x.PaysDuesAt,
            x.EndedOn,
            due is not null,
            due,
            TransferRules.TransferSource,
            x.Version
        );
    }

    private static string? Required(
        List<(string, string, object[])> errors,
        string field,
        string? value,
        int max
    )
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            errors.Add((field, "Validation.Required", []));
            return null;
        }
        if (v.Length > max)
            errors.Add((field, "Validation.TooLong", [max]));
        return v;
    }
}
