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

public sealed record NewLostContactRequest(
    string? MemberId,
    string? LostSince,
    string? Notes = null
);

public sealed record SearchRequest(string? SearchedOn, string? Method, string? Result);

/// <summary>POST …/found and …/standing-stopped: the day of the event or decision.</summary>
public sealed record DecisionRequest(string? On);

public sealed record SearchResponse(Guid Id, DateOnly SearchedOn, string Method, string Result);

public sealed record LostContactResponse(
    Guid Id,
    Guid MemberId,
    string MemberName,
    Guid OrganizationId,
    string? OrganizationName,
    DateOnly LostSince,
    DateOnly? StandingStoppedOn,
    DateOnly? FoundOn,
    string? Notes,
    DateOnly StopStandingDueOn,
    bool ProposeStopStanding,
    DateOnly? RemovalDueOn,
    bool ProposeRemoval,
    string Rule,
    IReadOnlyList<SearchResponse> Searches,
    int Version
);

/// <summary>
/// Lost-contact members (失联党员, domain-rules §5.2): the case since a day, the searches made (date, method,
/// result), and the clocks of 第二十四条 — six months → a proposal to stop party standing; two years after standing
/// was stopped → a removal proposal. Recording a case sets the member's status to LostContact; a stopped standing
/// to StandingStopped; being found back to Normal.
/// </summary>
public sealed class LostContactService(
    LouyuDbContext db,
    IPartyDirectory directory,
    TimeProvider clock
)
{
    private DateOnly Today => ShanghaiTime.Today(clock);

    private static IQueryable<LostContactCase> Scoped(
        IQueryable<LostContactCase> rows,
        PartyScope s
    )
    {
        if (s.Buildings.All)
            return rows;
        var b = s.Buildings.BuildingIds.ToArray();
        var o = s.Organizations.ToArray();
        return rows.Where(x => b.Contains(x.BuildingId) || o.Contains(x.OrganizationId));
    }

    public async Task<(IReadOnlyList<LostContactResponse>?, CaseProblem?)> ListAsync(
        ClaimsPrincipal user,
        bool open,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var rows = Scoped(db.LostContactCases.AsNoTracking(), scope);
        if (open)
            rows = rows.Where(x => x.FoundOn == null);
        var list = await rows.OrderBy(x => x.LostSince).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
        var ids = list.Select(x => x.Id).ToArray();
        var searches = (
            await db
                .LostContactSearches.AsNoTracking()
                .Where(s => ids.Contains(s.CaseId))
                .ToListAsync(ct)
        ).ToLookup(s => s.CaseId);
        var names = await NamesAsync([.. list.Select(x => x.OrganizationId)], ct);
        return ([.. list.Select(x => Describe(x, searches[x.Id], names))], null);
    }

    /// <summary>An open case whose clock has run out, for the to-do list: which proposal, due since when.</summary>
    public sealed record ProposalDueRow(Guid Id, string MemberName, bool Removal, DateOnly DueOn);

    /// <summary>
    /// Open cases in the list's scope whose 第二十四条 clock has run out (<see cref="LostContactRules.Clock"/>): six
    /// months lost and standing not stopped yet, or two years since standing was stopped; the count and the oldest
    /// <paramref name="limit"/>.
    /// </summary>
    public async Task<(int Total, IReadOnlyList<ProposalDueRow> Items)> ProposalsDueAsync(
        ClaimsPrincipal user,
        int limit,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (0, []);
        var today = Today;
        // A few days' slack for month ends (AddMonths is not invertible); the rule decides below.
        var lostBy = today.AddMonths(-LostContactRules.MonthsToStopStanding).AddDays(3);
        var stoppedBy = today.AddYears(-LostContactRules.YearsToRemoval).AddDays(3);
        var list = await Scoped(db.LostContactCases.AsNoTracking(), scope)
            .Where(x =>
                x.FoundOn == null
                && (
                    (x.StandingStoppedOn == null && x.LostSince <= lostBy)
                    || (x.StandingStoppedOn != null && x.StandingStoppedOn <= stoppedBy)
                )
            )
            .OrderBy(x => x.LostSince)
            .ThenBy(x => x.Id)
            .Select(x => new
            {
                x.Id,
                x.MemberName,
                x.LostSince,
                x.StandingStoppedOn,
            })
            .Take(500)
            .ToListAsync(ct);
        var due = list.Select(x =>
                (x, clock: LostContactRules.Clock(x.LostSince, x.StandingStoppedOn, null, today))
            )
            .Where(c => c.clock.ProposeStopStanding || c.clock.ProposeRemoval)
            .Select(c => new ProposalDueRow(
                c.x.Id,
                c.x.MemberName,
                c.clock.ProposeRemoval,
                c.clock.ProposeRemoval ? c.clock.RemovalDueOn!.Value : c.clock.StopStandingDueOn
            ))
            .OrderBy(r => r.DueOn)
            .ToList();
        return (due.Count, [.. due.Take(Math.Clamp(limit, 1, 200))]);
    }

    private Task<IReadOnlyDictionary<Guid, string>> NamesAsync(
        IReadOnlyCollection<Guid> organizationIds,
        CancellationToken ct
    ) => directory.OrganizationNamesAsync(organizationIds, ct);

    public async Task<(LostContactResponse?, CaseProblem?)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        var x = await Scoped(db.LostContactCases.AsNoTracking(), scope)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (x is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        var searches = await db
            .LostContactSearches.AsNoTracking()
            .Where(s => s.CaseId == id)
            .ToListAsync(ct);
        return (Describe(x, searches, await NamesAsync([x.OrganizationId], ct)), null);
    }

    public async Task<(LostContactResponse?, CaseProblem?)> CreateAsync(
        ClaimsPrincipal user,
        NewLostContactRequest r,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var errors = new List<(string, string, object[])>();
        var since = TransferService.Date(errors, "lostSince", r.LostSince);
        if (since > Today)
            errors.Add(("lostSince", "Development.FutureDate", []));
        if (r.Notes?.Trim().Length > 1000)
            errors.Add(("notes", "Validation.TooLong", [1000]));
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
            await db.LostContactCases.AnyAsync(x => x.MemberId == memberId && x.FoundOn == null, ct)
        )
            return (null, new CaseProblem(409, "LostContact.AlreadyOpen"));
        var by = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var c = new LostContactCase
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            MemberName = member.Name,
            OrganizationId = member.OrganizationId.Value,
            BuildingId = member.BuildingId.Value,
            LostSince = since!.Value,
            Notes = string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(),
            CreatedByUserId = by,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        db.LostContactCases.Add(c);
        await directory.SetOrganizationalStatusAsync(
            memberId,
            "LostContact",
            "LostContact",
            by,
            ct
        );
        await db.SaveChangesAsync(ct);
        return (Describe(c, [], await NamesAsync([c.OrganizationId], ct)), null);
    }

    public async Task<(LostContactResponse?, CaseProblem?)> AddSearchAsync(
        ClaimsPrincipal user,
        Guid id,
        SearchRequest r,
        CancellationToken ct
    )
    {
        var (c, problem) = await WritableAsync(user, id, ct);
        if (problem is not null)
            return (null, problem);
        var errors = new List<(string, string, object[])>();
        var on = TransferService.Date(errors, "searchedOn", r.SearchedOn);
        if (on > Today)
            errors.Add(("searchedOn", "Development.FutureDate", []));
        if (on < c!.LostSince)
            errors.Add(("searchedOn", "LostContact.BeforeLost", []));
        var method = r.Method?.Trim();
        if (string.IsNullOrEmpty(method))
            errors.Add(("method", "Validation.Required", []));
        else if (method.Length > 100)
            errors.Add(("method", "Validation.TooLong", [100]));
        var result = r.Result?.Trim();
        if (string.IsNullOrEmpty(result))
            errors.Add(("result", "Validation.Required", []));
        else if (result.Length > 500)
            errors.Add(("result", "Validation.TooLong", [500]));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        db.LostContactSearches.Add(
            new LostContactSearch
            {
                Id = Guid.CreateVersion7(),
                CaseId = c.Id,
                SearchedOn = on!.Value,
                Method = method!,
                Result = result!,
                RecordedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            }
        );
        c.Version++;
        await db.SaveChangesAsync(ct);
        return await GetAsync(user, id, ct);
    }

    /// <summary>The member was found: the case closes and the status is Normal again.</summary>
    public Task<(LostContactResponse?, CaseProblem?)> FoundAsync(
        ClaimsPrincipal user,
        Guid id,
        DecisionRequest r,
        CancellationToken ct
    ) => DecideAsync(user, id, r, found: true, ct);

    /// <summary>The organisation decided to stop the member's standing (停止党籍): the two-year clock starts.</summary>
    public Task<(LostContactResponse?, CaseProblem?)> StandingStoppedAsync(
        ClaimsPrincipal user,
        Guid id,
        DecisionRequest r,
        CancellationToken ct
    ) => DecideAsync(user, id, r, found: false, ct);

    private async Task<(LostContactResponse?, CaseProblem?)> DecideAsync(
        ClaimsPrincipal user,
        Guid id,
        DecisionRequest r,
        bool found,
        CancellationToken ct
    )
    {
        var (c, problem) = await WritableAsync(user, id, ct);
        if (problem is not null)
            return (null, problem);
        if (!found && c!.StandingStoppedOn is not null)
            return (null, new CaseProblem(409, "LostContact.AlreadyStopped"));
        var errors = new List<(string, string, object[])>();
        var on = TransferService.Date(errors, "on", r.On);
        if (on > Today)
            errors.Add(("on", "Development.FutureDate", []));
        if (on < c!.LostSince)
            errors.Add(("on", "LostContact.BeforeLost", []));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (!found && on < c.LostSince.AddMonths(LostContactRules.MonthsToStopStanding))
            return (
                null,
                new CaseProblem(
                    422,
                    "LostContact.TooEarlyTitle",
                    Rule: "LostContactSixMonths",
                    Source: LostContactRules.Source,
                    Detail: "LostContact.TooEarly"
                )
            );
        var by = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (found)
            c.FoundOn = on;
        else
            c.StandingStoppedOn = on;
        c.Version++;
        await directory.SetOrganizationalStatusAsync(
            c.MemberId,
            found ? "Normal" : "StandingStopped",
            found ? "Found" : "StandingStopped",
            by,
            ct
        );
        await db.SaveChangesAsync(ct);
        return await GetAsync(user, id, ct);
    }

    private async Task<(LostContactCase?, CaseProblem?)> WritableAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var scope = await directory.ScopeAsync(user, ct);
        if (!await Scoped(db.LostContactCases, scope).AnyAsync(x => x.Id == id, ct))
            return (null, new CaseProblem(404, "Problem.NotFound"));
        var c = await db.LostContactCases.FirstAsync(x => x.Id == id, ct);
        if (!scope.Allows(c.OrganizationId, c.BuildingId))
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        if (c.FoundOn is not null)
            return (null, new CaseProblem(409, "LostContact.Closed"));
        return (c, null);
    }

    private LostContactResponse Describe(
        LostContactCase x,
        IEnumerable<LostContactSearch> searches,
        IReadOnlyDictionary<Guid, string> names
    )
    {
        var clock = LostContactRules.Clock(x.LostSince, x.StandingStoppedOn, x.FoundOn, Today);
        return new LostContactResponse(
            x.Id,
            x.MemberId,
            x.MemberName,
            x.OrganizationId,
            names.GetValueOrDefault(x.OrganizationId),
            x.LostSince,
            x.StandingStoppedOn,
            x.FoundOn,
            x.Notes,
            clock.StopStandingDueOn,
            clock.ProposeStopStanding,
            clock.RemovalDueOn,
            clock.ProposeRemoval,
            LostContactRules.Source,
            [
                .. searches
                    .OrderBy(s => s.SearchedOn)
                    .ThenBy(s => s.RecordedAtUtc)
                    .Select(s => new SearchResponse(s.Id, s.SearchedOn, s.Method, s.Result)),
            ],
            x.Version
        );
    }
}
