using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Features.Meetings;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Demo;

/// <summary>
/// Demo meetings for the past year of every demo branch, so the compliance board shows all three colours:
/// most branches held everything (green); every fifth missed a 支委会 three months ago (red); every fifth after it
/// has not held this month's 支委会 yet (amber) — the demo branch secretary's branch among them, so recording
/// this month's 支委会 turns it green. Attendees are those the rule invites (the 支委会: the current committee; a
/// 党小组会 of a branch with party groups: the group's members, the groups taking turns month by month). That branch
/// also has two meetings coming up, with notices to its members.
/// </summary>
public sealed class MeetingsDemo(
    LouyuDbContext db,
    IPartyDirectory directory,
    Notifier notifier,
    TimeProvider clock
) : IDemoSeedStep
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Meetings.AnyAsync(ct))
            return;
        var branches = await directory.Branches().OrderBy(b => b.Name).ToListAsync(ct);
        if (branches.Count == 0)
            return;
        var demoBranch = await db
            .RoleGrants.Where(g => g.Role == LouyuRoles.BranchSecretary)
            .Select(g => g.ScopeId)
            .FirstOrDefaultAsync(ct);
        if (demoBranch is null)
            return; // not the demo scenario (e.g. a district-scale benchmark database)
        var today = ShanghaiTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SuppressAudit = true;
        var current = ComplianceRules.MonthIndex(today);
        var groupsOf = (await directory.GroupsOfAsync([.. branches.Select(b => b.Id)], today, ct))
            .GroupBy(g => g.BranchId!.Value)
            .ToDictionary(g => g.Key, g => g.ToList());
        for (var i = 0; i < branches.Count; i++)
        {
            var b = branches[i];
            var isDemo = b.Id.ToString() == demoBranch;
            var red = !isDemo && i % 5 == 0;
            var amber = isDemo || i % 5 == 1;
            var members = await directory.MembersOfAsync(b.Id, today, ct);
            var committee = await directory.CommitteeOfAsync(b.Id, today, ct);
            var groups = groupsOf.GetValueOrDefault(b.Id) ?? [];
            var groupMembers = new Dictionary<Guid, IReadOnlyList<DirectoryMember>>();
            foreach (var g in groups)
                groupMembers[g.Id] = await directory.MembersOfAsync(g.Id, today, ct);
            var held = new List<(MeetingKind, DateOnly)>();
            void Hold(MeetingKind kind, int month, int day, string topic)
            {
                // A 党小组会 of a branch with groups is held by one of them, in turn.
                var group =
                    kind == MeetingKind.GroupMeeting && groups.Count > 0
                        ? groups[month % groups.Count]
                        : null;
                var first = ComplianceRules.MonthStart(month);
                if (first < b.FoundedOn)
                    return;
                var on = month == current ? today : first.AddDays(Math.Min(day, 28) - 1);
                if (on > today)
                    on = today;
                var m = new Meeting
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = b.Id,
                    GroupId = group?.Id,
                    Kind = kind,
                    Topic = group is null ? topic : $"{group.Name}{topic}",
                    StartsAtUtc = on.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc),
                    Place = "党群服务中心会议室",
                    Status = MeetingStatus.Held,
                    HeldOn = on,
                    Minutes = "会议按议程进行，与会同志充分讨论。",
                    CreatedAtUtc = now,
                    Version = 1,
                };
                db.Meetings.Add(m);
                held.Add((kind, on));
                // Who was invited, by the rule (MeetingInvitations): the 支委会 its committee, the rest every member.
                var invited = MeetingInvitations.Of(kind, group is not null) switch
                {
                    Invitees.Committee => committee,
                    Invitees.Group => groupMembers[group!.Id],
                    _ => members,
                };
                if (month >= current - 1)
                    foreach (var (p, k) in invited.Select((p, k) => (p, k)))
                        db.MeetingAttendees.Add(
                            new MeetingAttendee
                            {
                                Id = Guid.NewGuid(),
                                MeetingId = m.Id,
                                MemberId = p.Id,
                                Name = p.Name,
                                UserId = p.UserId,
                                IsFullMember = p.IsFullMember,
                                Status =
                                    k % 7 == 6 ? AttendanceStatus.Leave : AttendanceStatus.Present,
                                LeaveReason = k % 7 == 6 ? "出差" : null,
                            }
                        );
            }
            for (var back = 11; back >= 0; back--)
            {
                var month = current - back;
                var isCurrent = back == 0;
                if (!(red && back == 3) && !(amber && isCurrent))
                    Hold(MeetingKind.BranchCommittee, month, 5, "研究部署本月支部工作");
                Hold(MeetingKind.GroupMeeting, month, 8, "党小组学习讨论");
                Hold(MeetingKind.ThemedPartyDay, month, 12, "主题党日：学习交流");
                var q = ComplianceRules.PeriodStart(MeetingFrequency.Quarter, month);
                if (month == q + 1 || (isCurrent && month == q))
                {
                    Hold(MeetingKind.BranchAssembly, month, 15, "季度支部党员大会");
                    Hold(MeetingKind.PartyLecture, month, 20, "书记讲党课");
                }
            }
            // Yearly: December of last year and January of this year.
            foreach (var month in new[] { current - current % 12 - 1, current - current % 12 })
            {
                Hold(MeetingKind.OrganizationalLife, month, 18, "年度组织生活会");
                Hold(MeetingKind.DemocraticEvaluation, month, 19, "民主评议党员");
            }
            var (anchor, masks) = ComplianceRules.Masks(today, held);
            var row = new MeetingCompliance { OrganizationId = b.Id, UpdatedAtUtc = now };
            row.SetMasks(anchor, masks);
            db.MeetingCompliance.Add(row);

            if (isDemo)
            {
                foreach (
                    var (kind, days, topic) in new[]
                    {
                        (MeetingKind.PartyLecture, 5, "专题党课：新时代楼宇党建"),
                        (MeetingKind.ThemedPartyDay, 12, "主题党日：走访楼宇企业"),
                    }
                )
                {
                    var m = new Meeting
                    {
                        Id = Guid.NewGuid(),
                        OrganizationId = b.Id,
                        Kind = kind,
                        Topic = topic,
                        StartsAtUtc = today
                            .AddDays(days)
                            .ToDateTime(new TimeOnly(6, 30), DateTimeKind.Utc),
                        Place = "党群服务中心 201 会议室",
                        Status = MeetingStatus.Scheduled,
                        CreatedAtUtc = now,
                        Version = 1,
                    };
                    db.Meetings.Add(m);
                    foreach (var p in members)
                        db.MeetingAttendees.Add(
                            new MeetingAttendee
                            {
                                Id = Guid.NewGuid(),
                                MeetingId = m.Id,
                                MemberId = p.Id,
                                Name = p.Name,
                                UserId = p.UserId,
                                IsFullMember = p.IsFullMember,
                                Status = AttendanceStatus.Invited,
                            }
                        );
                    await notifier.NotifyAsync(
                        [.. members.Where(p => p.UserId != null).Select(p => p.UserId!)],
                        $"会议通知：{b.Name}{(kind == MeetingKind.PartyLecture ? "党课" : "主题党日")}",
                        $"议题：{topic}；时间：{today.AddDays(days):yyyy-MM-dd} 14:30；地点：党群服务中心 201 会议室。",
                        "/m/meetings",
                        ct
                    );
                }
            }
        }
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
    }
}
