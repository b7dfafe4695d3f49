using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Demo;

/// <summary>
/// Demo dues: this year's assessment for every full and probationary member of the demo organisations, the ledger
/// of the last months (set-based), and payments — everyone paid up except a few members 3 and 6 months in arrears
/// (among them two members of the demo branch), one reduced and one waived by hardship, and one voluntary payment
/// of 1,000 yuan flagged to forward upward. Runs right after the organisation demo, on an empty database only.
/// </summary>
public sealed class DuesDemoSeeder(
    LouyuDbContext db,
    IPartyDirectory directory,
    PersonalDataProtector protector,
    TimeProvider clock,
    ILogger<DuesDemoSeeder> log
)
{
    /// <summary>Months of ledger before the current one.</summary>
    public const int MonthsBack = 7;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.DuesAssessments.AnyAsync(ct))
            return;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var today = ShanghaiTime.Today(clock);
        var year = today.Year;
        var current = DuesMonth.Of(today);
        var first = DuesMonth.Add(current, -MonthsBack);
        var admin = new ClaimsPrincipal(
            new ClaimsIdentity(
                [
                    new Claim(
                        RoleGrantClaims.ClaimType,
                        $"{LouyuRoles.Administrator}|{ScopeKind.District}|"
                    ),
                ],
                "seed"
            )
        );
        var organizations = await directory.OrganizationsAsync(admin, ct);
        var random = new Random(2021);
        var records = new List<DuesAssessmentRecord>();
        var arrears = new Dictionary<Guid, int>();
        var now = clock.GetUtcNow().UtcDateTime;
        // The demo branches (those with a branch secretary's login) always show both kinds of arrears.
        var secretaryScopes = await db
            .RoleGrants.Where(g =>
                g.Role == LouyuRoles.BranchSecretary && g.ScopeKind == ScopeKind.Organization
            )
            .Select(g => g.ScopeId)
            .ToListAsync(ct);
        var i = 0;
        var orgIndex = 0;
        foreach (var org in organizations)
        {
            orgIndex++;
            var demoBranch = secretaryScopes.Contains(org.Id.ToString());
            var members = await directory.MembersOfAsync(org.Id, today, ct);
            var inOrg = 0;
            foreach (var m in members)
            {
                i++;
                inOrg++;
                var category =
                    i % 23 == 0 ? DuesCategory.Retired
                    : i % 31 == 0 ? DuesCategory.Unemployed
                    : DuesCategory.Employed;
                var baseFen = DuesRules.UsesBase(category) ? random.Next(2_500, 16_000) * 100L : 0;
                var assessed = DuesRules.Calculate(category, baseFen);
                var hardship =
                    i % 97 == 0 ? HardshipKind.Waived
                    : i % 89 == 0 ? HardshipKind.Reduced
                    : HardshipKind.None;
                var reduced =
                    hardship == HardshipKind.Reduced
                        ? Math.Max(DuesRules.FixedMinimumFen, assessed.MonthlyDuesFen / 2)
                        : (long?)null;
                if (hardship == HardshipKind.Reduced && reduced >= assessed.MonthlyDuesFen)
                    hardship = HardshipKind.None;
                var admitted = m.IsProbationary ? m.JoinedOn : null;
                var assessedAny = false;
                // The ledger may reach back into last year: an assessment for each year it covers.
                for (var y = DuesMonth.Year(first); y <= year; y++)
                {
                    var firstMonth = DuesLedgerRules.FirstMonth(y, admitted, null);
                    if (firstMonth is null)
                        continue;
                    assessedAny = true;
                    records.Add(
                        new DuesAssessmentRecord
                        {
                            Id = Guid.NewGuid(),
                            MemberId = m.Id,
                            MemberName = m.Name,
                            OrganizationId = org.Id,
                            BuildingId = org.BuildingId,
                            Year = y,
                            Category = category,
                            BaseCipher = DuesRules.UsesBase(category)
                                ? protector.Encrypt(baseFen.ToString(CultureInfo.InvariantCulture))
                                : null,
                            AssessedFen = assessed.MonthlyDuesFen,
                            RatePermille = assessed.Rate is { } r ? (int)(r * 1000m) : null,
                            Bracket = assessed.Bracket,
                            Rule = assessed.Rule,
                            MonthlyFen = DuesLedgerRules.DueAfterHardship(
                                assessed.MonthlyDuesFen,
                                hardship == HardshipKind.Reduced && reduced is null
                                    ? HardshipKind.None
                                    : hardship,
                                reduced
                            ),
                            Hardship = hardship,
                            ReducedFen = hardship == HardshipKind.Reduced ? reduced : null,
                            BranchDecisionOn =
                                hardship == HardshipKind.None ? null : new DateOnly(y, 1, 8),
                            BranchDecisionRef =
                                hardship == HardshipKind.None ? null : $"支委会纪要〔{y}〕1号",
                            ApprovalOn =
                                hardship == HardshipKind.None ? null : new DateOnly(y, 1, 15),
                            ApprovalRef =
                                hardship == HardshipKind.None ? null : $"楼宇党委批复〔{y}〕2号",
                            FirstMonth = firstMonth.Value,
                            AssessedAtUtc = now,
                            Version = 1,
                        }
                    );
                }
                if (!assessedAny)
                    continue;
                // The 3rd member of every other organisation is 3 months behind, the 4th of every fifth 6 months.
                var run =
                    inOrg == 3 && (demoBranch || orgIndex % 2 == 0) ? 3
                    : inOrg == 4 && (demoBranch || orgIndex % 5 == 0) ? 6
                    : 0;
                if (run > 0 && hardship != HardshipKind.Waived)
                    arrears[m.Id] = run;
            }
        }
        db.SuppressAudit = true;
        try
        {
            db.DuesAssessments.AddRange(records);
            await db.SaveChangesAsync(ct);
            for (var month = first; month <= current; month = DuesMonth.Add(month, 1))
                await DuesLedgerGenerator.GenerateAsync(db, month, null, null, ct);

            // Payments: one per member for the months before their arrears (a quarterly-style payment), the
            // current month paid by about half.
            var lastCompleted = DuesMonth.Add(current, -1);
            var entries = await db
                .DuesLedger.Where(e => e.Month >= first && e.Status == DuesStatus.Unpaid)
                .ToListAsync(ct);
            foreach (var group in entries.GroupBy(e => e.MemberId))
            {
                var run = arrears.GetValueOrDefault(group.Key);
                var paidUpTo = DuesMonth.Add(lastCompleted, -run);
                var payCurrent = run == 0 && group.Key.ToByteArray()[0] % 2 == 0;
                var months = group
                    .Where(e => e.Month <= paidUpTo || (payCurrent && e.Month == current))
                    .OrderBy(e => e.Month)
                    .ToList();
                if (months.Count == 0)
                    continue;
                var paidOn =
                    DuesMonth.LastDay(months[^1].Month) < today
                        ? DuesMonth.FirstDay(months[^1].Month).AddDays(9)
                        : today;
                var payment = new DuesPayment
                {
                    Id = Guid.NewGuid(),
                    MemberId = group.Key,
                    OrganizationId = months[^1].OrganizationId,
                    BuildingId = months[^1].BuildingId,
                    PaidOn = paidOn,
                    Payer = DuesPayer.Member,
                    RecordedAtUtc = now,
                };
                foreach (var e in months)
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
                db.DuesPayments.Add(payment);
            }
            if (
                records.FirstOrDefault(r => r.Year == year && !arrears.ContainsKey(r.MemberId)) is
                { } generous
            )
                db.DuesVoluntaryPayments.Add(
                    new DuesVoluntaryPayment
                    {
                        Id = Guid.NewGuid(),
                        MemberId = generous.MemberId,
                        OrganizationId = generous.OrganizationId,
                        BuildingId = generous.BuildingId,
                        PaidOn = DuesMonth.FirstDay(DuesMonth.Add(current, -1)).AddDays(1),
                        AmountFen = DuesLedgerRules.ForwardUpwardFen,
                        ForwardUpward = true,
                        Note = "七一自愿多交党费",
                        RecordedAtUtc = now,
                    }
                );
            db.AuditEntries.Add(
                new AuditEntry
                {
                    AtUtc = now,
                    Action = "Seed",
                    Entity = nameof(DuesAssessmentRecord),
                    After =
                        $"{{\"assessments\":{records.Count},\"months\":\"{DuesMonth.Format(first)}..{DuesMonth.Format(current)}\"}}",
                }
            );
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.SuppressAudit = false;
        }
        log.LogInformation(
            "Demo dues seeded: {Assessments} assessments (years {From}–{To}), {InArrears} members in arrears, in {Ms} ms",
            records.Count,
            DuesMonth.Year(first),
            year,
            arrears.Count,
            watch.ElapsedMilliseconds
        );
    }
}
