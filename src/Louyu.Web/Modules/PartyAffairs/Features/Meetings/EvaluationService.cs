using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

public sealed record NewEvaluationRequest(string? OrganizationId, int? Year);

public sealed record GradeInput(Guid MemberId, string? Grade);

public sealed record BallotRequest(IReadOnlyList<GradeInput>? Grades, Guid? VoterMemberId = null);

public sealed record EvaluationResultRow(
    Guid MemberId,
    string Name,
    int Excellent,
    int Qualified,
    int BasicallyQualified,
    int Unqualified,
    string? Result
);

public sealed record EvaluationView(
    Guid Id,
    Guid OrganizationId,
    int Year,
    int Ballots,
    int Voters,
    bool CanWrite,
    bool HaveVoted,
    IReadOnlyList<EvaluationResultRow> Results
);

/// <summary>
/// 民主评议党员, yearly per branch (《中国共产党支部工作条例（试行）》: 一般每年开展1次): one evaluation per branch and
/// year; the full members vote, one ballot each, grading every member 优秀 / 合格 / 基本合格 / 不合格; results are
/// the tallies and the grade with most votes (<see cref="EvaluationRules"/>). A member casts their own ballot; the
/// branch's secretary or a party worker may transcribe a paper ballot naming the voter.
/// </summary>
public sealed class EvaluationService(
    LouyuDbContext db,
    IPartyDirectory directory,
    Louyu.Web.Modules.Organization.Contracts.IBuildingScopeResolver scopes,
    TimeProvider clock
)
{
    private DateOnly Today => ShanghaiTime.Today(clock);

    public async Task<(EvaluationView? View, MeetingProblem? Problem)> CreateAsync(
        ClaimsPrincipal user,
        NewEvaluationRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        if (!Guid.TryParse(r.OrganizationId, out var orgId))
            errors.Add(("organizationId", "Validation.Required", []));
        var year = r.Year ?? Today.Year;
        if (year < 2000 || year > Today.Year)
            errors.Add(("year", "Meetings.YearRange", [Today.Year]));
        if (errors.Count > 0)
            return (null, new MeetingProblem(400, Errors: errors));
        var a = await MeetingAccess.ResolveAsync(scopes, user, ct);
        var b = await directory.Branches().FirstOrDefaultAsync(x => x.Id == orgId, ct);
        if (b is null || !a.IsStaff)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        if (!a.MayWrite(b.Id, b.BuildingId))
            return (null, new MeetingProblem(403, "Problem.OutOfScope"));
        if (
            await db.MemberEvaluations.AnyAsync(
                e => e.OrganizationId == orgId && e.Year == year,
                ct
            )
        )
            return (null, new MeetingProblem(409, "Meetings.EvaluationExists"));
        var e = new MemberEvaluation
        {
            Id = Guid.NewGuid(),
            OrganizationId = orgId,
            Year = year,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.MemberEvaluations.Add(e);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new MeetingProblem(409, "Meetings.EvaluationExists"));
        }
        return (await ViewAsync(e, true, null, ct), null);
    }

    private async Task<(MemberEvaluation? E, bool Write, DirectoryMember? Me)> FindAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var e = await db.MemberEvaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return (null, false, null);
        var a = await MeetingAccess.ResolveAsync(scopes, user, ct);
        var b = await directory.Branches().FirstOrDefaultAsync(x => x.Id == e.OrganizationId, ct);
        var write = b is not null && a.MayWrite(b.Id, b.BuildingId);
        var me = a.UserId is null ? null : await directory.MemberOfUserAsync(a.UserId, Today, ct);
        if (me?.OrganizationId != e.OrganizationId)
            me = null;
        return write || me is not null ? (e, write, me) : (null, false, null);
    }

    public async Task<(EvaluationView? View, MeetingProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var (e, write, me) = await FindAsync(user, id, ct);
        return e is null
            ? (null, new MeetingProblem(404, "Problem.NotFound"))
            : (await ViewAsync(e, write, me, ct), null);
    }

    public async Task<(EvaluationView? View, MeetingProblem? Problem)> CastAsync(
        ClaimsPrincipal user,
        Guid id,
        BallotRequest r,
        CancellationToken ct
    )
    {
        var (e, write, me) = await FindAsync(user, id, ct);
        if (e is null)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        var members = await directory.MembersOfAsync(e.OrganizationId, Today, ct);
        var byId = members.ToDictionary(m => m.Id);
        Guid voter;
        if (r.VoterMemberId is { } v)
        {
            if (!write && v != me?.Id)
                return (null, new MeetingProblem(403, "Problem.OutOfScope"));
            voter = v;
        }
        else if (me is not null)
            voter = me.Id;
        else
            return (
                null,
                new MeetingProblem(400, Errors: [("voterMemberId", "Validation.Required", [])])
            );
        var errors = new List<(string, string, object[])>();
        if (!byId.TryGetValue(voter, out var voterMember) || !voterMember.IsFullMember)
            errors.Add(("voterMemberId", "Meetings.VoterNotFullMember", []));
        var grades = r.Grades ?? [];
        if (grades.Count == 0)
            errors.Add(("grades", "Validation.Required", []));
        foreach (var (i, g) in grades.Index())
        {
            if (!byId.ContainsKey(g.MemberId))
                errors.Add(($"grades[{i}].memberId", "Meetings.AttendeeNotMember", []));
            if (
                !Enum.TryParse<EvaluationGrade>(g.Grade, false, out var parsed)
                || !Enum.IsDefined(parsed)
            )
                errors.Add(($"grades[{i}].grade", "Meetings.GradeUnknown", []));
        }
        if (grades.Select(g => g.MemberId).Distinct().Count() != grades.Count)
            errors.Add(("grades", "Meetings.GradeTwice", []));
        if (errors.Count > 0)
            return (null, new MeetingProblem(400, Errors: errors));
        if (
            await db.EvaluationBallots.AnyAsync(
                x => x.EvaluationId == e.Id && x.VoterMemberId == voter,
                ct
            )
        )
            return (null, new MeetingProblem(409, "Meetings.AlreadyVoted"));
        var ballot = new EvaluationBallot
        {
            Id = Guid.NewGuid(),
            EvaluationId = e.Id,
            VoterMemberId = voter,
            CastAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.EvaluationBallots.Add(ballot);
        foreach (var g in grades)
            db.EvaluationBallotGrades.Add(
                new EvaluationBallotGrade
                {
                    Id = Guid.NewGuid(),
                    BallotId = ballot.Id,
                    EvaluationId = e.Id,
                    SubjectMemberId = g.MemberId,
                    Grade = Enum.Parse<EvaluationGrade>(g.Grade!),
                }
            );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new MeetingProblem(409, "Meetings.AlreadyVoted"));
        }
        return (await ViewAsync(e, write, me, ct), null);
    }

    private async Task<EvaluationView> ViewAsync(
        MemberEvaluation e,
        bool write,
        DirectoryMember? me,
        CancellationToken ct
    )
    {
        var members = await directory.MembersOfAsync(e.OrganizationId, Today, ct);
        var tallies = await db
            .EvaluationBallotGrades.AsNoTracking()
            .Where(g => g.EvaluationId == e.Id)
            .GroupBy(g => new { g.SubjectMemberId, g.Grade })
            .Select(g => new
            {
                g.Key.SubjectMemberId,
                g.Key.Grade,
                N = g.Count(),
            })
            .ToListAsync(ct);
        var ballots = await db.EvaluationBallots.CountAsync(b => b.EvaluationId == e.Id, ct);
        var voted =
            me is not null
            && await db.EvaluationBallots.AnyAsync(
                b => b.EvaluationId == e.Id && b.VoterMemberId == me.Id,
                ct
            );
        int N(Guid id, EvaluationGrade g) =>
            tallies.Where(t => t.SubjectMemberId == id && t.Grade == g).Sum(t => t.N);
        return new EvaluationView(
            e.Id,
            e.OrganizationId,
            e.Year,
            ballots,
            members.Count(m => m.IsFullMember),
            write,
            voted,
            [
                .. members.Select(m =>
                {
                    var ex = N(m.Id, EvaluationGrade.Excellent);
                    var q = N(m.Id, EvaluationGrade.Qualified);
                    var bq = N(m.Id, EvaluationGrade.BasicallyQualified);
                    var u = N(m.Id, EvaluationGrade.Unqualified);
                    return new EvaluationResultRow(
                        m.Id,
                        m.Name,
                        ex,
                        q,
                        bq,
                        u,
                        EvaluationRules.Result(ex, q, bq, u)?.ToString()
                    );
                }),
            ]
        );
    }
}
