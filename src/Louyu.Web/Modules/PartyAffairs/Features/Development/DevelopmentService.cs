using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Features.Development;

public sealed record NewCaseRequest(
    string? Name,
    string? ResidentId,
    string? Gender,
    string? BirthDate,
    string? OrganizationId,
    string? AppliedOn
);

public sealed record VoteRequest(int Entitled, int Present, int Yes, int No, int Abstain);

/// <summary>The body of POST …/steps/{stepNo}: the date, and the facts the step's rules need.</summary>
public sealed record StepRequest(
    string? CompletedOn,
    string? Responsible = null,
    string? Notes = null,
    int? TrainingDays = null,
    decimal? TrainingHours = null,
    IReadOnlyList<Guid>? IntroducerIds = null,
    VoteRequest? Vote = null,
    string? PublicityFrom = null
);

public sealed record CaseStep(
    int No,
    string Name,
    DateOnly? CompletedOn,
    IReadOnlyList<string> Flags
);

public sealed record CaseNext(int No, string Name, DateOnly? Earliest, DateOnly? Latest, bool Late);

/// <summary>A case as api.md answers it: stage, the 25 steps (done or not) and what is due next.</summary>
public sealed record CaseResponse(
    Guid Id,
    string Name,
    string ResidentId,
    string Gender,
    DateOnly BirthDate,
    Guid OrganizationId,
    int Stage,
    string StageName,
    IReadOnlyList<CaseStep> Steps,
    CaseNext? Next,
    int Version
);

/// <summary>Why a request failed: 400 with field errors, 404, 403, 409, or 422 naming a rule and its source.</summary>
public sealed record CaseProblem(
    int Status,
    string? TitleKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null,
    string? Rule = null,
    string? Source = null,
    string? Detail = null
);

/// <summary>
/// Member development cases (发展党员, domain-rules §2): the application opens a case, each step is judged by the
/// rule book before it is recorded, and the case says what is due next. Scope through the organisation system's
/// directory: a caller works on cases of organisations they may write in, and reads those they may see.
/// </summary>
public sealed class DevelopmentService(
    LouyuDbContext db,
    IPartyDirectory directory,
    PersonalDataProtector protector,
    TimeProvider clock
)
{
    public static DevelopmentRuleBook Book => DevelopmentRuleBook.Default;

    /// <summary>The holiday calendar; weekdays only until the calendar table arrives.</summary>
    public static WorkingCalendar Calendar => WorkingCalendar.WeekdaysOnly;

    private DateOnly Today => ShanghaiTime.Today(clock);

    private static bool Chinese =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);

    public async Task<(CaseResponse? Case, CaseProblem? Problem)> CreateAsync(
        ClaimsPrincipal user,
        NewCaseRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        var name = r.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add(("name", "Validation.Required", []));
        else if (name.Length > 100)
            errors.Add(("name", "Validation.TooLong", [100]));
        var id = ResidentIds.Check(r.ResidentId, Today);
        if (!id.IsValid)
            errors.Add(("residentId", id.ProblemKey!, []));
        var applied = Date(errors, "appliedOn", r.AppliedOn);
        if (applied > Today)
            errors.Add(("appliedOn", "Development.FutureDate", []));
        var birth = r.BirthDate is null ? id.BirthDate : Date(errors, "birthDate", r.BirthDate);
        if (id.IsValid && birth is not null && birth != id.BirthDate)
            errors.Add(("birthDate", "Development.BirthDateDisagrees", []));
        var gender = r.Gender?.Trim();
        if (gender is not null && gender is not ("Male" or "Female"))
            errors.Add(("gender", "Development.GenderUnknown", []));
        else if (id.IsValid && gender is not null && (gender == "Male") != id.IsMale)
            errors.Add(("gender", "Development.GenderDisagrees", []));
        if (!Guid.TryParse(r.OrganizationId, out var orgId))
            errors.Add(("organizationId", "Validation.Required", []));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));

        var org = await directory.OrganizationAsync(user, orgId, ct);
        if (org is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        if (!org.CanWrite)
            return (null, new CaseProblem(403, "Problem.ReadOnly"));

        var facts = new CaseFacts(id.BirthDate!.Value, new Dictionary<int, DateOnly>());
        var verdict = DevelopmentRules.Judge(Book, Calendar, facts, new(1, applied!.Value));
        if (!verdict.Accepted)
            return (null, Refusal(verdict));

        var hash = protector.Hash(id.Normalized!);
        if (await db.DevelopmentCases.AnyAsync(c => c.ResidentIdHash == hash, ct))
            return (null, new CaseProblem(409, "Development.DuplicateCase"));
        var now = clock.GetUtcNow().UtcDateTime;
        var c = new DevelopmentCase
        {
            Id = Guid.NewGuid(),
            Name = name!,
            ResidentIdCipher = protector.Encrypt(id.Normalized!),
            ResidentIdHash = hash,
            ResidentIdMasked = id.Masked!,
            Gender = id.IsMale == true ? "Male" : "Female",
            BirthDate = id.BirthDate.Value,
            OrganizationId = org.Id,
            AppliedOn = applied.Value,
            CreatedAtUtc = now,
            Version = 1,
        };
        db.DevelopmentCases.Add(c);
        db.DevelopmentSteps.Add(
            new DevelopmentStepRecord
            {
                Id = Guid.NewGuid(),
                CaseId = c.Id,
                StepNo = 1,
                CompletedOn = applied.Value,
                RecordedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                RecordedAtUtc = now,
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new CaseProblem(409, "Development.DuplicateCase"));
        }
        return (await DescribeAsync(c, ct), null);
    }

    /// <summary>A row of the cases list: who, where, stage, and what is due next (late when past its latest day).</summary>
    public sealed record CaseRow(
        Guid Id,
        string Name,
        string ResidentId,
        string Organization,
        int Stage,
        string StageName,
        CaseNext? Next
    );

    /// <summary>The cases of the organisations the caller may see (at most 200, by name), optionally of one.</summary>
    public async Task<IReadOnlyList<CaseRow>> ListAsync(
        ClaimsPrincipal user,
        Guid? organizationId,
        CancellationToken ct
    )
    {
        var orgs = (await directory.OrganizationsAsync(user, ct)).ToDictionary(o => o.Id);
        var ids = organizationId is { } one
            ? (orgs.ContainsKey(one) ? [one] : [])
            : orgs.Keys.ToArray();
        if (ids.Length == 0)
            return [];
        var cases = await db
            .DevelopmentCases.AsNoTracking()
            .Where(c => ids.Contains(c.OrganizationId))
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Take(200)
            .ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToArray();
        var steps = (
            await db
                .DevelopmentSteps.AsNoTracking()
                .Where(s => caseIds.Contains(s.CaseId))
                .Select(s => new
                {
                    s.CaseId,
                    s.StepNo,
                    s.CompletedOn,
                })
                .ToListAsync(ct)
        ).ToLookup(s => s.CaseId);
        return
        [
            .. cases.Select(c =>
            {
                var done = steps[c.Id].ToDictionary(s => s.StepNo, s => s.CompletedOn);
                var (stage, stageName, next) = Progress(c, done);
                return new CaseRow(
                    c.Id,
                    c.Name,
                    c.ResidentIdMasked,
                    orgs[c.OrganizationId].Name,
                    stage,
                    stageName,
                    next
                );
            }),
        ];
    }

    /// <summary>The organisations the caller may open cases in.</summary>
    public async Task<IReadOnlyList<DirectoryOrganization>> WritableOrganizationsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    ) => [.. (await directory.OrganizationsAsync(user, ct)).Where(o => o.CanWrite)];

    /// <summary>Full members of the case's organisation today: who may be named as introducers.</summary>
    public Task<IReadOnlyList<MemberStanding>> IntroducerChoicesAsync(
        Guid organizationId,
        CancellationToken ct
    ) => directory.FullMembersOfAsync(organizationId, Today, ct);

    private (int Stage, string StageName, CaseNext? Next) Progress(
        DevelopmentCase c,
        IReadOnlyDictionary<int, DateOnly> done
    )
    {
        var next = DevelopmentRules.Next(
            Book,
            new CaseFacts(c.BirthDate, done, c.ProbationExtensionMonths)
        );
        var last = done.Count == 0 ? 1 : done.Keys.Max();
        // The person is in the stage of the last step done (after step 6, still an activist).
        var stage = Book.StepNo(last).Stage;
        var g = Book.Stages.Single(s => s.No == stage);
        return (
            stage,
            Chinese ? g.Zh : g.En,
            next is null
                ? null
                : new CaseNext(
                    next.No,
                    StepName(next.No),
                    next.Earliest,
                    next.Latest,
                    next.Latest < Today
                )
        );
    }

    private static string StepName(int no) => Chinese ? Book.StepNo(no).Zh : Book.StepNo(no).En;

    public async Task<(CaseResponse? Case, CaseProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var c = await db.DevelopmentCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || await directory.OrganizationAsync(user, c.OrganizationId, ct) is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        return (await DescribeAsync(c, ct), null);
    }

    public async Task<(CaseResponse? Case, CaseProblem? Problem)> RecordStepAsync(
        ClaimsPrincipal user,
        Guid id,
        int stepNo,
        StepRequest r,
        CancellationToken ct
    )
    {
        var c = await db.DevelopmentCases.FirstOrDefaultAsync(x => x.Id == id, ct);
        var org = c is null ? null : await directory.OrganizationAsync(user, c.OrganizationId, ct);
        if (c is null || org is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        if (!org.CanWrite)
            return (null, new CaseProblem(403, "Problem.ReadOnly"));
        var errors = new List<(string, string, object[])>();
        if (stepNo is < 1 or > 25)
            errors.Add(("stepNo", "Development.StepNoRange", [Book.Steps.Count]));
        var on = Date(errors, "completedOn", r.CompletedOn);
        if (on > Today)
            errors.Add(("completedOn", "Development.FutureDate", []));
        DateOnly? publicity = r.PublicityFrom is null
            ? null
            : Date(errors, "publicityFrom", r.PublicityFrom);
        if (r.Responsible?.Length > 100)
            errors.Add(("responsible", "Validation.TooLong", [100]));
        if (r.Notes?.Length > 2000)
            errors.Add(("notes", "Validation.TooLong", [2000]));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));

        var done = await db
            .DevelopmentSteps.AsNoTracking()
            .Where(s => s.CaseId == c.Id)
            .ToDictionaryAsync(s => s.StepNo, s => s.CompletedOn, ct);
        if (done.ContainsKey(stepNo))
            return (null, new CaseProblem(409, "Development.StepAlreadyRecorded"));

        var introducers = new List<IntroducerFact>();
        if (r.IntroducerIds is { Count: > 0 } ids)
        {
            var found = await directory.MembersAsync([.. ids.Distinct()], on!.Value, ct);
            introducers.AddRange(
                found.Select(m => new IntroducerFact(m.Name, m.IsFullMember, false))
            );
        }
        var vote = r.Vote is { } v
            ? new VoteTally(v.Entitled, v.Present, v.Yes, v.No, v.Abstain)
            : null;
        var facts = new CaseFacts(c.BirthDate, done, c.ProbationExtensionMonths);
        var submission = new StepSubmission(
            stepNo,
            on!.Value,
            r.TrainingDays,
            r.TrainingHours,
            introducers,
            vote,
            publicity
        );
        var verdict = DevelopmentRules.Judge(Book, Calendar, facts, submission);
        if (!verdict.Accepted)
            return (null, Refusal(verdict));
        if (verdict.Vote is { Passed: false })
        {
            var rule = Book.RulesFor(stepNo).First(x => x.Kind == RuleKind.Vote);
            return (
                null,
                new CaseProblem(
                    422,
                    "Development.VoteNotPassed",
                    Rule: rule.Id,
                    Source: rule.Source,
                    Detail: "Development.VoteNotPassedDetail"
                )
            );
        }
        db.DevelopmentSteps.Add(
            new DevelopmentStepRecord
            {
                Id = Guid.NewGuid(),
                CaseId = c.Id,
                StepNo = stepNo,
                CompletedOn = on.Value,
                Responsible = r.Responsible?.Trim(),
                Notes = r.Notes?.Trim(),
                DetailsJson = JsonSerializer.Serialize(
                    new
                    {
                        r.TrainingDays,
                        r.TrainingHours,
                        Introducers = introducers.Select(i => i.Name),
                        r.Vote,
                        PublicityFrom = publicity,
                    }
                ),
                Flags =
                    verdict.Flags.Count == 0
                        ? null
                        : string.Join(',', verdict.Flags.Select(f => f.Rule.Id)),
                RecordedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            }
        );
        c.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return (null, new CaseProblem(409, "Development.StepAlreadyRecorded"));
        }
        return (await DescribeAsync(c, ct), null);
    }

    private static CaseProblem Refusal(StepVerdict v)
    {
        var f = v.Refusals[0];
        return new CaseProblem(
            422,
            "Development.RuleRefused",
            Rule: f.Rule.Id,
            Source: f.Rule.Source,
            Detail: f.Message(Chinese)
                + (Chinese ? "（依据" : " (")
                + f.Rule.Source
                + (Chinese ? "）" : ")")
        );
    }

    private async Task<CaseResponse> DescribeAsync(DevelopmentCase c, CancellationToken ct)
    {
        var steps = await db
            .DevelopmentSteps.AsNoTracking()
            .Where(s => s.CaseId == c.Id)
            .ToListAsync(ct);
        var done = steps.ToDictionary(s => s.StepNo);
        var facts = new CaseFacts(
            c.BirthDate,
            steps.ToDictionary(s => s.StepNo, s => s.CompletedOn),
            c.ProbationExtensionMonths
        );
        var (stage, stageName, next) = Progress(c, facts.Completed);
        string Name(int no) => StepName(no);
        return new CaseResponse(
            c.Id,
            c.Name,
            c.ResidentIdMasked,
            c.Gender,
            c.BirthDate,
            c.OrganizationId,
            stage,
            Chinese
                ? Book.Stages.Single(s => s.No == stage).Zh
                : Book.Stages.Single(s => s.No == stage).En,
            [
                .. Book.Steps.Select(s => new CaseStep(
                    s.No,
                    Name(s.No),
                    done.TryGetValue(s.No, out var d) ? d.CompletedOn : null,
                    done.TryGetValue(s.No, out var d2) && d2.Flags is not null
                        ? d2.Flags.Split(',')
                        : []
                )),
            ],
            next is null
                ? null
                : new CaseNext(
                    next.No,
                    Name(next.No),
                    next.Earliest,
                    next.Latest,
                    next.Latest < Today
                ),
            c.Version
        );
    }

    private static DateOnly? Date(
        List<(string, string, object[])> errors,
        string field,
        string? value
    )
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, "Validation.Required", []));
            return null;
        }
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
