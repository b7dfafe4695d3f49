using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>
/// Party work on top of the demo scenario, relative to today so the reminders look alive: committee terms (换届)
/// of every live organisation with positions filled from its members (most current, some due within six months, a
/// few overdue, a couple with none recorded), about sixty visits (跑楼) over the last year with some follow-ups still
/// open, and where pocket members' relationships sit. Deterministic for a given day (its own seeded Random), and it
/// touches none of the rows the demo figures count. Not run for the district-scale bench data.
/// </summary>
public static class DemoTermsAndVisits
{
    private const int Seed = 20210821;

    private static readonly string[] HeldAt =
    [
        "北京市海淀区中关村街道党工委",
        "北京市朝阳区望京街道社区党委",
        "中国人民大学学生党支部",
        "河北省保定市莲池区某社区党支部",
        "北京市西城区人才服务中心党委",
        "山东省临沂市兰山区某村党支部",
        "原工作单位北京某科技有限公司党支部",
    ];

    private static readonly (string Purpose, string Findings)[] Visits =
    [
        ("日常走访", "企业经营正常，新入职员工 3 人，其中 1 人为党员，组织关系在外地。"),
        ("摸排党员情况", "企业现有党员 2 名，均愿意参加楼宇组织生活。"),
        ("指导组建党组织", "企业正式党员已达 3 名，负责人同意单独组建党支部。"),
        ("政策宣讲和服务", "宣讲丰台区稳岗补贴政策，企业关注人才公寓申请。"),
        ("组织活动对接", "企业希望参加楼宇主题党日和青年联谊活动。"),
        ("了解企业诉求", "企业反映停车位紧张，希望物业协调。"),
        ("走访新入驻企业", "企业上月入驻，登记联系人，送达《楼宇党建服务手册》。"),
        ("党建指导员例行联系", "了解企业员工思想动态，推荐 1 名入党积极分子人选。"),
    ];

    private static readonly (string FollowUp, int Days)[] FollowUps =
    [
        ("协助两名党员转接组织关系", 30),
        ("提交单独组建党支部的请示", 21),
        ("协调物业解决停车问题", 14),
        ("送达人才公寓申请材料清单", 10),
        ("邀请企业参加下月主题党日", 20),
        ("跟进入党积极分子推荐材料", 30),
    ];

    public static async Task WriteAsync(
        LouyuDbContext db,
        DemoScenario s,
        DateOnly today,
        CancellationToken ct
    )
    {
        var rng = new Random(Seed);
        var terms = new List<CommitteeTerm>();
        var positions = new List<CommitteePosition>();
        var names = s.Members.ToDictionary(m => m.Member.Id, m => m.Member);
        var spellsByOrg = s
            .Spells.GroupBy(x => x.OrganizationId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var children = s
            .Organizations.Where(o => o.ParentId is not null)
            .ToLookup(o => o.ParentId!.Value);
        var branchPerson = s
            .Spells.Where(x => x.OrganizationId == s.FirstBranchId && x.ToDate == null)
            .Select(x => x.MemberId)
            .FirstOrDefault();
        var live = s
            .Organizations.Where(o =>
                TermRules.HasTerm(o.Type)
                && o.FoundedOn <= today
                && (o.DissolvedOn is null || o.DissolvedOn > today)
            )
            .OrderBy(o => o.FoundedOn)
            .ThenBy(o => o.Id)
            .ToList();
        for (var i = 0; i < live.Count; i++)
        {
            var o = live[i];
            var years = TermRules.TermYears(o.Type)!.Value;
            var roll = rng.NextDouble();
            if (o.Id != s.CommitteeId && o.Id != s.FirstBranchId && roll < 0.04)
                continue; // no term recorded: the reminders list it
            // Where the current term's due date falls: overdue, due within six months, or later.
            var due =
                o.Id == s.FirstBranchId ? today.AddDays(75)
                : o.Id == s.CommitteeId ? today.AddDays(400 + rng.Next(900))
                : roll < 0.12 ? today.AddDays(-(10 + rng.Next(200)))
                : roll < 0.30 ? today.AddDays(10 + rng.Next(170))
                : today.AddDays(181 + rng.Next(years * 365 - 200));
            var elections = new List<DateOnly>();
            for (
                var e = due.AddYears(-years);
                e > o.FoundedOn;
                e = e.AddYears(-years).AddDays(rng.Next(60))
            )
                elections.Add(e);
            elections.Add(o.FoundedOn);
            elections.Reverse();
            for (var k = 0; k < elections.Count; k++)
            {
                var elected = elections[k];
                var dueOn = TermRules.DueOn(o.Type, elected)!.Value;
                var next = k + 1 < elections.Count ? elections[k + 1] : (DateOnly?)null;
                string? notes = null;
                if (k > 0)
                {
                    var previousDue = TermRules.DueOn(o.Type, elections[k - 1])!.Value;
                    if (TermRules.CheckElection(o.Type, previousDue, elected, null) is not null)
                        notes = $"批准文号：丰两新党字〔{elected.Year}〕{10 + rng.Next(80)}号";
                }
                var term = new CommitteeTerm
                {
                    Id = NewId(rng),
                    OrganizationId = o.Id,
                    ElectedOn = elected,
                    DueOn = dueOn,
                    EndedOn = next,
                    Notes = notes,
                    Version = 1,
                };
                terms.Add(term);
                // People: members of the organisation (or, for a committee, of its branches) on the election day.
                var pool = (spellsByOrg.GetValueOrDefault(o.Id) ?? [])
                    .Concat(
                        children[o.Id].SelectMany(c => spellsByOrg.GetValueOrDefault(c.Id) ?? [])
                    )
                    .Where(x => x.FromDate <= elected && (x.ToDate is null || x.ToDate > elected))
                    .Select(x => names[x.MemberId])
                    .Where(m => m.JoinedOn <= elected)
                    .DistinctBy(m => m.Id)
                    .OrderBy(m => m.FullMemberOn <= elected ? 0 : 1)
                    .ThenBy(m => m.Id)
                    .ToList();
                var full = pool.Count(m => m.FullMemberOn <= elected);
                var roles = new List<CommitteeRole> { CommitteeRole.Secretary };
                if (
                    o.Type == OrganizationType.Committee
                    || full >= OrganizationRules.FullMembersForCommittee
                )
                    roles.AddRange([
                        CommitteeRole.OrganizationCommissioner,
                        CommitteeRole.PropagandaCommissioner,
                        CommitteeRole.DisciplineCommissioner,
                    ]);
                if (o.Type == OrganizationType.Committee)
                    roles.Insert(1, CommitteeRole.DeputySecretary);
                var people = pool.OrderBy(_ => rng.Next()).ToList();
                if (o.Id == s.FirstBranchId && next is null && branchPerson != Guid.Empty)
                    people =
                    [
                        .. people.Where(m => m.Id == branchPerson),
                        .. people.Where(m => m.Id != branchPerson),
                    ];
                for (var r = 0; r < roles.Count && r < people.Count; r++)
                    positions.Add(
                        new CommitteePosition
                        {
                            Id = NewId(rng),
                            TermId = term.Id,
                            Role = roles[r],
                            MemberId = people[r].Id,
                            PersonName = people[r].Name,
                        }
                    );
                if (people.Count == 0)
                    positions.Add(
                        new CommitteePosition
                        {
                            Id = NewId(rng),
                            TermId = term.Id,
                            Role = CommitteeRole.Secretary,
                            PersonName = "韩青",
                        }
                    );
            }
        }

        var visits = NewVisits(s, today, rng);

        db.SuppressAudit = true;
        db.CommitteeTerms.AddRange(terms);
        db.CommitteePositions.AddRange(positions);
        db.BuildingVisits.AddRange(visits);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Pocket members: party members working here with no current spell (never had one, or transferred out).
        var withSpell = s.Spells.Where(x => x.ToDate == null).Select(x => x.MemberId).ToHashSet();
        var pockets = s
            .Members.Select(m => m.Member)
            .Where(m => m.EnterpriseId is not null && !withSpell.Contains(m.Id))
            .Select(m => m.Id)
            .ToList();
        foreach (
            var group in pockets
                .Where(_ => rng.NextDouble() < 0.75)
                .GroupBy(_ => rng.Next(HeldAt.Length))
        )
        {
            var ids = group.ToList();
            var place = HeldAt[group.Key];
            await db
                .Members.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.RelationshipHeldAt, place), ct);
        }
        db.SuppressAudit = false;
    }

    /// <summary>About sixty visits over the last year, most in the demo worker's buildings; some follow-ups open.</summary>
    private static List<BuildingVisit> NewVisits(DemoScenario s, DateOnly today, Random rng)
    {
        var list = new List<BuildingVisit>();
        var workers = s.Workers;
        var zhao = workers.FirstOrDefault(w => w.Name == "赵鑫");
        var focus = new List<Guid> { s.Buildings[0].Id };
        if (zhao is not null && !focus.Contains(zhao.BuildingId))
            focus.Add(zhao.BuildingId);
        var present = s
            .Enterprises.Where(e => e.MovedOutOn is null || e.MovedOutOn > today.AddYears(-1))
            .GroupBy(e => e.BuildingId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var covered = s.Buildings.Where(b => b.CoveredFrom <= today.AddYears(-1)).ToList();
        for (var i = 0; i < 60; i++)
        {
            var visited = today.AddDays(-(1 + rng.Next(365)));
            var building =
                rng.NextDouble() < 0.6
                    ? focus[rng.Next(focus.Count)]
                    : covered[rng.Next(covered.Count)].Id;
            var here = present
                .GetValueOrDefault(building, [])
                .Where(e =>
                    e.MovedInOn <= visited && (e.MovedOutOn is null || e.MovedOutOn > visited)
                )
                .ToList();
            var enterprise =
                here.Count > 0 && rng.NextDouble() < 0.85 ? here[rng.Next(here.Count)] : null;
            var serving = workers
                .Where(w =>
                    w.BuildingId == building
                    && w.StartedOn <= visited
                    && (w.EndedOn is null || w.EndedOn > visited)
                )
                .ToList();
            var worker =
                zhao is not null && zhao.BuildingId == building && rng.NextDouble() < 0.7 ? zhao
                : serving.Count > 0 ? serving[rng.Next(serving.Count)]
                : zhao;
            var (purpose, findings) = Visits[rng.Next(Visits.Length)];
            var visit = new BuildingVisit
            {
                Id = NewId(rng),
                BuildingId = building,
                EnterpriseId = enterprise?.Id,
                PartyWorkerId = worker?.Id,
                VisitedOn = visited,
                Purpose = purpose,
                Findings = findings,
                RecordedAtUtc = TimeZoneInfo.ConvertTimeToUtc(
                    visited.ToDateTime(new TimeOnly(9 + rng.Next(8), rng.Next(60))),
                    ShanghaiTime.Zone
                ),
            };
            if (rng.NextDouble() < 0.4)
            {
                var (followUp, days) = FollowUps[rng.Next(FollowUps.Length)];
                visit.FollowUp = followUp;
                visit.FollowUpBy = visited.AddDays(days);
                // Older follow-ups are mostly done; the recent ones mostly still open.
                var doneOn = visited.AddDays(3 + rng.Next(days + 10));
                if (
                    doneOn < today
                    && rng.NextDouble() < (visited < today.AddDays(-60) ? 0.85 : 0.3)
                )
                    visit.FollowUpDoneOn = doneOn;
            }
            list.Add(visit);
        }
        return list;
    }

    private static Guid NewId(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }
}
