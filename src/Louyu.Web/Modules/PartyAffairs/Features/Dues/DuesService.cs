using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// Party dues (domain-rules §1): yearly assessments, the monthly ledger per branch, payments, voluntary extras,
/// arrears and reports. The caller's <see cref="DuesScope"/> is part of every query.
/// </summary>
public sealed class DuesService(
    LouyuDbContext db,
    IPartyDirectory directory,
    IBuildingScopeResolver scopes,
    IOrganizationFigures figures,
    PersonalDataProtector protector,
    IOptions<DuesOptions> options,
    IHttpContextAccessor http,
    TimeProvider clock
)
{
    /// <summary>How many months back the ledger view looks to count a run of unpaid months.</summary>
    private const int ArrearsLookback = 12;

    public DateOnly Today => ShanghaiTime.Today(clock);

    public int CurrentMonth => DuesMonth.Of(Today);

    private DuesScope? _scope;

    public async Task<DuesScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct) =>
        _scope ??= await DuesScope.ResolveAsync(user, scopes, directory, Today, ct);

    private long FarmerFen =>
        DuesRules.IsValidFarmerAmount(options.Value.FarmerMonthlyFen)
            ? options.Value.FarmerMonthlyFen
            : DuesRules.FixedMinimumFen;

    // ---------------------------------------------------------------- organisations in scope

    /// <summary>The organisations the caller keeps dues for (staff scope), by name.</summary>
    public async Task<IReadOnlyList<DirectoryOrganization>> OrganizationsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return [];
        return
        [
            .. (await directory.OrganizationsAsync(user, ct)).Where(o =>
                scope.AllowsOrganization(o.Id, o.BuildingId)
            ),
        ];
    }

    private async Task<(DirectoryOrganization? Org, DuesProblem? Problem)> OrganizationAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        var org = await directory.OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return (null, DuesProblem.NotFound);
        if (!scope.AllowsOrganization(org.Id, org.BuildingId))
            return (null, DuesProblem.Forbidden);
        return (org, null);
    }

    // ---------------------------------------------------------------- assessments

    /// <summary>The members of an organisation with their current assessment for the year.</summary>
    public async Task<(IReadOnlyList<AssessmentRosterRow>? Rows, DuesProblem? Problem)> RosterAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        int year,
        CancellationToken ct
    )
    {
        var (org, problem) = await OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return (null, problem);
        var on = year == Today.Year ? Today : new DateOnly(year, 12, 31);
        if (on > Today)
            on = Today;
        var members = await directory.MembersOfAsync(org.Id, on, ct);
        var ids = members.Select(m => m.Id).ToArray();
        var current = await db
            .DuesAssessments.AsNoTracking()
            .Where(a => a.Year == year && a.LastMonth == null && ids.Contains(a.MemberId))
            .ToListAsync(ct);
        var byMember = current.ToDictionary(a => a.MemberId);
        return (
            [
                .. members.Select(m => new AssessmentRosterRow(
                    m.Id,
                    m.Name,
                    m.IsProbationary,
                    m.JoinedOn,
                    byMember.TryGetValue(m.Id, out var a) ? Describe(a, null) : null
                )),
            ],
            null
        );
    }

    /// <summary>Every assessment of a member (current and superseded), newest first.</summary>
    public async Task<(
        IReadOnlyList<AssessmentResponse>? Items,
        DuesProblem? Problem
    )> HistoryAsync(ClaimsPrincipal user, Guid memberId, int? year, CancellationToken ct)
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff && scope.OwnMemberId is null)
            return (null, DuesProblem.Forbidden);
        var rows = await scope
            .Filter(db.DuesAssessments.AsNoTracking())
            .Where(a => a.MemberId == memberId && (year == null || a.Year == year))
            .OrderByDescending(a => a.Year)
            .ThenByDescending(a => a.FirstMonth)
            .ThenByDescending(a => a.AssessedAtUtc)
            .ToListAsync(ct);
        if (rows.Count == 0)
            return (null, DuesProblem.NotFound);
        return ([.. rows.Select(a => Describe(a, null))], null);
    }

    /// <summary>One assessment; with <paramref name="reveal"/> the full base for allowed callers, audited.</summary>
    public async Task<(AssessmentResponse? Item, DuesProblem? Problem)> GetAssessmentAsync(
        ClaimsPrincipal user,
        Guid id,
        bool reveal,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff && scope.OwnMemberId is null)
            return (null, DuesProblem.Forbidden);
        var a = await scope
            .Filter(db.DuesAssessments.AsNoTracking())
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
            return (null, DuesProblem.NotFound);
        if (!reveal)
            return (Describe(a, null), null);
        var self = scope.OwnMemberId == a.MemberId;
        if (!scope.MayRevealBase && !self)
            return (null, new DuesProblem(403, "Dues.RevealForbidden"));
        long? full = a.BaseCipher is null
            ? null
            : long.Parse(protector.Decrypt(a.BaseCipher), CultureInfo.InvariantCulture);
        // A sensitive read is audited explicitly (domain-rules §8.1), as for the full resident ID.
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = scope.UserId,
                UserName = user.Identity?.Name,
                Action = "Read",
                Entity = nameof(DuesAssessmentRecord),
                EntityId = a.Id.ToString(),
                After = "monthlyBaseFen",
                RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return (Describe(a, full), null);
    }

    /// <summary>
    /// Assesses a member for a year, or re-assesses mid-year (reason required; the previous assessment ends the month
    /// before and stays as history; unpaid months from then on take the new amount).
    /// </summary>
    public async Task<(AssessmentResponse? Item, bool Created, DuesProblem? Problem)> AssessAsync(
        ClaimsPrincipal user,
        AssessmentRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        if (r.MemberId is null || r.MemberId == Guid.Empty)
            errors.Add(("memberId", "Validation.Required", []));
        var year = r.Year ?? Today.Year;
        if (year < Today.Year - 1 || year > Today.Year + 1)
            errors.Add(("year", "Dues.YearOutOfRange", [Today.Year - 1, Today.Year + 1]));
        errors.AddRange(
            DuesCalculatorEndpoints.Validate(new(r.Category, r.MonthlyBaseFen), out var category)
        );
        var hardship = HardshipKind.None;
        if (
            !string.IsNullOrWhiteSpace(r.Hardship)
            && (
                !Enum.TryParse(r.Hardship, true, out hardship)
                || !Enum.IsDefined(hardship)
                || int.TryParse(r.Hardship, out _)
            )
        )
            errors.Add(("hardship", "Dues.HardshipUnknown", [r.Hardship]));
        var effectiveFrom = Date(errors, "effectiveFrom", r.EffectiveFrom);
        var decisionOn = Date(errors, "branchDecisionOn", r.BranchDecisionOn);
        var approvalOn = Date(errors, "approvalOn", r.ApprovalOn);
        if (decisionOn > Today)
            errors.Add(("branchDecisionOn", "Dues.FutureDate", []));
        if (approvalOn > Today)
            errors.Add(("approvalOn", "Dues.FutureDate", []));
        if (effectiveFrom is { } ef && ef.Year != year)
            errors.Add(("effectiveFrom", "Dues.EffectiveOutsideYear", [year]));
        var reason = r.Reason?.Trim();
        if (reason is { Length: > 500 })
            errors.Add(("reason", "Validation.TooLong", [500]));
        if (r.BranchDecisionRef?.Trim().Length > 100)
            errors.Add(("branchDecisionRef", "Validation.TooLong", [100]));
        if (r.ApprovalRef?.Trim().Length > 100)
            errors.Add(("approvalRef", "Validation.TooLong", [100]));
        if (errors.Count > 0)
            return (null, false, new DuesProblem(400, Errors: errors));

        var assessed = DuesRules.Calculate(category, r.MonthlyBaseFen ?? 0, FarmerFen);
        var hardshipErrors = DuesLedgerRules.CheckHardship(
            hardship,
            r.ReducedFen,
            assessed.MonthlyDuesFen,
            decisionOn,
            r.BranchDecisionRef,
            approvalOn,
            r.ApprovalRef
        );
        if (hardshipErrors.Count > 0)
            return (
                null,
                false,
                new DuesProblem(
                    400,
                    Errors: [.. hardshipErrors.Select(e => (e.Field, e.Key, Array.Empty<object>()))]
                )
            );

        var member = await directory.MemberAsync(r.MemberId!.Value, Today, ct);
        if (member is null)
            return (null, false, DuesProblem.NotFound);
        if (member.OrganizationId is null)
            return (null, false, DuesProblem.Invalid("memberId", "Dues.MemberWithoutOrganization"));
        var (org, problem) = await OrganizationAsync(user, member.OrganizationId.Value, ct);
        if (org is null)
            return (null, false, problem);

        var admitted = member.IsProbationary ? member.JoinedOn : null;
        var current = await db.DuesAssessments.FirstOrDefaultAsync(
            a => a.MemberId == member.Id && a.Year == year && a.LastMonth == null,
            ct
        );
        if (current is not null && string.IsNullOrEmpty(reason))
            return (null, false, DuesProblem.Invalid("reason", "Dues.ReasonRequired"));
        var first = DuesLedgerRules.FirstMonth(
            year,
            admitted,
            current is null ? effectiveFrom : effectiveFrom ?? (year == Today.Year ? Today : null)
        );
        if (first is null)
            return (
                null,
                false,
                new DuesProblem(
                    422,
                    "Dues.RuleRefused",
                    Rule: "ProbationFromAdmission",
                    Source: DuesLedgerRules.ProbationSource,
                    DetailKey: "Dues.Rule.ProbationFromAdmission",
                    DetailArgs:
                    [
                        admitted?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                    ]
                )
            );

        var now = clock.GetUtcNow().UtcDateTime;
        var record = new DuesAssessmentRecord
        {
            Id = Guid.NewGuid(),
            MemberId = member.Id,
            MemberName = member.Name,
            OrganizationId = org.Id,
            BuildingId = org.BuildingId,
            Year = year,
            Category = category,
            BaseCipher = DuesRules.UsesBase(category)
                ? protector.Encrypt((r.MonthlyBaseFen ?? 0).ToString(CultureInfo.InvariantCulture))
                : null,
            AssessedFen = assessed.MonthlyDuesFen,
            RatePermille = assessed.Rate is { } rate ? (int)(rate * 1000m) : null,
            Bracket = assessed.Bracket,
            Rule = assessed.Rule,
            MonthlyFen = DuesLedgerRules.DueAfterHardship(
                assessed.MonthlyDuesFen,
                hardship,
                r.ReducedFen
            ),
            Hardship = hardship,
            ReducedFen = hardship == HardshipKind.Reduced ? r.ReducedFen : null,
            BranchDecisionOn = hardship == HardshipKind.None ? null : decisionOn,
            BranchDecisionRef = hardship == HardshipKind.None ? null : r.BranchDecisionRef?.Trim(),
            ApprovalOn = hardship == HardshipKind.None ? null : approvalOn,
            ApprovalRef = hardship == HardshipKind.None ? null : r.ApprovalRef?.Trim(),
            FirstMonth = first.Value,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            AssessedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            AssessedAtUtc = now,
            Version = 1,
        };
        if (current is not null)
        {
            if (record.FirstMonth < current.FirstMonth)
                record.FirstMonth = current.FirstMonth;
            // The old assessment ends the month before (empty when replaced in its first month): kept as history.
            current.LastMonth = DuesMonth.Add(record.FirstMonth, -1);
            current.Version++;
        }
        db.DuesAssessments.Add(record);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, false, new DuesProblem(409, "Dues.AssessmentConflict"));
        }
        if (current is not null)
        {
            // Unpaid months from the re-assessment on owe the new amount.
            var status = record.MonthlyFen == 0 ? DuesStatus.Waived : DuesStatus.Unpaid;
            await db
                .DuesLedger.Where(e =>
                    e.MemberId == record.MemberId
                    && e.Month >= record.FirstMonth
                    && e.Month <= DuesMonth.Of(year, 12)
                    && e.Status != DuesStatus.Paid
                )
                .ExecuteUpdateAsync(
                    u =>
                        u.SetProperty(e => e.DueFen, record.MonthlyFen)
                            .SetProperty(e => e.AssessmentId, record.Id)
                            .SetProperty(e => e.Status, status),
                    ct
                );
        }
        await tx.CommitAsync(ct);
        return (Describe(record, null), current is null, null);
    }

    private AssessmentResponse Describe(DuesAssessmentRecord a, long? fullBase) =>
        new(
            a.Id,
            a.MemberId,
            a.MemberName,
            a.OrganizationId,
            a.Year,
            a.Category.ToString(),
            a.BaseCipher is null ? "—"
                : fullBase is { } b ? Yuan.Of(b)
                : "****",
            fullBase,
            a.AssessedFen,
            Yuan.Of(a.AssessedFen),
            a.MonthlyFen,
            Yuan.Of(a.MonthlyFen),
            a.RatePermille is { } p ? p / 1000m : null,
            a.Bracket,
            a.Rule,
            a.Hardship.ToString(),
            a.ReducedFen,
            a.BranchDecisionOn,
            a.BranchDecisionRef,
            a.ApprovalOn,
            a.ApprovalRef,
            DuesMonth.Format(a.FirstMonth),
            a.LastMonth is { } l ? DuesMonth.Format(l) : null,
            a.LastMonth is null,
            a.Reason,
            a.AssessedAtUtc,
            a.Version
        );

    // ---------------------------------------------------------------- ledger

    /// <summary>
    /// Generates a month's ledger from the assessments in one INSERT … SELECT: a row per assessed member whose
    /// assessment covers the month (waived members as Waived). Idempotent: existing rows are left alone
    /// (ON CONFLICT DO NOTHING on the (member, month) key). <paramref name="organizationIds"/> and
    /// <paramref name="buildingIds"/> restrict it; both null means every organisation.
    /// </summary>
    public Task<int> GenerateAsync(
        int month,
        IReadOnlyCollection<Guid>? organizationIds,
        IReadOnlyCollection<Guid>? buildingIds,
        CancellationToken ct
    ) => DuesLedgerGenerator.GenerateAsync(db, month, organizationIds, buildingIds, ct);

    /// <summary>POST …/ledger/{month}/generate for one organisation the caller keeps dues for.</summary>
    public async Task<(GenerateResponse? Result, DuesProblem? Problem)> GenerateForAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        int month,
        CancellationToken ct
    )
    {
        var (org, problem) = await OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return (null, problem);
        if (month > DuesMonth.Add(CurrentMonth, 2))
            return (null, DuesProblem.Invalid("month", "Dues.MonthTooFarAhead"));
        var created = await GenerateAsync(month, [org.Id], null, ct);
        await AuditBulkAsync(user, "Generate", org.Id, month, created, ct);
        var total = await db.DuesLedger.CountAsync(
            e => e.OrganizationId == org.Id && e.Month == month,
            ct
        );
        return (new GenerateResponse(DuesMonth.Format(month), created, total), null);
    }

    /// <summary>POST /api/v1/dues/ledger/{month}/generate: every organisation in the caller's scope at once.</summary>
    public async Task<(GenerateResponse? Result, DuesProblem? Problem)> GenerateInScopeAsync(
        ClaimsPrincipal user,
        int month,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        if (month > DuesMonth.Add(CurrentMonth, 2))
            return (null, DuesProblem.Invalid("month", "Dues.MonthTooFarAhead"));
        var created = scope.All
            ? await GenerateAsync(month, null, null, ct)
            : await GenerateAsync(month, scope.OrganizationIds, scope.BuildingIds, ct);
        await AuditBulkAsync(user, "Generate", null, month, created, ct);
        var total = await scope.StaffFilter(db.DuesLedger).CountAsync(e => e.Month == month, ct);
        return (new GenerateResponse(DuesMonth.Format(month), created, total), null);
    }

    /// <summary>A branch's month: each member's due, paid, status and arrears.</summary>
    public async Task<(LedgerResponse? Ledger, DuesProblem? Problem)> LedgerAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        int month,
        CancellationToken ct
    )
    {
        var (org, problem) = await OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return (null, problem);
        var entries = await db
            .DuesLedger.AsNoTracking()
            .Where(e => e.OrganizationId == org.Id && e.Month == month)
            .Join(
                db.DuesAssessments,
                e => e.AssessmentId,
                a => a.Id,
                (e, a) => new { Entry = e, a.MemberName }
            )
            .ToListAsync(ct);
        var ids = entries.Select(x => x.Entry.MemberId).ToArray();
        var arrears = await ArrearsOfAsync(ids, LastCompleted(month), ct);
        var rows = entries
            .OrderBy(x => x.MemberName, StringComparer.Ordinal)
            .ThenBy(x => x.Entry.MemberId)
            .Select(x => Row(x.Entry, x.MemberName, arrears.GetValueOrDefault(x.Entry.MemberId)))
            .ToList();
        var assessed = await db
            .DuesAssessments.Where(a =>
                a.OrganizationId == org.Id
                && a.Year == DuesMonth.Year(month)
                && a.FirstMonth <= month
                && (a.LastMonth == null || a.LastMonth >= month)
            )
            .Select(a => a.MemberId)
            .ToListAsync(ct);
        var day = DuesMonth.LastDay(month) < Today ? DuesMonth.LastDay(month) : Today;
        var members = await directory.MembersOfAsync(org.Id, day, ct);
        var assessedSet = assessed.Concat(ids).ToHashSet();
        var unassessed = members.Count(m => !assessedSet.Contains(m.Id));
        return (
            new LedgerResponse(
                org.Id,
                org.Name,
                DuesMonth.Format(month),
                entries.Count > 0,
                rows.Sum(r => r.DueFen),
                Yuan.Of(rows.Sum(r => r.DueFen)),
                rows.Sum(r => r.PaidFen),
                Yuan.Of(rows.Sum(r => r.PaidFen)),
                rows.Count(r => r.Status == nameof(DuesStatus.Paid)),
                rows.Count(r => r.Status == nameof(DuesStatus.Unpaid)),
                rows.Count(r => r.Status == nameof(DuesStatus.Waived)),
                rows,
                unassessed
            ),
            null
        );
    }

    /// <summary>The last completed month for arrears when looking at <paramref name="month"/>: it, or last month.</summary>
    private int LastCompleted(int month) => Math.Min(month, DuesMonth.Add(CurrentMonth, -1));

    /// <summary>Each member's run of unpaid months ending at <paramref name="lastCompleted"/> (pure rule applied).</summary>
    private async Task<Dictionary<Guid, ArrearsState>> ArrearsOfAsync(
        IReadOnlyCollection<Guid> memberIds,
        int lastCompleted,
        CancellationToken ct
    )
    {
        if (memberIds.Count == 0)
            return [];
        var from = DuesMonth.Add(lastCompleted, -(ArrearsLookback - 1));
        var ids = memberIds.ToArray();
        var rows = await db
            .DuesLedger.AsNoTracking()
            .Where(e => ids.Contains(e.MemberId) && e.Month >= from && e.Month <= lastCompleted)
            .Select(e => new
            {
                e.MemberId,
                e.Month,
                e.Status,
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MemberId)
            .ToDictionary(
                g => g.Key,
                g => DuesLedgerRules.Arrears(g.OrderBy(r => r.Month).Select(r => r.Status))
            );
    }

    private static LedgerRow Row(DuesLedgerEntry e, string name, ArrearsState? arrears)
    {
        var a = arrears ?? DuesLedgerRules.Arrears(0);
        return new LedgerRow(
            e.MemberId,
            name,
            DuesMonth.Format(e.Month),
            e.DueFen,
            Yuan.Of(e.DueFen),
            e.PaidFen,
            Yuan.Of(e.PaidFen),
            e.Status.ToString(),
            e.PaidOn,
            a.ConsecutiveUnpaidMonths,
            a.Level.ToString(),
            a.Rule
        );
    }

    // ---------------------------------------------------------------- payments

    /// <summary>Records one member's payment of one or several months (quarterly), by the member or a proxy.</summary>
    public async Task<(PaymentResponse? Payment, DuesProblem? Problem)> PayAsync(
        ClaimsPrincipal user,
        PaymentRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        if (r.MemberId is null || r.MemberId == Guid.Empty)
            errors.Add(("memberId", "Validation.Required", []));
        var months = new SortedSet<int>();
        if (r.Months is null || r.Months.Count == 0)
            errors.Add(("months", "Dues.MonthsRequired", []));
        else if (r.Months.Count > 12)
            errors.Add(("months", "Dues.TooManyMonths", [12]));
        else
            foreach (var m in r.Months)
            {
                if (DuesMonth.Parse(m) is { } month)
                    months.Add(month);
                else
                    errors.Add(("months", "Dues.MonthInvalid", [m ?? ""]));
            }
        var paidOn = Date(errors, "paidOn", r.PaidOn) ?? Today;
        if (paidOn > Today)
            errors.Add(("paidOn", "Dues.FutureDate", []));
        var payer = DuesPayer.Member;
        if (
            !string.IsNullOrWhiteSpace(r.Payer)
            && (
                !Enum.TryParse(r.Payer, true, out payer)
                || !Enum.IsDefined(payer)
                || int.TryParse(r.Payer, out _)
            )
        )
            errors.Add(("payer", "Dues.PayerUnknown", [r.Payer]));
        var consentOn = Date(errors, "consentOn", r.ConsentOn);
        if (payer == DuesPayer.Proxy)
        {
            if (string.IsNullOrWhiteSpace(r.ProxyName))
                errors.Add(("proxyName", "Dues.Rule.ProxyName", []));
            else if (r.ProxyName.Trim().Length > 100)
                errors.Add(("proxyName", "Validation.TooLong", [100]));
            if (consentOn is null)
                errors.Add(("consentOn", "Dues.Rule.ProxyConsent", []));
            else if (consentOn > Today)
                errors.Add(("consentOn", "Dues.FutureDate", []));
        }
        if (r.ConsentNote?.Trim().Length > 200)
            errors.Add(("consentNote", "Validation.TooLong", [200]));
        if (errors.Count > 0)
            return (null, new DuesProblem(400, Errors: errors));
        if (DuesLedgerRules.CheckPayer(payer) is { } refusal)
            return (null, Refused(refusal));
        var paidMonth = DuesMonth.Of(paidOn);
        foreach (var m in months)
            if (DuesLedgerRules.CheckPaymentMonth(m, paidMonth) is { } tooOld)
                return (null, Refused(tooOld));

        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        var memberId = r.MemberId!.Value;
        var entries = await EnsureEntriesAsync(memberId, months, ct);
        if (entries.Count == 0)
        {
            // Unknown to the ledger: 404 if not a member in reach, else no assessment.
            var known = await db.DuesAssessments.AnyAsync(a => a.MemberId == memberId, ct);
            return (
                null,
                known
                    ? DuesProblem.Invalid(
                        "months",
                        "Dues.NotAssessedForMonth",
                        [DuesMonth.Format(months.Min)]
                    )
                    : DuesProblem.NotFound
            );
        }
        if (entries.Any(e => !scope.AllowsOrganization(e.OrganizationId, e.BuildingId)))
            return (null, DuesProblem.Forbidden);
        foreach (var m in months)
        {
            var e = entries.FirstOrDefault(x => x.Month == m);
            if (e is null)
                return (
                    null,
                    DuesProblem.Invalid("months", "Dues.NotAssessedForMonth", [DuesMonth.Format(m)])
                );
            if (e.Status == DuesStatus.Paid)
                return (
                    null,
                    new DuesProblem(
                        409,
                        "Dues.AlreadyPaid",
                        DetailKey: "Dues.AlreadyPaidDetail",
                        DetailArgs: [DuesMonth.Format(m)]
                    )
                );
            if (e.Status == DuesStatus.Waived)
                return (
                    null,
                    DuesProblem.Invalid("months", "Dues.MonthWaived", [DuesMonth.Format(m)])
                );
        }
        var last = entries.OrderBy(e => e.Month).Last();
        var payment = NewPayment(
            user,
            memberId,
            last.OrganizationId,
            last.BuildingId,
            paidOn,
            payer,
            r
        );
        foreach (var e in entries)
            Settle(payment, e, paidOn);
        db.DuesPayments.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (
                null,
                new DuesProblem(
                    409,
                    "Dues.AlreadyPaid",
                    DetailKey: "Dues.AlreadyPaidDetail",
                    DetailArgs: [string.Join(", ", months.Select(DuesMonth.Format))]
                )
            );
        }
        return (
            new PaymentResponse(
                payment.Id,
                memberId,
                [.. months.Select(DuesMonth.Format)],
                payment.AmountFen,
                Yuan.Of(payment.AmountFen),
                paidOn,
                payer.ToString(),
                payment.ProxyName
            ),
            null
        );
    }

    private DuesPayment NewPayment(
        ClaimsPrincipal user,
        Guid memberId,
        Guid organizationId,
        Guid buildingId,
        DateOnly paidOn,
        DuesPayer payer,
        PaymentRequest? r
    ) =>
        new()
        {
            Id = Guid.NewGuid(),
            MemberId = memberId,
            OrganizationId = organizationId,
            BuildingId = buildingId,
            PaidOn = paidOn,
            Payer = payer,
            ProxyName = payer == DuesPayer.Proxy ? r?.ProxyName?.Trim() : null,
            ConsentOn = payer == DuesPayer.Proxy ? DuesMonthParse(r?.ConsentOn) : null,
            ConsentNote = payer == DuesPayer.Proxy ? r?.ConsentNote?.Trim() : null,
            RecordedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };

    private static DateOnly? DuesMonthParse(string? day) =>
        DateOnly.TryParseExact(
            day,
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var d
        )
            ? d
            : null;

    private void Settle(DuesPayment payment, DuesLedgerEntry e, DateOnly paidOn)
    {
        e.Status = DuesStatus.Paid;
        e.PaidFen = e.DueFen;
        e.PaidOn = paidOn;
        e.PaymentId = payment.Id;
        payment.AmountFen += e.DueFen;
        db.DuesPaymentMonths.Add(
            new DuesPaymentMonth
            {
                PaymentId = payment.Id,
                MemberId = e.MemberId,
                Month = e.Month,
                AmountFen = e.DueFen,
            }
        );
    }

    /// <summary>The member's ledger rows for these months, generating any missing one from the assessment.</summary>
    private async Task<List<DuesLedgerEntry>> EnsureEntriesAsync(
        Guid memberId,
        IReadOnlyCollection<int> months,
        CancellationToken ct
    )
    {
        var list = months.ToArray();
        var entries = await db
            .DuesLedger.Where(e => e.MemberId == memberId && list.Contains(e.Month))
            .ToListAsync(ct);
        var missing = list.Except(entries.Select(e => e.Month)).ToArray();
        if (missing.Length == 0)
            return entries;
        var years = missing.Select(DuesMonth.Year).Distinct().ToArray();
        var assessments = await db
            .DuesAssessments.AsNoTracking()
            .Where(a => a.MemberId == memberId && years.Contains(a.Year))
            .ToListAsync(ct);
        foreach (var m in missing)
        {
            var a = assessments.FirstOrDefault(a =>
                a.Year == DuesMonth.Year(m)
                && a.FirstMonth <= m
                && (a.LastMonth == null || a.LastMonth >= m)
            );
            if (a is null)
                continue;
            var e = new DuesLedgerEntry
            {
                MemberId = memberId,
                Month = m,
                OrganizationId = a.OrganizationId,
                BuildingId = a.BuildingId,
                AssessmentId = a.Id,
                DueFen = a.MonthlyFen,
                Status = a.MonthlyFen == 0 ? DuesStatus.Waived : DuesStatus.Unpaid,
            };
            db.DuesLedger.Add(e);
            entries.Add(e);
        }
        return entries;
    }

    /// <summary>Marks every unpaid member of a branch's month as paid by the member on a day (one payment each).</summary>
    public async Task<(PayAllResponse? Result, DuesProblem? Problem)> PayAllAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        int month,
        PayAllRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        var paidOn = Date(errors, "paidOn", r.PaidOn) ?? Today;
        if (paidOn > Today)
            errors.Add(("paidOn", "Dues.FutureDate", []));
        if (errors.Count > 0)
            return (null, new DuesProblem(400, Errors: errors));
        if (DuesLedgerRules.CheckPaymentMonth(month, DuesMonth.Of(paidOn)) is { } refusal)
            return (null, Refused(refusal));
        var (org, problem) = await OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return (null, problem);
        await GenerateAsync(month, [org.Id], null, ct);
        var unpaid = await db
            .DuesLedger.Where(e =>
                e.OrganizationId == org.Id && e.Month == month && e.Status == DuesStatus.Unpaid
            )
            .ToListAsync(ct);
        long total = 0;
        foreach (var e in unpaid)
        {
            var payment = NewPayment(
                user,
                e.MemberId,
                e.OrganizationId,
                e.BuildingId,
                paidOn,
                DuesPayer.Member,
                null
            );
            Settle(payment, e, paidOn);
            db.DuesPayments.Add(payment);
            total += payment.AmountFen;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (
                null,
                new DuesProblem(
                    409,
                    "Dues.AlreadyPaid",
                    DetailKey: "Dues.AlreadyPaidDetail",
                    DetailArgs: [DuesMonth.Format(month)]
                )
            );
        }
        return (
            new PayAllResponse(DuesMonth.Format(month), unpaid.Count, total, Yuan.Of(total)),
            null
        );
    }

    /// <summary>Records a voluntary extra payment; one of 1,000 yuan or more is flagged to forward upward (§1.10).</summary>
    public async Task<(VoluntaryResponse? Result, DuesProblem? Problem)> VoluntaryAsync(
        ClaimsPrincipal user,
        VoluntaryRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        if (r.MemberId is null || r.MemberId == Guid.Empty)
            errors.Add(("memberId", "Validation.Required", []));
        if (r.AmountFen is null)
            errors.Add(("amountFen", "Dues.AmountRequired", []));
        else if (r.AmountFen <= 0 || r.AmountFen > DuesRules.MaximumBaseFen)
            errors.Add(("amountFen", "Dues.AmountOutOfRange", []));
        var paidOn = Date(errors, "paidOn", r.PaidOn) ?? Today;
        if (paidOn > Today)
            errors.Add(("paidOn", "Dues.FutureDate", []));
        if (r.Note?.Trim().Length > 200)
            errors.Add(("note", "Validation.TooLong", [200]));
        if (errors.Count > 0)
            return (null, new DuesProblem(400, Errors: errors));
        var member = await directory.MemberAsync(r.MemberId!.Value, Today, ct);
        if (member is null)
            return (null, DuesProblem.NotFound);
        if (member.OrganizationId is null)
            return (null, DuesProblem.Invalid("memberId", "Dues.MemberWithoutOrganization"));
        var (org, problem) = await OrganizationAsync(user, member.OrganizationId.Value, ct);
        if (org is null)
            return (null, problem);
        var forward = DuesLedgerRules.ForwardUpward(r.AmountFen!.Value);
        var v = new DuesVoluntaryPayment
        {
            Id = Guid.NewGuid(),
            MemberId = member.Id,
            OrganizationId = org.Id,
            BuildingId = org.BuildingId,
            PaidOn = paidOn,
            AmountFen = r.AmountFen.Value,
            ForwardUpward = forward,
            Note = r.Note?.Trim(),
            RecordedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.DuesVoluntaryPayments.Add(v);
        await db.SaveChangesAsync(ct);
        return (
            new VoluntaryResponse(
                v.Id,
                v.MemberId,
                v.AmountFen,
                Yuan.Of(v.AmountFen),
                v.PaidOn,
                forward,
                forward ? DuesLedgerRules.VoluntarySource : null
            ),
            null
        );
    }

    // ---------------------------------------------------------------- arrears and reports

    /// <summary>
    /// Members in scope with at least <paramref name="minimumMonths"/> consecutive unpaid months up to the last
    /// completed month (the same run as <see cref="DuesLedgerRules.Arrears(IEnumerable{DuesStatus})"/>, counted in
    /// the database: unpaid months after the member's last paid or waived month).
    /// </summary>
    public async Task<(IReadOnlyList<ArrearsRow>? Rows, DuesProblem? Problem)> ArrearsAsync(
        ClaimsPrincipal user,
        Guid? organizationId,
        int minimumMonths,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        var last = DuesMonth.Add(CurrentMonth, -1);
        var runs = await RunsAsync(scope, organizationId, last, Math.Max(1, minimumMonths), ct);
        var ids = runs.Select(r => r.MemberId).ToArray();
        var names = await NamesAsync(ids, ct);
        var orgs = await directory.OrganizationNamesAsync(
            [.. runs.Select(r => r.OrganizationId)],
            ct
        );
        return (
            [
                .. runs.OrderByDescending(r => r.Months)
                    .ThenBy(r => names.GetValueOrDefault(r.MemberId), StringComparer.Ordinal)
                    .Select(r =>
                    {
                        var state = DuesLedgerRules.Arrears(r.Months);
                        return new ArrearsRow(
                            r.MemberId,
                            names.GetValueOrDefault(r.MemberId) ?? "",
                            r.OrganizationId,
                            orgs.GetValueOrDefault(r.OrganizationId) ?? "",
                            r.Months,
                            state.Level.ToString(),
                            DuesLedgerRules.ArrearsSource
                        );
                    }),
            ],
            null
        );
    }

    private sealed record Run(Guid MemberId, Guid OrganizationId, int Months);

    private async Task<List<Run>> RunsAsync(
        DuesScope scope,
        Guid? organizationId,
        int lastCompleted,
        int minimum,
        CancellationToken ct
    )
    {
        var from = DuesMonth.Add(lastCompleted, -(ArrearsLookback - 1));
        var ledger = scope.StaffFilter(db.DuesLedger.AsNoTracking());
        if (organizationId is { } one)
            ledger = ledger.Where(e => e.OrganizationId == one);
        var rows = await ledger
            .Where(l =>
                l.Month >= from
                && l.Month <= lastCompleted
                && l.Status == DuesStatus.Unpaid
                && l.Month
                    > (
                        db.DuesLedger.Where(m =>
                                m.MemberId == l.MemberId
                                && m.Status != DuesStatus.Unpaid
                                && m.Month <= lastCompleted
                            )
                            .Max(m => (int?)m.Month)
                        ?? 0
                    )
            )
            .GroupBy(l => new { l.MemberId, l.OrganizationId })
            .Select(g => new
            {
                g.Key.MemberId,
                g.Key.OrganizationId,
                Months = g.Count(),
            })
            .Where(g => g.Months >= minimum)
            .ToListAsync(ct);
        return [.. rows.Select(r => new Run(r.MemberId, r.OrganizationId, r.Months))];
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(Guid[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
            return [];
        var rows = await db
            .DuesAssessments.AsNoTracking()
            .Where(a => ids.Contains(a.MemberId))
            .Select(a => new { a.MemberId, a.MemberName })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.MemberId).ToDictionary(g => g.Key, g => g.First().MemberName);
    }

    /// <summary>
    /// Due, paid, rate and the number of members in arrears (≥ 3 consecutive unpaid months up to the month) by
    /// organisation or building for a month, or by month over the month's year.
    /// </summary>
    public async Task<(DuesReport? Report, DuesProblem? Problem)> ReportAsync(
        ClaimsPrincipal user,
        int month,
        string by,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        by = by.ToLowerInvariant();
        if (by is not ("organization" or "building" or "month"))
            return (null, DuesProblem.Invalid("by", "Dues.ReportByUnknown", [by]));
        var ledger = scope.StaffFilter(db.DuesLedger.AsNoTracking());
        var rows = new List<DuesReportRow>();
        if (by == "month")
        {
            var first = DuesMonth.Of(DuesMonth.Year(month), 1);
            var sums = await ledger
                .Where(e => e.Month >= first && e.Month <= month)
                .GroupBy(e => e.Month)
                .Select(g => new
                {
                    g.Key,
                    Members = g.Count(),
                    Due = g.Sum(e => e.DueFen),
                    Paid = g.Sum(e => e.PaidFen),
                })
                .ToListAsync(ct);
            foreach (var s in sums.OrderBy(s => s.Key))
            {
                var arrears = (
                    await RunsAsync(scope, null, s.Key, DuesLedgerRules.WarningMonths, ct)
                ).Count;
                rows.Add(
                    ReportRow(
                        DuesMonth.Format(s.Key),
                        DuesMonth.Format(s.Key),
                        s.Members,
                        s.Due,
                        s.Paid,
                        arrears
                    )
                );
            }
        }
        else
        {
            var runs = await RunsAsync(scope, null, month, DuesLedgerRules.WarningMonths, ct);
            var monthRows = ledger.Where(e => e.Month == month);
            if (by == "organization")
            {
                var sums = await monthRows
                    .GroupBy(e => e.OrganizationId)
                    .Select(g => new
                    {
                        g.Key,
                        Members = g.Count(),
                        Due = g.Sum(e => e.DueFen),
                        Paid = g.Sum(e => e.PaidFen),
                    })
                    .ToListAsync(ct);
                var names = await directory.OrganizationNamesAsync(
                    [.. sums.Select(s => s.Key)],
                    ct
                );
                var arrears = runs.GroupBy(r => r.OrganizationId)
                    .ToDictionary(g => g.Key, g => g.Count());
                rows.AddRange(
                    sums.Select(s =>
                            ReportRow(
                                s.Key.ToString(),
                                names.GetValueOrDefault(s.Key) ?? "",
                                s.Members,
                                s.Due,
                                s.Paid,
                                arrears.GetValueOrDefault(s.Key)
                            )
                        )
                        .OrderBy(r => r.Name, StringComparer.Ordinal)
                );
            }
            else
            {
                var sums = await monthRows
                    .GroupBy(e => e.BuildingId)
                    .Select(g => new
                    {
                        g.Key,
                        Members = g.Count(),
                        Due = g.Sum(e => e.DueFen),
                        Paid = g.Sum(e => e.PaidFen),
                    })
                    .ToListAsync(ct);
                var buildingOf = await monthRows
                    .Select(e => new { e.MemberId, e.BuildingId })
                    .ToListAsync(ct);
                var buildingByMember = buildingOf.ToDictionary(x => x.MemberId, x => x.BuildingId);
                var arrears = runs.Where(r => buildingByMember.ContainsKey(r.MemberId))
                    .GroupBy(r => buildingByMember[r.MemberId])
                    .ToDictionary(g => g.Key, g => g.Count());
                var names = await BuildingNamesAsync(sums.Select(s => s.Key).ToArray(), ct);
                rows.AddRange(
                    sums.Select(s =>
                            ReportRow(
                                s.Key.ToString(),
                                names.GetValueOrDefault(s.Key) ?? "",
                                s.Members,
                                s.Due,
                                s.Paid,
                                arrears.GetValueOrDefault(s.Key)
                            )
                        )
                        .OrderBy(r => r.Name, StringComparer.Ordinal)
                );
            }
        }
        var total = ReportRow(
            "total",
            "",
            by == "month" ? rows.LastOrDefault()?.Members ?? 0 : rows.Sum(r => r.Members),
            rows.Sum(r => r.DueFen),
            rows.Sum(r => r.PaidFen),
            by == "month" ? rows.LastOrDefault()?.ArrearsCount ?? 0 : rows.Sum(r => r.ArrearsCount)
        );
        return (new DuesReport(by, DuesMonth.Format(month), rows, total), null);
    }

    private async Task<Dictionary<Guid, string>> BuildingNamesAsync(
        Guid[] ids,
        CancellationToken ct
    )
    {
        if (ids.Length == 0)
            return [];
        return (await figures.BuildingsAsync(ids, ct)).ToDictionary(b => b.Id, b => b.Name);
    }

    private static DuesReportRow ReportRow(
        string key,
        string name,
        int members,
        long due,
        long paid,
        int arrears
    ) =>
        new(
            key,
            name,
            members,
            due,
            Yuan.Of(due),
            paid,
            Yuan.Of(paid),
            due == 0 ? 0 : Math.Round((double)paid / due, 4),
            arrears
        );

    /// <summary>A month a payment form offers: due amount, status, and whether it may be paid now (and why not).</summary>
    public sealed record PayableMonth(
        int Month,
        long DueFen,
        DuesStatus Status,
        DuesRefusal? Refusal
    );

    public sealed record MemberDues(
        Guid MemberId,
        string Name,
        Guid OrganizationId,
        IReadOnlyList<PayableMonth> Months,
        ArrearsState Arrears
    );

    /// <summary>
    /// A member's months for the payment form: from <see cref="DuesLedgerRules.BackPaymentMonths"/> + 1 months back to
    /// the end of the quarter, from the ledger or, where not generated yet, from the assessment.
    /// </summary>
    public async Task<(MemberDues? Dues, DuesProblem? Problem)> MemberDuesAsync(
        ClaimsPrincipal user,
        Guid memberId,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (!scope.IsStaff)
            return (null, DuesProblem.Forbidden);
        var current = CurrentMonth;
        var from = DuesMonth.Add(current, -(DuesLedgerRules.BackPaymentMonths + 1));
        var to = DuesMonth.Of(DuesMonth.Year(current), ((current % 100 - 1) / 3 + 1) * 3);
        var assessments = await scope
            .Filter(db.DuesAssessments.AsNoTracking())
            .Where(a =>
                a.MemberId == memberId
                && a.Year >= DuesMonth.Year(from)
                && a.Year <= DuesMonth.Year(to)
            )
            .ToListAsync(ct);
        if (assessments.Count == 0)
            return (null, DuesProblem.NotFound);
        var latest = assessments
            .OrderByDescending(a => a.Year)
            .ThenByDescending(a => a.FirstMonth)
            .First();
        if (!scope.AllowsOrganization(latest.OrganizationId, latest.BuildingId))
            return (null, DuesProblem.Forbidden);
        var entries = await db
            .DuesLedger.AsNoTracking()
            .Where(e => e.MemberId == memberId && e.Month >= from && e.Month <= to)
            .ToDictionaryAsync(e => e.Month, ct);
        var months = new List<PayableMonth>();
        for (var m = from; m <= to; m = DuesMonth.Add(m, 1))
        {
            if (entries.TryGetValue(m, out var e))
                months.Add(
                    new(m, e.DueFen, e.Status, DuesLedgerRules.CheckPaymentMonth(m, current))
                );
            else if (
                assessments.FirstOrDefault(a =>
                    a.Year == DuesMonth.Year(m)
                    && a.FirstMonth <= m
                    && (a.LastMonth == null || a.LastMonth >= m)
                ) is
                { } a
            )
                months.Add(
                    new(
                        m,
                        a.MonthlyFen,
                        a.MonthlyFen == 0 ? DuesStatus.Waived : DuesStatus.Unpaid,
                        DuesLedgerRules.CheckPaymentMonth(m, current)
                    )
                );
        }
        var arrears =
            (await ArrearsOfAsync([memberId], DuesMonth.Add(current, -1), ct)).GetValueOrDefault(
                memberId
            ) ?? DuesLedgerRules.Arrears(0);
        return (
            new MemberDues(memberId, latest.MemberName, latest.OrganizationId, months, arrears),
            null
        );
    }

    // ---------------------------------------------------------------- the member's own dues

    /// <summary>A member's own dues for a year: monthly amount, months, arrears.</summary>
    public async Task<(MyDuesResponse? Mine, DuesProblem? Problem)> MineAsync(
        ClaimsPrincipal user,
        int? year,
        CancellationToken ct
    )
    {
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier) is { } uid
            ? await directory.MemberOfUserAsync(uid, Today, ct)
            : null;
        if (me is null)
            return (null, DuesProblem.NotFound);
        var y = year ?? Today.Year;
        var assessment = await db
            .DuesAssessments.AsNoTracking()
            .Where(a => a.MemberId == me.Id && a.Year == y)
            .OrderByDescending(a => a.LastMonth == null)
            .ThenByDescending(a => a.FirstMonth)
            .FirstOrDefaultAsync(ct);
        var first = DuesMonth.Of(y, 1);
        var lastMonth = DuesMonth.Of(y, 12);
        var entries = await db
            .DuesLedger.AsNoTracking()
            .Where(e => e.MemberId == me.Id && e.Month >= first && e.Month <= lastMonth)
            .OrderByDescending(e => e.Month)
            .ToListAsync(ct);
        var arrears =
            (await ArrearsOfAsync([me.Id], DuesMonth.Add(CurrentMonth, -1), ct)).GetValueOrDefault(
                me.Id
            ) ?? DuesLedgerRules.Arrears(0);
        return (
            new MyDuesResponse(
                me.Id,
                me.Name,
                y,
                assessment?.MonthlyFen,
                assessment is null ? null : Yuan.Of(assessment.MonthlyFen),
                assessment?.Bracket,
                assessment?.Rule,
                assessment?.Hardship.ToString(),
                [.. entries.Select(e => Row(e, me.Name, null))],
                arrears.ConsecutiveUnpaidMonths,
                arrears.Level.ToString(),
                arrears.Rule
            ),
            null
        );
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Rows of a branch's month for the .xlsx export (no base: only amounts and status).</summary>
    public async Task AuditBulkAsync(
        ClaimsPrincipal user,
        string action,
        Guid? organizationId,
        int month,
        int rows,
        CancellationToken ct
    )
    {
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity?.Name,
                Action = action,
                Entity = nameof(DuesLedgerEntry),
                EntityId = organizationId?.ToString(),
                After = System.Text.Json.JsonSerializer.Serialize(
                    new { month = DuesMonth.Format(month), rows }
                ),
                RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
    }

    private static DuesProblem Refused(DuesRefusal r) =>
        new(
            422,
            "Dues.RuleRefused",
            Rule: r.Rule,
            Source: r.Source,
            DetailKey: r.MessageKey,
            DetailArgs: r.Args
        );

    private static DateOnly? Date(
        List<(string Field, string Key, object[] Args)> errors,
        string field,
        string? value
    )
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (
            DateOnly.TryParseExact(
                value.Trim(),
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
            return d;
        errors.Add((field, "Validation.Date", []));
        return null;
    }
}
