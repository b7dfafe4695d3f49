using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.PartyWork;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Terms;

public sealed record PositionResponse(string Role, Guid? MemberId, string PersonName);

/// <summary>One term of an organisation, with its state today (Current, DueSoon, Overdue, Ended).</summary>
public sealed record TermResponse(
    Guid Id,
    Guid OrganizationId,
    DateOnly ElectedOn,
    DateOnly DueOn,
    DateOnly? EndedOn,
    string State,
    int DaysLeft,
    string? ApprovalReference,
    string? Notes,
    IReadOnlyList<PositionResponse> Positions,
    int Version
);

/// <summary>GET /api/v1/organizations/{id}/terms: the current term and the history, newest first.</summary>
public sealed record TermsResponse(
    Guid OrganizationId,
    string OrganizationType,
    int? TermYears,
    int ReminderDays,
    TermResponse? Current,
    IReadOnlyList<TermResponse> Items
);

/// <summary>One line of the reminders: a current term due within the window or overdue, or an organisation that
/// needs a term and has none (<c>state = "NoTerm"</c>).</summary>
public sealed record DueTermItem(
    Guid OrganizationId,
    string OrganizationName,
    string OrganizationType,
    Guid BuildingId,
    string BuildingName,
    Guid? TermId,
    DateOnly? ElectedOn,
    DateOnly? DueOn,
    string State,
    int? DaysLeft
);

/// <summary>GET /api/v1/terms/due: counts and one page of reminders, organisations without a term first, then by
/// due date.</summary>
public sealed record DueTermsResponse(
    DateOnly AsOf,
    int WithinDays,
    int Overdue,
    int DueWithin,
    int NoTerm,
    IReadOnlyList<DueTermItem> Items,
    int Page,
    int PageSize,
    int Total
);

/// <summary>Names shown beside an organisation on its detail page.</summary>
public sealed record OrganizationNames(
    string? Building,
    string? Parent,
    IReadOnlyList<PositionCandidate> Enterprises
);

/// <summary>A member who may hold a position: current in the organisation or one of its children.</summary>
public sealed record PositionCandidate(Guid Id, string Name);

/// <summary>
/// Committee terms (换届) of the organisations in the caller's scope: read, record an election (ending the current
/// term), correct a term, and the reminders. Due dates and states follow <see cref="TermRules"/>.
/// </summary>
public sealed class TermService(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    TimeProvider clock,
    IConfiguration config
)
{
    public const string ReminderSetting = "Organization:TermReminderDays";
    public const string NoTermState = "NoTerm";

    public DateOnly Today => ShanghaiTime.Today(clock);

    public int ReminderDays =>
        int.TryParse(config[ReminderSetting], out var d) && d is > 0 and <= 3650
            ? d
            : TermRules.DefaultReminderDays;

    public Task<PartyWorkAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        PartyWorkAccess.ResolveAsync(scopes, db, user, ct);

    private sealed record Org(Guid Id, OrganizationType Type, Guid BuildingId, DateOnly FoundedOn);

    /// <summary>The organisation if the caller keeps its terms; 404 when not visible, 403 when visible only.</summary>
    private async Task<(Org? Org, Outcome<T>? Refusal)> OrganizationAsync<T>(
        PartyWorkAccess access,
        Guid id,
        CancellationToken ct
    )
    {
        if (!access.CanRead)
            return (null, Outcome<T>.Forbidden());
        var o = await db
            .PartyOrganizations.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new Org(x.Id, x.Type, x.BuildingId, x.FoundedOn))
            .FirstOrDefaultAsync(ct);
        if (o is null || !access.MaySee(o.Id, o.BuildingId))
            return (null, Outcome<T>.NotFound());
        if (!access.MayKeepTerms(o.Id, o.BuildingId))
            return (null, Outcome<T>.Forbidden());
        return (o, null);
    }

    public async Task<Outcome<TermsResponse>> ListAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        var (org, refusal) = await OrganizationAsync<TermsResponse>(access, organizationId, ct);
        if (org is null)
            return refusal!;
        var terms = await DescribeAsync(organizationId, ct);
        return Outcome<TermsResponse>.Ok(
            new TermsResponse(
                org.Id,
                org.Type.ToString(),
                TermRules.TermYears(org.Type),
                ReminderDays,
                terms.FirstOrDefault(t => t.EndedOn is null),
                terms
            )
        );
    }

    private async Task<List<TermResponse>> DescribeAsync(Guid organizationId, CancellationToken ct)
    {
        var terms = await db
            .CommitteeTerms.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId)
            .OrderByDescending(t => t.ElectedOn)
            .ToListAsync(ct);
        var ids = terms.Select(t => t.Id).ToList();
        var positions = await db
            .CommitteePositions.AsNoTracking()
            .Where(p => ids.Contains(p.TermId))
            .ToListAsync(ct);
        var today = Today;
        var reminder = ReminderDays;
        return
        [
            .. terms.Select(t =>
            {
                var (approval, notes) = TermInputRules.SplitNotes(t.Notes);
                return new TermResponse(
                    t.Id,
                    t.OrganizationId,
                    t.ElectedOn,
                    t.DueOn,
                    t.EndedOn,
                    TermRules.StateOn(t.DueOn, t.EndedOn, today, reminder).ToString(),
                    TermRules.DaysLeft(t.DueOn, today),
                    approval,
                    notes,
                    [
                        .. positions
                            .Where(p => p.TermId == t.Id)
                            .OrderBy(p => p.Role)
                            .ThenBy(p => p.PersonName)
                            .Select(p => new PositionResponse(
                                p.Role.ToString(),
                                p.MemberId,
                                p.PersonName
                            )),
                    ],
                    t.Version
                );
            }),
        ];
    }

    /// <summary>Records an election: the new term (due date by rule), its positions, and the end of the current term.</summary>
    public async Task<Answer<TermResponse>> CreateAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        TermInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        var (org, refusal) = await OrganizationAsync<TermResponse>(access, organizationId, ct);
        if (org is null)
            return refusal!;
        var (values, errors) = TermInputRules.Validate(input, Today, requireVersion: false);
        if (values is null)
            return Outcome<TermResponse>.Invalid(errors);
        if (!TermRules.HasTerm(org.Type))
            return Answer<TermResponse>.Refused(
                TermRules.CheckElection(org.Type, null, values.ElectedOn, null)!
            );
        var current = await db
            .CommitteeTerms.Where(t => t.OrganizationId == organizationId && t.EndedOn == null)
            .OrderByDescending(t => t.ElectedOn)
            .FirstOrDefaultAsync(ct);
        var latest = await db
            .CommitteeTerms.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId)
            .MaxAsync(t => (DateOnly?)t.ElectedOn, ct);
        if (values.ElectedOn < org.FoundedOn)
            errors.Add(
                FieldError.Of("electedOn", "Validation.ElectedBeforeFounded", Iso(org.FoundedOn))
            );
        else if (latest is not null && values.ElectedOn <= latest)
            errors.Add(
                FieldError.Of("electedOn", "Validation.ElectedNotAfterPrevious", Iso(latest.Value))
            );
        var names = await CheckPositionsAsync(organizationId, values.Positions, errors, ct);
        if (errors.Count > 0)
            return Outcome<TermResponse>.Invalid(errors);
        var rule = TermRules.CheckElection(
            org.Type,
            current?.DueOn,
            values.ElectedOn,
            values.ApprovalReference
        );
        if (rule is not null)
            return Answer<TermResponse>.Refused(rule);

        var term = new CommitteeTerm
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            ElectedOn = values.ElectedOn,
            DueOn = TermRules.DueOn(org.Type, values.ElectedOn)!.Value,
            Notes = TermInputRules.ComposeNotes(values.ApprovalReference, values.Notes),
            Version = 1,
        };
        db.CommitteeTerms.Add(term);
        AddPositions(term.Id, values.Positions, names);
        if (current is not null)
        {
            // The current term ends on the new election; its version guards against two elections at once.
            db.Entry(current).Property(x => x.Version).OriginalValue = current.Version;
            current.Version++;
            current.EndedOn = values.ElectedOn;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TermResponse>.Conflict("Problem.StaleVersion", current?.Version ?? 0);
        }
        db.ChangeTracker.Clear();
        return Outcome<TermResponse>.Ok(
            (await DescribeAsync(organizationId, ct)).First(t => t.Id == term.Id)
        );
    }

    /// <summary>Corrects a term: election date (the due date follows), approval, notes and positions.</summary>
    public async Task<Answer<TermResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        Guid termId,
        TermInput input,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        var (org, refusal) = await OrganizationAsync<TermResponse>(access, organizationId, ct);
        if (org is null)
            return refusal!;
        var term = await db.CommitteeTerms.FirstOrDefaultAsync(
            t => t.Id == termId && t.OrganizationId == organizationId,
            ct
        );
        if (term is null)
            return Outcome<TermResponse>.NotFound();
        var (values, errors) = TermInputRules.Validate(input, Today, requireVersion: true);
        if (values is null)
            return Outcome<TermResponse>.Invalid(errors);
        var previous = await db
            .CommitteeTerms.Where(t =>
                t.OrganizationId == organizationId && t.ElectedOn < term.ElectedOn
            )
            .OrderByDescending(t => t.ElectedOn)
            .FirstOrDefaultAsync(ct);
        var next = await db
            .CommitteeTerms.AsNoTracking()
            .Where(t => t.OrganizationId == organizationId && t.ElectedOn > term.ElectedOn)
            .OrderBy(t => t.ElectedOn)
            .Select(t => (DateOnly?)t.ElectedOn)
            .FirstOrDefaultAsync(ct);
        if (values.ElectedOn < org.FoundedOn)
            errors.Add(
                FieldError.Of("electedOn", "Validation.ElectedBeforeFounded", Iso(org.FoundedOn))
            );
        else if (previous is not null && values.ElectedOn <= previous.ElectedOn)
            errors.Add(
                FieldError.Of(
                    "electedOn",
                    "Validation.ElectedNotAfterPrevious",
                    Iso(previous.ElectedOn)
                )
            );
        else if (next is not null && values.ElectedOn >= next)
            errors.Add(
                FieldError.Of("electedOn", "Validation.ElectedNotBeforeNext", Iso(next.Value))
            );
        var names = await CheckPositionsAsync(organizationId, values.Positions, errors, ct);
        if (errors.Count > 0)
            return Outcome<TermResponse>.Invalid(errors);
        if (input.Version != term.Version)
            return Outcome<TermResponse>.Conflict("Problem.StaleVersion", term.Version);
        var rule = TermRules.CheckElection(
            org.Type,
            previous?.DueOn,
            values.ElectedOn,
            values.ApprovalReference
        );
        if (rule is not null)
            return Answer<TermResponse>.Refused(rule);

        db.Entry(term).Property(x => x.Version).OriginalValue = input.Version!.Value;
        term.Version = input.Version.Value + 1;
        term.ElectedOn = values.ElectedOn;
        term.DueOn = TermRules.DueOn(org.Type, values.ElectedOn)!.Value;
        term.Notes = TermInputRules.ComposeNotes(values.ApprovalReference, values.Notes);
        if (previous is not null && previous.EndedOn != values.ElectedOn)
        {
            previous.EndedOn = values.ElectedOn;
            previous.Version++;
        }
        var old = await db.CommitteePositions.Where(p => p.TermId == termId).ToListAsync(ct);
        db.CommitteePositions.RemoveRange(old);
        AddPositions(termId, values.Positions, names);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<TermResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        db.ChangeTracker.Clear();
        return Outcome<TermResponse>.Ok(
            (await DescribeAsync(organizationId, ct)).First(t => t.Id == termId)
        );
    }

    private void AddPositions(
        Guid termId,
        IReadOnlyList<PositionValues> positions,
        IReadOnlyDictionary<Guid, string> names
    )
    {
        foreach (var p in positions)
            db.CommitteePositions.Add(
                new CommitteePosition
                {
                    Id = Guid.CreateVersion7(),
                    TermId = termId,
                    Role = p.Role,
                    MemberId = p.MemberId,
                    PersonName =
                        p.PersonName
                        ?? (p.MemberId is { } m ? names.GetValueOrDefault(m) : null)
                        ?? "",
                }
            );
    }

    /// <summary>
    /// Members named in positions must have belonged (at any time) to the organisation or one of its children; their
    /// names fill a position sent without a name.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, string>> CheckPositionsAsync(
        Guid organizationId,
        IReadOnlyList<PositionValues> positions,
        List<FieldError> errors,
        CancellationToken ct
    )
    {
        var ids = positions
            .Where(p => p.MemberId is not null)
            .Select(p => p.MemberId!.Value)
            .ToList();
        if (ids.Count == 0)
            return new Dictionary<Guid, string>();
        var orgs = db
            .PartyOrganizations.Where(o => o.Id == organizationId || o.ParentId == organizationId)
            .Select(o => o.Id);
        var found = await db
            .Members.AsNoTracking()
            .Where(m =>
                ids.Contains(m.Id)
                && db.MemberSpells.Any(s => s.MemberId == m.Id && orgs.Contains(s.OrganizationId))
            )
            .Select(m => new { m.Id, m.Name })
            .ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        for (var i = 0; i < positions.Count; i++)
            if (positions[i].MemberId is { } id && !found.ContainsKey(id))
                errors.Add(
                    FieldError.Of(
                        $"positions[{i}].memberId",
                        "Validation.PositionMemberNotInOrganization"
                    )
                );
        return found;
    }

    /// <summary>The members who may be chosen for a position (for the election form), by name.</summary>
    public async Task<IReadOnlyList<PositionCandidate>> CandidatesAsync(
        Guid organizationId,
        CancellationToken ct
    )
    {
        var orgs = db
            .PartyOrganizations.Where(o => o.Id == organizationId || o.ParentId == organizationId)
            .Select(o => o.Id);
        return await db
            .Members.AsNoTracking()
            .Where(m =>
                m.JoinedOn != null
                && db.MemberSpells.Any(s =>
                    s.MemberId == m.Id && s.ToDate == null && orgs.Contains(s.OrganizationId)
                )
            )
            .OrderBy(m => m.Name)
            .ThenBy(m => m.Id)
            .Take(500)
            .Select(m => new PositionCandidate(m.Id, m.Name))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Current terms due within <paramref name="withinDays"/> days or overdue, and live organisations that need a term
    /// and have none, in the caller's scope: those without a term first, then by due date.
    /// </summary>
    public async Task<Outcome<DueTermsResponse>> DueAsync(
        ClaimsPrincipal user,
        int? withinDays,
        int? pageNumber,
        int? pageSize,
        CancellationToken ct
    )
    {
        var access = await AccessAsync(user, ct);
        if (access.Write.IsEmpty && access.Branches.Count == 0)
            return Outcome<DueTermsResponse>.Forbidden();
        var errors = new List<FieldError>();
        var (page, size) = Paging.Check(errors, pageNumber, pageSize);
        var within =
            FieldRules.Range(errors, "withinDays", withinDays ?? ReminderDays, 0, 3650, true)
            ?? ReminderDays;
        if (errors.Count > 0)
            return Outcome<DueTermsResponse>.Invalid(errors);
        var today = Today;
        var limit = today.AddDays(within);
        var orgs = db
            .PartyOrganizations.AsNoTracking()
            .Where(o =>
                o.Type != OrganizationType.Group
                && o.FoundedOn <= today
                && (o.DissolvedOn == null || o.DissolvedOn > today)
            );
        if (!access.Write.All)
        {
            var buildings = access.Write.BuildingIds.ToArray();
            var branches = access.Branches.ToArray();
            orgs = orgs.Where(o => buildings.Contains(o.BuildingId) || branches.Contains(o.Id));
        }
        var current = db.CommitteeTerms.Where(t => t.EndedOn == null);
        var none = orgs.Where(o => !current.Any(t => t.OrganizationId == o.Id));
        var due =
            from t in current
            join o in orgs on t.OrganizationId equals o.Id
            where t.DueOn <= limit
            select new { Term = t, Org = o };
        var buildingNames = db.Buildings.Select(b => new { b.Id, b.Name });
        var items = new List<DueTermItem>();
        var skip = (page - 1) * size;
        // The counts come from the page itself when it holds every row (a first page not full — the to-do list's
        // case): each separate COUNT is a round trip to the database.
        int noneCount;
        List<NoTermRow> noneRows = [];
        if (skip == 0)
        {
            noneRows = await NoTermPageAsync(none, 0, size, ct);
            noneCount = noneRows.Count < size ? noneRows.Count : await none.CountAsync(ct);
        }
        else
        {
            noneCount = await none.CountAsync(ct);
            if (skip < noneCount)
                noneRows = await NoTermPageAsync(none, skip, size, ct);
        }
        items.AddRange(
            noneRows.Select(o => new DueTermItem(
                o.Id,
                o.Name,
                o.Type.ToString(),
                o.BuildingId,
                o.Building ?? "",
                null,
                null,
                null,
                NoTermState,
                null
            ))
        );
        int? overdueKnown = null;
        int? dueKnown = null;
        if (items.Count < size)
        {
            var dueSkip = Math.Max(0, skip - noneCount);
            var want = size - items.Count;
            var rows = await due.OrderBy(x => x.Term.DueOn)
                .ThenBy(x => x.Org.Name)
                .ThenBy(x => x.Term.Id)
                .Skip(dueSkip)
                .Take(want)
                .Select(x => new
                {
                    x.Org.Id,
                    x.Org.Name,
                    x.Org.Type,
                    x.Org.BuildingId,
                    Building = buildingNames
                        .Where(b => b.Id == x.Org.BuildingId)
                        .Select(b => b.Name)
                        .FirstOrDefault(),
                    TermId = x.Term.Id,
                    x.Term.ElectedOn,
                    x.Term.DueOn,
                })
                .ToListAsync(ct);
            if (dueSkip == 0 && rows.Count < want)
            {
                dueKnown = rows.Count;
                overdueKnown = rows.Count(r => r.DueOn < today);
            }
            var reminder = ReminderDays;
            items.AddRange(
                rows.Select(r => new DueTermItem(
                    r.Id,
                    r.Name,
                    r.Type.ToString(),
                    r.BuildingId,
                    r.Building ?? "",
                    r.TermId,
                    r.ElectedOn,
                    r.DueOn,
                    TermRules.StateOn(r.DueOn, null, today, reminder).ToString(),
                    TermRules.DaysLeft(r.DueOn, today)
                ))
            );
        }
        int dueCount;
        int overdue;
        if (dueKnown is { } known)
            (dueCount, overdue) = (known, overdueKnown!.Value);
        else
        {
            // Both counts in one statement.
            var counts = await due.GroupBy(_ => 1)
                .Select(g => new { All = g.Count(), Overdue = g.Count(x => x.Term.DueOn < today) })
                .FirstOrDefaultAsync(ct);
            (dueCount, overdue) = (counts?.All ?? 0, counts?.Overdue ?? 0);
        }
        return Outcome<DueTermsResponse>.Ok(
            new DueTermsResponse(
                today,
                within,
                overdue,
                dueCount - overdue,
                noneCount,
                items,
                page,
                size,
                noneCount + dueCount
            )
        );
    }

    private sealed record NoTermRow(
        Guid Id,
        string Name,
        OrganizationType Type,
        Guid BuildingId,
        string? Building
    );

    /// <summary>A page of the organisations without a current term, by name.</summary>
    private Task<List<NoTermRow>> NoTermPageAsync(
        IQueryable<PartyOrganization> none,
        int skip,
        int take,
        CancellationToken ct
    ) =>
        none.OrderBy(o => o.Name)
            .ThenBy(o => o.Id)
            .Skip(skip)
            .Take(take)
            .Select(o => new NoTermRow(
                o.Id,
                o.Name,
                o.Type,
                o.BuildingId,
                db.Buildings.Where(b => b.Id == o.BuildingId).Select(b => b.Name).FirstOrDefault()
            ))
            .ToListAsync(ct);

    /// <summary>Names the detail page shows beside an organisation: its building, its parent, its enterprises.</summary>
    public async Task<OrganizationNames> NamesAsync(
        Guid buildingId,
        Guid? parentId,
        IReadOnlyList<Guid> enterpriseIds,
        CancellationToken ct
    )
    {
        var building = await db
            .Buildings.AsNoTracking()
            .Where(b => b.Id == buildingId)
            .Select(b => b.Name)
            .FirstOrDefaultAsync(ct);
        var parent = parentId is null
            ? null
            : await db
                .PartyOrganizations.AsNoTracking()
                .Where(o => o.Id == parentId.Value)
                .Select(o => o.Name)
                .FirstOrDefaultAsync(ct);
        var ids = enterpriseIds.ToList();
        var enterprises = await db
            .Enterprises.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.Name)
            .Select(e => new PositionCandidate(e.Id, e.Name))
            .ToListAsync(ct);
        return new OrganizationNames(building, parent, enterprises);
    }

    private static string Iso(DateOnly d) =>
        d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
