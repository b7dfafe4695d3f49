using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Demo;

/// <summary>
/// Demo member-development cases (发展党员) in the demo branch secretary's branch, dated relative to today so that a
/// first-time user sees the development pages with content: an activist in training, a development target with
/// introducers and training done, a probationary member whose year ends within weeks, and a case whose approval by
/// the higher committee is past its 3-month deadline (late). Every case and step goes through
/// <see cref="DevelopmentService"/> as the branch secretary, so each is judged by the rules table like a user's
/// entry (a refused step is not recorded, and the case stops there): the demo cannot break a rule. Deterministic
/// (fixed names, generated resident IDs with valid check digits) and run only while there is no case at all.
/// </summary>
public sealed class DevelopmentDemo(
    LouyuDbContext db,
    IPartyDirectory directory,
    DevelopmentService cases,
    TimeProvider clock,
    ILogger<DevelopmentDemo> log
) : IDemoSeedStep
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.DevelopmentCases.AnyAsync(ct))
            return;
        var grant = await db
            .RoleGrants.Where(g => g.Role == LouyuRoles.BranchSecretary)
            .OrderBy(g => g.UserId)
            .FirstOrDefaultAsync(ct);
        if (grant is null || !Guid.TryParse(grant.ScopeId, out var branch))
            return; // not the demo scenario
        var grants = await db.RoleGrants.Where(g => g.UserId == grant.UserId).ToListAsync(ct);
        var user = new ClaimsPrincipal(
            new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, grant.UserId),
                    .. grants
                        .Select(g => g.Role)
                        .Distinct()
                        .Select(r => new Claim(ClaimTypes.Role, r)),
                    .. grants.Select(RoleGrantClaims.ToClaim),
                ],
                "demo"
            )
        );
        var today = ShanghaiTime.Today(clock);
        var introducers = (await directory.FullMembersOfAsync(branch, today.AddDays(-600), ct))
            .Select(m => m.Id)
            .Take(2)
            .ToList();
        var voters = (await directory.FullMembersOfAsync(branch, today, ct)).Count;

        // Each case: name, birth, and the steps with their day (days before today) and facts.
        var plans = new (string Name, DateOnly Birth, bool Male, int Applied, Step[] Steps)[]
        {
            // 入党积极分子: chosen four months ago, in training; the next half-yearly assessment is due in two months.
            (
                "林晓雯",
                new(1998, 3, 14),
                false,
                160,
                [new(2, 150), new(3, 120), new(4, 115), new(5, 115), new(6, 30)]
            ),
            // 发展对象: an activist for over a year, introducers named, review and training done; the branch
            // committee's review is next.
            (
                "周浩然",
                new(1995, 9, 2),
                true,
                560,
                [
                    new(2, 545),
                    new(3, 500),
                    new(4, 495),
                    new(5, 495),
                    new(6, 200),
                    new(7, 120),
                    new(8, 115),
                    new(9, 110, Introducers: true),
                    new(10, 60),
                    new(11, 40, TrainingDays: 3),
                ]
            ),
            // 预备党员 due for full membership soon: admitted by the branch meeting 50 weeks ago; the conversion
            // application is in, the branch meeting on it is due in about two weeks.
            (
                "陈思远",
                new(1992, 11, 20),
                true,
                1000,
                [
                    new(2, 990),
                    new(3, 960),
                    new(4, 955),
                    new(5, 955),
                    new(6, 780),
                    new(7, 590),
                    new(8, 585),
                    new(9, 580, Introducers: true),
                    new(10, 530),
                    new(11, 500, TrainingDays: 3),
                    new(12, 420),
                    new(13, 400, PublicityDays: 14),
                    new(14, 380),
                    new(15, 350, Vote: true),
                    new(16, 340),
                    new(17, 320),
                    new(18, 310),
                    new(19, 305),
                    new(20, 300),
                    new(21, 100),
                    new(22, 10),
                ]
            ),
            // A late step: the branch meeting admitted her 100 days ago, the higher committee has not approved
            // within the three months the rule gives.
            (
                "王雨桐",
                new(1996, 6, 8),
                false,
                800,
                [
                    new(2, 790),
                    new(3, 760),
                    new(4, 755),
                    new(5, 755),
                    new(6, 500),
                    new(7, 380),
                    new(8, 375),
                    new(9, 370, Introducers: true),
                    new(10, 320),
                    new(11, 290, TrainingDays: 3),
                    new(12, 200),
                    new(13, 180, PublicityDays: 14),
                    new(14, 160),
                    new(15, 100, Vote: true),
                    new(16, 90),
                ]
            ),
        };
        for (var i = 0; i < plans.Length; i++)
        {
            var (name, birth, male, applied, steps) = plans[i];
            var (c, problem) = await cases.CreateAsync(
                user,
                new NewCaseRequest(
                    name,
                    ResidentId(birth, male, i),
                    male ? "Male" : "Female",
                    null,
                    branch.ToString(),
                    Iso(today.AddDays(-applied))
                ),
                ct
            );
            if (c is null)
            {
                log.LogWarning("Demo development case {Name} refused: {Problem}", name, problem);
                continue;
            }
            foreach (var s in steps)
            {
                var on = today.AddDays(-s.DaysAgo);
                var (_, refused) = await cases.RecordStepAsync(
                    user,
                    c.Id,
                    s.No,
                    new StepRequest(
                        Iso(on),
                        "韩青",
                        null,
                        s.TrainingDays,
                        null,
                        s.Introducers ? introducers : null,
                        s.Vote ? new VoteRequest(voters, voters, voters, 0, 0) : null,
                        s.PublicityDays is { } p ? Iso(on.AddDays(-p)) : null
                    ),
                    ct
                );
                if (refused is not null)
                {
                    log.LogWarning(
                        "Demo development case {Name}: step {Step} refused: {Problem}",
                        name,
                        s.No,
                        refused
                    );
                    break;
                }
            }
        }
    }

    private sealed record Step(
        int No,
        int DaysAgo,
        bool Introducers = false,
        int? TrainingDays = null,
        bool Vote = false,
        int? PublicityDays = null
    );

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A fictional resident ID of 北京市丰台区 with a valid GB 11643-1999 check digit.</summary>
    private static string ResidentId(DateOnly birth, bool male, int n)
    {
        var seq = 100 + n * 2 + (male ? 1 : 0); // odd for men, even for women
        var body = $"110106{birth:yyyyMMdd}{seq:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((ch, k) => (ch - '0') * weights[k]).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
