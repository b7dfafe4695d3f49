using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Problems;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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

/// <summary>Something due in a case: the rule, its message and source, the day it is due, whether it is late.</summary>
public sealed record CaseAlertResponse(
    string Rule,
    string Message,
    string Source,
    DateOnly Due,
    bool Late
);

/// <summary>A document attached to a step of a case (the file is fetched from <c>…/documents/{id}</c>).</summary>
public sealed record CaseDocumentResponse(
    Guid Id,
    int StepNo,
    string Kind,
    DateOnly DatedOn,
    string FileName,
    string ContentType,
    long SizeBytes,
    DateTime UploadedAtUtc
);

/// <summary>Probation as recorded: an extension (once, months, day, reason) or a cancellation (day, reason).</summary>
public sealed record CaseProbation(
    DateOnly? Since,
    DateOnly? Ends,
    int? ExtensionMonths,
    DateOnly? ExtendedOn,
    string? ExtensionReason,
    DateOnly? CancelledOn,
    string? CancellationReason
);

/// <summary>POST …/probation/extension: months (6–12), the branch meeting's day, the reason.</summary>
/// <summary>A document being attached (the form fields as sent, the file read into memory).</summary>
public sealed record DocumentUpload(
    string? StepNo,
    string? Kind,
    string? DatedOn,
    string? FileName,
    long Length,
    byte[]? Content
);

public sealed record BranchCaseRow(
    Guid Id,
    string Name,
    int Stage,
    string StageName,
    string Status,
    CaseNext? Next,
    IReadOnlyList<CaseAlertResponse> Alerts
);

/// <summary>An organisation's development cases at a glance (GET /api/v1/development/branches).</summary>
public sealed record BranchSummary(
    Guid OrganizationId,
    string Name,
    int Cases,
    int Open,
    int Late,
    int DueSoon,
    int AssessmentsOverdue
);

/// <summary>One organisation's cases, late first (GET /api/v1/development/branches/{organizationId}).</summary>
public sealed record BranchOverview(
    Guid OrganizationId,
    string Name,
    int Cases,
    int Late,
    int DueSoon,
    IReadOnlyList<BranchCaseRow> Items
);

public sealed record ProbationExtensionRequest(int? Months, string? DecidedOn, string? Reason);

/// <summary>POST …/probation/cancellation and …/approval/extension: the day and the reason.</summary>
public sealed record CaseDecisionRequest(string? DecidedOn, string? Reason);

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
    int Version,
    string Status = "Open",
    IReadOnlyList<CaseAlertResponse>? Alerts = null,
    IReadOnlyList<CaseDocumentResponse>? Documents = null,
    CaseProbation? Probation = null,
    DateOnly? ApprovalExtendedOn = null,
    string? ApprovalExtensionReason = null
);

/// <summary>Why a request failed: 400 with field errors, 404, 403, 409, or 422 naming a rule and its source.</summary>
public sealed record CaseProblem(
    int Status,
    string? TitleKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null,
    string? Rule = null,
    string? Source = null,
    string? Detail = null
) : IServiceProblem;

/// <summary>
/// Member development cases (发展党员, domain-rules §2): the application opens a case, each step is judged by the
/// rule book before it is recorded, and the case says what is due next. Scope through the organisation system's
/// directory: a caller works on cases of organisations they may write in, and reads those they may see.
/// </summary>
public sealed class DevelopmentService(
    LouyuDbContext db,
    IPartyDirectory directory,
    PersonalDataProtector protector,
    TimeProvider clock,
    DevelopmentRuleBookStore rules,
    HolidayCalendar holidays,
    DataFiles files,
    IOptions<DevelopmentOptions> options
)
{
    private DevelopmentRuleBook? _book;

    /// <summary>The rule book of the rules table (cached), read once per request.</summary>
    public async Task<DevelopmentRuleBook> BookAsync(CancellationToken ct) =>
        _book ??= await rules.GetAsync(ct);

    private DevelopmentRuleBook Book =>
        _book ?? throw new InvalidOperationException("BookAsync first");

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

        await BookAsync(ct);
        var facts = new CaseFacts(id.BirthDate!.Value, new Dictionary<int, DateOnly>());
        var verdict = DevelopmentRules.Judge(
            Book,
            await holidays.GetAsync(ct),
            facts,
            new(1, applied!.Value)
        );
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
        CaseNext? Next,
        string Status = "Open"
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
        await BookAsync(ct);
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
                var (stage, stageName, next) = Progress(Facts(c, done, []));
                return new CaseRow(
                    c.Id,
                    c.Name,
                    c.ResidentIdMasked,
                    orgs[c.OrganizationId].Name,
                    stage,
                    stageName,
                    next,
                    StatusOf(c, done)
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

    private static CaseFacts Facts(
        DevelopmentCase c,
        IReadOnlyDictionary<int, DateOnly> done,
        IReadOnlyList<DateOnly> assessments
    ) =>
        new(
            c.BirthDate,
            done,
            c.ProbationExtensionMonths,
            c.ApprovalExtendedOn is not null,
            c.CancelledOn is not null,
            assessments
        );

    private string StatusOf(DevelopmentCase c, IReadOnlyDictionary<int, DateOnly> done) =>
        c.CancelledOn is not null ? "Cancelled"
        : done.ContainsKey(Book.Steps.Count) ? "Completed"
        : "Open";

    private (int Stage, string StageName, CaseNext? Next) Progress(CaseFacts facts)
    {
        var done = facts.Completed;
        var next = DevelopmentRules.Next(Book, facts);
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

    private string StepName(int no) => Chinese ? Book.StepNo(no).Zh : Book.StepNo(no).En;

    public async Task<(CaseResponse? Case, CaseProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var c = await db.DevelopmentCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || await directory.OrganizationAsync(user, c.OrganizationId, ct) is null)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        await BookAsync(ct);
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
        await BookAsync(ct);
        if (c.CancelledOn is not null)
            return (null, new CaseProblem(409, "Development.CaseCancelled"));
        var errors = new List<(string, string, object[])>();
        if (stepNo < 1 || stepNo > Book.Steps.Count)
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
        var facts = Facts(c, done, []);
        var submission = new StepSubmission(
            stepNo,
            on!.Value,
            r.TrainingDays,
            r.TrainingHours,
            introducers,
            vote,
            publicity
        );
        var verdict = DevelopmentRules.Judge(Book, await holidays.GetAsync(ct), facts, submission);
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

    private static CaseProblem Refusal(StepVerdict v) => Refusal(v.Refusals[0]);

    private static CaseProblem Refusal(RuleFinding f)
    {
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
        var documents = await db
            .DevelopmentDocuments.AsNoTracking()
            .Where(d => d.CaseId == c.Id)
            .OrderBy(d => d.StepNo)
            .ThenBy(d => d.DatedOn)
            .ToListAsync(ct);
        var done = steps.ToDictionary(s => s.StepNo);
        var facts = Facts(
            c,
            steps.ToDictionary(s => s.StepNo, s => s.CompletedOn),
            Assessments(documents)
        );
        var (stage, stageName, next) = Progress(facts);
        var probationRule = Book.RuleOf(RuleKind.Probation);
        DateOnly? since =
            probationRule?.After is { } from && facts.Completed.TryGetValue(from, out var admitted)
                ? admitted
                : null;
        return new CaseResponse(
            c.Id,
            c.Name,
            c.ResidentIdMasked,
            c.Gender,
            c.BirthDate,
            c.OrganizationId,
            stage,
            stageName,
            [
                .. Book.Steps.Select(s => new CaseStep(
                    s.No,
                    StepName(s.No),
                    done.TryGetValue(s.No, out var d) ? d.CompletedOn : null,
                    done.TryGetValue(s.No, out var d2) && d2.Flags is not null
                        ? d2.Flags.Split(',')
                        : []
                )),
            ],
            next,
            c.Version,
            StatusOf(c, facts.Completed),
            AlertsOf(facts),
            [
                .. documents.Select(d => new CaseDocumentResponse(
                    d.Id,
                    d.StepNo,
                    d.Kind,
                    d.DatedOn,
                    d.FileName,
                    d.ContentType,
                    d.SizeBytes,
                    d.UploadedAtUtc
                )),
            ],
            since is null && c.CancelledOn is null
                ? null
                : new CaseProbation(
                    since,
                    since?.AddMonths(
                        (probationRule?.Months ?? 12) + (c.ProbationExtensionMonths ?? 0)
                    ),
                    c.ProbationExtensionMonths,
                    c.ProbationExtendedOn,
                    c.ProbationExtensionReason,
                    c.CancelledOn,
                    c.CancellationReason
                ),
            c.ApprovalExtendedOn,
            c.ApprovalExtensionReason
        );
    }

    private static List<DateOnly> Assessments(IEnumerable<DevelopmentDocument> documents) =>
        [
            .. documents
                .Where(d => d.Kind == DevelopmentDocuments.HalfYearAssessment)
                .Select(d => d.DatedOn),
        ];

    private List<CaseAlertResponse> AlertsOf(CaseFacts facts) =>
        [
            .. DevelopmentRules
                .Alerts(Book, facts, Today)
                .Select(a => new CaseAlertResponse(
                    a.Rule.Id,
                    new RuleFinding(a.Rule, [Iso(a.Due)]).Message(Chinese),
                    a.Rule.Source,
                    a.Due,
                    a.Late
                )),
        ];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A case the caller may change, with its steps; 404 outside scope, 403 read-only.</summary>
    private async Task<(
        DevelopmentCase? Case,
        Dictionary<int, DateOnly> Done,
        CaseProblem? Problem
    )> WritableAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var c = await db.DevelopmentCases.FirstOrDefaultAsync(x => x.Id == id, ct);
        var org = c is null ? null : await directory.OrganizationAsync(user, c.OrganizationId, ct);
        if (c is null || org is null)
            return (null, [], new CaseProblem(404, "Problem.NotFound"));
        if (!org.CanWrite)
            return (null, [], new CaseProblem(403, "Problem.ReadOnly"));
        await BookAsync(ct);
        var done = await db
            .DevelopmentSteps.AsNoTracking()
            .Where(s => s.CaseId == c.Id)
            .ToDictionaryAsync(s => s.StepNo, s => s.CompletedOn, ct);
        return (c, done, null);
    }

    private (DateOnly? On, string? Reason) Decision(
        List<(string, string, object[])> errors,
        string? decidedOn,
        string? reason
    )
    {
        var on = Date(errors, "decidedOn", decidedOn);
        if (on > Today)
            errors.Add(("decidedOn", "Development.FutureDate", []));
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why))
            errors.Add(("reason", "Validation.Required", []));
        else if (why.Length > 500)
            errors.Add(("reason", "Validation.TooLong", [500]));
        return (on, why);
    }

    private async Task<(CaseResponse?, CaseProblem?)> SaveAsync(
        DevelopmentCase c,
        CancellationToken ct
    )
    {
        c.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new CaseProblem(409, "Problem.StaleVersion"));
        }
        return (await DescribeAsync(c, ct), null);
    }

    /// <summary>
    /// Extends probation once by 6–12 months (细则: 预备期只能延长一次), decided by the branch meeting while the member
    /// is probationary (after the admitting branch meeting, before the conversion vote); 422 naming the rule otherwise.
    /// </summary>
    public async Task<(CaseResponse? Case, CaseProblem? Problem)> ExtendProbationAsync(
        ClaimsPrincipal user,
        Guid id,
        ProbationExtensionRequest r,
        CancellationToken ct
    )
    {
        var (c, done, problem) = await WritableAsync(user, id, ct);
        if (c is null)
            return (null, problem);
        var errors = new List<(string, string, object[])>();
        if (r.Months is null)
            errors.Add(("months", "Validation.Required", []));
        var (on, why) = Decision(errors, r.DecidedOn, r.Reason);
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (DevelopmentRules.JudgeExtension(Book, Facts(c, done, []), r.Months!.Value) is { } f)
            return (null, Refusal(f));
        c.ProbationExtensionMonths = r.Months;
        c.ProbationExtendedOn = on;
        c.ProbationExtensionReason = why;
        return await SaveAsync(c, ct);
    }

    /// <summary>Cancels probation (取消预备党员资格): the case is closed; 422 naming the rule when not probationary.</summary>
    public async Task<(CaseResponse? Case, CaseProblem? Problem)> CancelProbationAsync(
        ClaimsPrincipal user,
        Guid id,
        CaseDecisionRequest r,
        CancellationToken ct
    )
    {
        var (c, done, problem) = await WritableAsync(user, id, ct);
        if (c is null)
            return (null, problem);
        var errors = new List<(string, string, object[])>();
        var (on, why) = Decision(errors, r.DecidedOn, r.Reason);
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (DevelopmentRules.JudgeCancellation(Book, Facts(c, done, [])) is { } f)
            return (null, Refusal(f));
        c.CancelledOn = on;
        c.CancellationReason = why;
        return await SaveAsync(c, ct);
    }

    /// <summary>
    /// Extends the higher committee's approval period from 3 to 6 months (细则: 特殊情况可延长至六个月), once, while
    /// the approval is pending; 422 naming the rule otherwise.
    /// </summary>
    public async Task<(CaseResponse? Case, CaseProblem? Problem)> ExtendApprovalAsync(
        ClaimsPrincipal user,
        Guid id,
        CaseDecisionRequest r,
        CancellationToken ct
    )
    {
        var (c, done, problem) = await WritableAsync(user, id, ct);
        if (c is null)
            return (null, problem);
        var errors = new List<(string, string, object[])>();
        var (on, why) = Decision(errors, r.DecidedOn, r.Reason);
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (DevelopmentRules.JudgeApprovalExtension(Book, Facts(c, done, [])) is { } f)
            return (null, Refusal(f));
        c.ApprovalExtendedOn = on;
        c.ApprovalExtensionReason = why;
        return await SaveAsync(c, ct);
    }

    /// <summary>
    /// Attaches a document to a step that is done or due next: kind from <see cref="DevelopmentDocuments.Kinds"/>,
    /// the date it bears, a PDF/JPEG/PNG/.docx file (checked by its first bytes) of at most the configured size.
    /// The file goes under the data directory; nothing is kept when anything is wrong.
    /// </summary>
    public async Task<(CaseResponse? Case, CaseProblem? Problem)> AttachAsync(
        ClaimsPrincipal user,
        Guid id,
        DocumentUpload u,
        CancellationToken ct
    )
    {
        var (c, done, problem) = await WritableAsync(user, id, ct);
        if (c is null)
            return (null, problem);
        var errors = new List<(string, string, object[])>();
        var reached = (done.Count == 0 ? 0 : done.Keys.Max()) + 1;
        if (!int.TryParse(u.StepNo, CultureInfo.InvariantCulture, out var stepNo))
            errors.Add(("stepNo", "Validation.Required", []));
        else if (stepNo < 1 || stepNo > Book.Steps.Count)
            errors.Add(("stepNo", "Development.StepNoRange", [Book.Steps.Count]));
        else if (stepNo > reached)
            errors.Add(("stepNo", "Development.Documents.StepNotReached", [reached]));
        if (u.Kind is null || !DevelopmentDocuments.Kinds.Contains(u.Kind))
            errors.Add(("kind", "Development.Documents.KindUnknown", []));
        var on = Date(errors, "datedOn", u.DatedOn);
        if (on > Today)
            errors.Add(("datedOn", "Development.FutureDate", []));
        string? type = null;
        if (u.Content is null || u.Length == 0)
            errors.Add(("file", "Development.Documents.NoFile", []));
        else if (u.Length > options.Value.MaxDocumentBytes)
            errors.Add(
                (
                    "file",
                    "Development.Documents.TooLarge",
                    [options.Value.MaxDocumentBytes / (1024 * 1024)]
                )
            );
        else
        {
            type = DevelopmentDocuments.ContentTypeOf(u.FileName ?? "", u.Content);
            if (type is null)
                errors.Add(
                    ("file", "Development.Documents.Type", [DevelopmentDocuments.Extensions])
                );
        }
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));

        var doc = new DevelopmentDocument
        {
            Id = Guid.NewGuid(),
            CaseId = c.Id,
            StepNo = stepNo,
            Kind = u.Kind!,
            DatedOn = on!.Value,
            FileName = DevelopmentDocuments.CleanName(u.FileName ?? "document"),
            ContentType = type!,
            SizeBytes = u.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(u.Content!)),
            UploadedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var path = DevelopmentDocuments.StoragePath(c.Id, doc.Id);
        await files.SaveAsync(path, new MemoryStream(u.Content!, writable: false), ct);
        db.DevelopmentDocuments.Add(doc);
        var (saved, p) = await SaveAsync(c, ct);
        if (saved is null)
            files.Delete(path);
        return (saved, p);
    }

    /// <summary>A document's file, when the caller may see the case; null otherwise.</summary>
    public async Task<(Stream Content, string ContentType, string FileName)?> OpenDocumentAsync(
        ClaimsPrincipal user,
        Guid caseId,
        Guid documentId,
        CancellationToken ct
    )
    {
        var doc = await db
            .DevelopmentDocuments.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Id == documentId && d.CaseId == caseId, ct);
        var c = doc is null
            ? null
            : await db.DevelopmentCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null || await directory.OrganizationAsync(user, c.OrganizationId, ct) is null)
            return null;
        var stream = files.OpenRead(DevelopmentDocuments.StoragePath(caseId, documentId));
        return stream is null ? null : (stream, doc!.ContentType, doc.FileName);
    }

    /// <summary>
    /// Cases of some organisations (null: of every organisation — the district's scope, without sending tens of
    /// thousands of ids) with what needs attention in each, late first.
    /// </summary>
    private async Task<List<(DevelopmentCase Case, BranchCaseRow Row)>> AttentionAsync(
        IReadOnlyCollection<Guid>? organizationIds,
        CancellationToken ct
    )
    {
        await BookAsync(ct);
        var ids = organizationIds?.ToArray();
        var scoped = ids is null
            ? db.DevelopmentCases
            : db.DevelopmentCases.Where(c => ids.Contains(c.OrganizationId));
        var cases = await scoped.AsNoTracking().ToListAsync(ct);
        // Steps and assessments joined to the cases by organisation, not sent as a list of case ids.
        var inScope = scoped.Select(c => c.Id);
        var steps = (
            await db
                .DevelopmentSteps.AsNoTracking()
                .Where(s => inScope.Contains(s.CaseId))
                .Select(s => new
                {
                    s.CaseId,
                    s.StepNo,
                    s.CompletedOn,
                })
                .ToListAsync(ct)
        ).ToLookup(s => s.CaseId);
        var assessments = (
            await db
                .DevelopmentDocuments.AsNoTracking()
                .Where(d =>
                    inScope.Contains(d.CaseId) && d.Kind == DevelopmentDocuments.HalfYearAssessment
                )
                .Select(d => new { d.CaseId, d.DatedOn })
                .ToListAsync(ct)
        ).ToLookup(d => d.CaseId, d => d.DatedOn);
        return
        [
            .. cases
                .Select(c =>
                {
                    var facts = Facts(
                        c,
                        steps[c.Id].ToDictionary(s => s.StepNo, s => s.CompletedOn),
                        [.. assessments[c.Id]]
                    );
                    var (stage, stageName, next) = Progress(facts);
                    var alerts = AlertsOf(facts);
                    return (
                        c,
                        new BranchCaseRow(
                            c.Id,
                            c.Name,
                            stage,
                            stageName,
                            StatusOf(c, facts.Completed),
                            next,
                            alerts
                        )
                    );
                })
                .OrderByDescending(x => x.Item2.Alerts.Any(a => a.Late))
                .ThenBy(x =>
                    x.Item2.Alerts.Select(a => a.Due).DefaultIfEmpty(DateOnly.MaxValue).Min()
                )
                .ThenBy(x => x.c.Name),
        ];
    }

    private bool DueSoon(BranchCaseRow r) =>
        r.Alerts.Any(a => !a.Late && a.Due <= Today.AddDays(DueSoonDays));

    /// <summary>How far ahead "due soon" looks.</summary>
    public const int DueSoonDays = 30;

    /// <summary>The organisations in the caller's scope that have cases, with counts of late and due-soon cases.</summary>
    public async Task<IReadOnlyList<BranchSummary>> BranchesAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var orgs = (await directory.OrganizationsAsync(user, ct)).ToDictionary(o => o.Id);
        var rows = await AttentionAsync(orgs.Keys, ct);
        return
        [
            .. rows.GroupBy(x => x.Case.OrganizationId)
                .Select(g => new BranchSummary(
                    g.Key,
                    orgs[g.Key].Name,
                    g.Count(),
                    g.Count(x => x.Row.Status == "Open"),
                    g.Count(x => x.Row.Alerts.Any(a => a.Late)),
                    g.Count(x => DueSoon(x.Row)),
                    g.Count(x =>
                        x.Row.Alerts.Any(a =>
                            a.Late && a.Rule == Book.RuleOf(RuleKind.Periodic)?.Id
                        )
                    )
                ))
                .OrderByDescending(b => b.Late)
                .ThenByDescending(b => b.DueSoon)
                .ThenBy(b => b.Name),
        ];
    }

    /// <summary>
    /// The to-do list's development items: cases in the caller's scope with a late alert or one due within
    /// <see cref="DueSoonDays"/> days, most urgent first, each with its most urgent alert and organisation name.
    /// </summary>
    public async Task<(
        int Total,
        int Late,
        IReadOnlyList<(BranchCaseRow Row, string Organization, CaseAlertResponse Alert)> Items
    )> AttentionForAsync(ClaimsPrincipal user, int limit, CancellationToken ct)
    {
        // The to-do list is what the caller must do: the cases of the organisations they keep records for. A branch
        // secretary's are their branch's (the party scope's organisations, read by primary key) — not every case
        // they may read in their building, which in a large building is thousands of organisations.
        var scope = await directory.ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (0, 0, []);
        IReadOnlyDictionary<Guid, string> orgs = scope.Buildings.IsEmpty
            ? await directory.OrganizationNamesAsync([.. scope.Organizations], ct)
            : (await directory.OrganizationsAsync(user, ct))
                .Where(o => o.CanWrite)
                .ToDictionary(o => o.Id, o => o.Name);
        if (orgs.Count == 0)
            return (0, 0, []);
        var due = (await AttentionAsync(scope.Buildings.All ? null : [.. orgs.Keys], ct))
            .Where(x => orgs.ContainsKey(x.Case.OrganizationId))
            .Where(x => x.Row.Alerts.Any(a => a.Late) || DueSoon(x.Row))
            .ToList();
        return (
            due.Count,
            due.Count(x => x.Row.Alerts.Any(a => a.Late)),
            [
                .. due.Take(limit)
                    .Select(x =>
                        (
                            x.Row,
                            orgs[x.Case.OrganizationId],
                            x.Row.Alerts.OrderByDescending(a => a.Late).ThenBy(a => a.Due).First()
                        )
                    ),
            ]
        );
    }

    /// <summary>One organisation's cases with what is due next and what is late; null outside the caller's scope.</summary>
    public async Task<BranchOverview?> BranchAsync(
        ClaimsPrincipal user,
        Guid organizationId,
        CancellationToken ct
    )
    {
        var org = await directory.OrganizationAsync(user, organizationId, ct);
        if (org is null)
            return null;
        var rows = (await AttentionAsync([organizationId], ct)).Select(x => x.Row).ToList();
        return new BranchOverview(
            org.Id,
            org.Name,
            rows.Count,
            rows.Count(r => r.Alerts.Any(a => a.Late)),
            rows.Count(DueSoon),
            rows
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
