using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Policies;

/// <summary>
/// The policy catalogue, its matches, the per-enterprise service package (政策服务包) and its push, and applications.
/// Editors (<see cref="PolicyAccess.CanEdit"/>) see drafts; everyone signed in reads published policies; a contact
/// sees only their own enterprise's package and applications (another's: 404).
/// </summary>
public sealed class PolicyService(
    LouyuDbContext db,
    PolicyMatchRunner runner,
    IEnterpriseDirectory directory,
    IBuildingScopeResolver scopes,
    Notifier notifier,
    IStringLocalizer<SharedResource> t,
    TimeProvider clock
)
{
    public static PolicyCriteria Criteria(Policy p) =>
        PolicyMatchRunner.ParseCriteria(p.CriteriaJson);

    public static PolicyDto Dto(Policy p) =>
        new(
            p.Id,
            p.Title,
            p.Issuer,
            p.DocumentNumber,
            p.ValidFrom,
            p.ValidUntil,
            p.Summary,
            p.FullText,
            p.HowToApply,
            p.Contact,
            p.Benefit,
            p.EstimatedAmountFen,
            p.GrantedWithoutApplication,
            p.Status,
            Criteria(p),
            p.Version,
            p.MatchedAtUtc,
            p.MatchedEligible,
            p.MatchedPossible
        );

    public async Task<IReadOnlyList<PolicyDto>> ListAsync(
        ClaimsPrincipal user,
        string? q,
        PolicyStatus? status,
        CancellationToken ct
    )
    {
        var query = db.Set<Policy>().AsNoTracking();
        if (!PolicyAccess.CanEdit(user))
            query = query.Where(p => p.Status == PolicyStatus.Published);
        else if (status is { } s)
            query = query.Where(p => p.Status == s);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(p =>
                p.Title.Contains(text)
                || p.Issuer.Contains(text)
                || (p.DocumentNumber != null && p.DocumentNumber.Contains(text))
            );
        }
        var list = await query
            .OrderByDescending(p => p.ValidFrom)
            .ThenBy(p => p.Title)
            .ToListAsync(ct);
        return list.Select(Dto).ToList();
    }

    public async Task<PolicyDto?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var p = await db.Set<Policy>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || (p.Status != PolicyStatus.Published && !PolicyAccess.CanEdit(user)))
            return null;
        return Dto(p);
    }

    private static Policy? Apply(
        List<(string, string, object[])> errors,
        PolicyInput input,
        Policy target
    )
    {
        string? Text(string field, string? v, int max, bool required)
        {
            var s = v?.Trim();
            if (string.IsNullOrEmpty(s))
            {
                if (required)
                    errors.Add((field, "Validation.Required", []));
                return null;
            }
            if (s.Length > max)
            {
                errors.Add((field, "Validation.TooLong", [max]));
                return null;
            }
            return s;
        }
        var title = Text("title", input.Title, 200, true);
        var issuer = Text("issuer", input.Issuer, 200, true);
        var number = Text("documentNumber", input.DocumentNumber, 100, false);
        var summary = Text("summary", input.Summary, 2000, true);
        var full = Text("fullText", input.FullText, 50000, false);
        var how = Text("howToApply", input.HowToApply, 4000, false);
        var contact = Text("contact", input.Contact, 200, false);
        var benefit = Text("benefit", input.Benefit, 1000, false);
        if (input.ValidFrom is null)
            errors.Add(("validFrom", "Validation.Required", []));
        if (input.ValidFrom is { } from && input.ValidUntil is { } until && until < from)
            errors.Add(("validUntil", "Policy.Error.UntilBeforeFrom", []));
        if (input.EstimatedAmountFen is < 0 or > 100_000_000_000)
            errors.Add(("estimatedAmountFen", "Validation.Range", [0, 100_000_000_000]));
        var criteria = PolicyRules.Criteria(errors, input.Criteria);
        if (errors.Count > 0)
            return null;
        target.Title = title!;
        target.Issuer = issuer!;
        target.DocumentNumber = number;
        target.Summary = summary!;
        target.FullText = full;
        target.HowToApply = how;
        target.Contact = contact;
        target.Benefit = benefit;
        target.ValidFrom = input.ValidFrom!.Value;
        target.ValidUntil = input.ValidUntil;
        target.EstimatedAmountFen = input.EstimatedAmountFen;
        target.GrantedWithoutApplication = input.GrantedWithoutApplication;
        target.CriteriaJson = JsonSerializer.Serialize(criteria, PolicyMatchRunner.Json);
        return target;
    }

    public async Task<Result<PolicyDto>> CreateAsync(
        ClaimsPrincipal user,
        PolicyInput input,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanEdit(user))
            return Result<PolicyDto>.Fail(403, "Problem.OutOfScope");
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<(string, string, object[])>();
        var p = Apply(
            errors,
            input,
            new Policy
            {
                Id = Guid.NewGuid(),
                Title = "",
                Issuer = "",
                Summary = "",
                CriteriaJson = "{}",
                Status = PolicyStatus.Draft,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
                Version = 1,
            }
        );
        if (p is null)
            return Result<PolicyDto>.Invalid(errors);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return Result<PolicyDto>.Ok(Dto(p));
    }

    public async Task<Result<PolicyDto>> UpdateAsync(
        ClaimsPrincipal user,
        Guid id,
        PolicyInput input,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanEdit(user))
            return Result<PolicyDto>.Fail(403, "Problem.OutOfScope");
        var p = await db.Set<Policy>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
            return Result<PolicyDto>.Fail(404, "Problem.NotFound");
        if (input.Version is { } v && v != p.Version)
            return Result<PolicyDto>.Fail(409, "Problem.StaleVersion");
        var errors = new List<(string, string, object[])>();
        if (Apply(errors, input, p) is null)
            return Result<PolicyDto>.Invalid(errors);
        return await SaveAndMatchAsync(p, ct);
    }

    public async Task<Result<PolicyDto>> SetStatusAsync(
        ClaimsPrincipal user,
        Guid id,
        PolicyStatus status,
        int? version,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanEdit(user))
            return Result<PolicyDto>.Fail(403, "Problem.OutOfScope");
        var p = await db.Set<Policy>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
            return Result<PolicyDto>.Fail(404, "Problem.NotFound");
        if (version is { } v && v != p.Version)
            return Result<PolicyDto>.Fail(409, "Problem.StaleVersion");
        p.Status = status;
        if (status == PolicyStatus.Published)
            p.PublishedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        return await SaveAndMatchAsync(p, ct);
    }

    /// <summary>Saves (409 on a stale version) and re-matches the policy at once (withdrawn: its matches go).</summary>
    private async Task<Result<PolicyDto>> SaveAndMatchAsync(Policy p, CancellationToken ct)
    {
        p.Version++;
        p.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<PolicyDto>.Fail(409, "Problem.StaleVersion");
        }
        await runner.RematchPolicyAsync(p.Id, ct);
        var counted = await db.Set<Policy>().AsNoTracking().FirstAsync(x => x.Id == p.Id, ct);
        return Result<PolicyDto>.Ok(Dto(counted));
    }

    public async Task<Result<MatchRunSummary>> RematchAllAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanEdit(user))
            return Result<MatchRunSummary>.Fail(403, "Problem.OutOfScope");
        return Result<MatchRunSummary>.Ok(await runner.RunAllAsync(ct));
    }

    public async Task<Result<Paged<MatchDto>>> MatchesAsync(
        ClaimsPrincipal user,
        Guid id,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanServe(user))
            return Result<Paged<MatchDto>>.Fail(403, "Problem.OutOfScope");
        if (!await db.Set<Policy>().AnyAsync(p => p.Id == id, ct))
            return Result<Paged<MatchDto>>.Fail(404, "Problem.NotFound");
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var policy = await db.Set<Policy>().AsNoTracking().FirstAsync(p => p.Id == id, ct);
        var hits = await runner.HitsAsync(id, ct);
        var total = hits.Count;
        var day = ShanghaiTime.Today(clock);
        var criteria = Criteria(policy);
        var matchedAt = policy.MatchedAtUtc ?? clock.GetUtcNow().UtcDateTime;
        var rows = hits.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        // Names as they are now (the snapshot's are as of its last read of the enterprise).
        var names = (
            await directory.EnterprisesAsync(rows.Select(h => h.Subject.Id).ToList(), ct)
        ).ToDictionary(f => f.Id);
        var items = rows.Select(h => new MatchDto(
                h.Subject.Id,
                names.GetValueOrDefault(h.Subject.Id)?.Name ?? h.Subject.Name,
                names.GetValueOrDefault(h.Subject.Id)?.BuildingName ?? h.Subject.BuildingName,
                h.Result,
                PolicyReasonText.Dtos(t, PolicyMatching.Explain(criteria, h.Subject, day).Reasons),
                matchedAt
            ))
            .ToList();
        return Result<Paged<MatchDto>>.Ok(new(total, page, pageSize, items));
    }

    /// <summary>Whether the caller may act for the enterprise: its contact, or serving staff whose buildings hold it.</summary>
    public async Task<EnterpriseFacts?> EnterpriseForAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        CancellationToken ct
    )
    {
        var e = await directory.EnterpriseAsync(enterpriseId, ct);
        if (e is null)
            return null;
        if (PolicyAccess.CanServe(user))
        {
            if (user.IsInRole(LouyuRoles.DepartmentOfficer) && !PolicyAccess.CanEdit(user))
                return e;
            var scope = await scopes.ResolveAsync(user, ct);
            if (scope.Allows(e.BuildingId))
                return e;
        }
        var mine = await directory.EnterprisesOfUserAsync(PolicyAccess.UserId(user), ct);
        return mine.Contains(enterpriseId) ? e : null;
    }

    /// <summary>
    /// The enterprises whose name or credit code contains <paramref name="text"/> that the caller may record an
    /// application for (as <see cref="EnterpriseForAsync"/>: a department officer any, other staff those of their
    /// buildings — limited in the query), each with why it qualifies for the published policy or not (the package's
    /// explanation) and its application to the policy if it has one.
    /// </summary>
    public async Task<Result<IReadOnlyList<QualificationDto>>> CandidatesAsync(
        ClaimsPrincipal user,
        Guid policyId,
        string? text,
        int take,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanServe(user))
            return Result<IReadOnlyList<QualificationDto>>.Fail(403, "Problem.OutOfScope");
        var p = await PublishedAsync(policyId, ct);
        if (p is null)
            return Result<IReadOnlyList<QualificationDto>>.Fail(404, "Problem.NotFound");
        if (string.IsNullOrWhiteSpace(text))
            return Result<IReadOnlyList<QualificationDto>>.Ok([]);
        IReadOnlyCollection<Guid>? buildings = null;
        if (!(user.IsInRole(LouyuRoles.DepartmentOfficer) && !PolicyAccess.CanEdit(user)))
        {
            var scope = await scopes.ResolveAsync(user, ct);
            if (scope.IsEmpty)
                return Result<IReadOnlyList<QualificationDto>>.Ok([]);
            buildings = scope.Filter;
        }
        var found = await directory.SearchAsync(
            text.Trim(),
            buildings,
            Math.Clamp(take, 1, 50),
            ct
        );
        var ids = found.Select(e => e.Id).ToList();
        var apps = (await ApplicationsAsync(null, policyId, ct))
            .Where(a => ids.Contains(a.EnterpriseId))
            .ToDictionary(a => a.EnterpriseId);
        return Result<IReadOnlyList<QualificationDto>>.Ok([
            .. found
                .Select(e => Qualify(p, e, apps.GetValueOrDefault(e.Id)))
                // Eligible first, then possibly eligible, then the rest; by name within each.
                .OrderBy(q => q.Result)
                .ThenBy(q => q.EnterpriseName, StringComparer.Ordinal),
        ]);
    }

    /// <summary>
    /// Why one enterprise the caller may act for qualifies for the published policy or not, with its application
    /// if any (404 when the policy is not published or the enterprise is not the caller's to serve).
    /// </summary>
    public async Task<Result<QualificationDto>> QualificationAsync(
        ClaimsPrincipal user,
        Guid policyId,
        Guid enterpriseId,
        CancellationToken ct
    )
    {
        var e = await EnterpriseForAsync(user, enterpriseId, ct);
        var p = e is null ? null : await PublishedAsync(policyId, ct);
        if (e is null || p is null)
            return Result<QualificationDto>.Fail(404, "Problem.NotFound");
        var app = (await ApplicationsAsync(enterpriseId, policyId, ct)).FirstOrDefault();
        return Result<QualificationDto>.Ok(Qualify(p, e, app));
    }

    private Task<Policy?> PublishedAsync(Guid policyId, CancellationToken ct) =>
        db.Set<Policy>()
            .AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == policyId && x.Status == PolicyStatus.Published, ct);

    /// <summary>The package's explanation of one policy for one enterprise, from its fresh facts, as of today.</summary>
    private QualificationDto Qualify(Policy p, EnterpriseFacts e, ApplicationDto? app)
    {
        var explained = PolicyMatching.Explain(
            Criteria(p),
            PolicySnapshot.Subject(e),
            ShanghaiTime.Today(clock)
        );
        return new QualificationDto(
            e.Id,
            e.Name,
            e.UnifiedSocialCreditCode,
            e.BuildingName,
            explained.Result,
            PolicyReasonText.Dtos(t, explained.Reasons),
            app
        );
    }

    public async Task<Result<PackageDto>> PackageAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        CancellationToken ct
    )
    {
        var e = await EnterpriseForAsync(user, enterpriseId, ct);
        if (e is null)
            return Result<PackageDto>.Fail(404, "Problem.NotFound");
        // The package is matched from the enterprise's own fresh facts: always as of now, whatever the snapshot holds.
        var day = ShanghaiTime.Today(clock);
        var subject = PolicySnapshot.Subject(e);
        var defs = await runner.InForceAsync(null, day, ct);
        var matched = defs.Where(d =>
                PolicyMatching.Evaluate(d.Compiled, subject, day) != MatchResult.NotEligible
            )
            .Select(d => (Def: d, Explained: PolicyMatching.Explain(d.Criteria, subject, day)))
            .ToList();
        var ids = matched.Select(m => m.Def.Id).ToList();
        var policies = await db.Set<Policy>()
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, ct);
        var apps = (await ApplicationsAsync(enterpriseId, null, ct)).ToDictionary(a => a.PolicyId);
        var items = matched
            .Where(m => policies.ContainsKey(m.Def.Id))
            .Select(m => new PackageItem(
                Dto(policies[m.Def.Id]),
                m.Explained.Result,
                PolicyReasonText.Dtos(t, m.Explained.Reasons),
                apps.GetValueOrDefault(m.Def.Id)
            ))
            .OrderBy(i => i.Result)
            .ThenByDescending(i => i.Policy.EstimatedAmountFen ?? 0)
            .ThenBy(i => i.Policy.Title)
            .ToList();
        var pushes = await db.Set<PolicyPush>()
            .AsNoTracking()
            .Where(p => p.EnterpriseId == enterpriseId)
            .OrderByDescending(p => p.PushedAtUtc)
            .Take(20)
            .ToListAsync(ct);
        var saved = apps
            .Values.Where(a => a.Status == ApplicationStatus.Granted)
            .Sum(a => a.GrantedAmountFen ?? 0);
        return Result<PackageDto>.Ok(
            new(e.Id, e.Name, e.BuildingName, items, pushes.Select(PushDtoOf).ToList(), saved)
        );
    }

    private static PushDto PushDtoOf(PolicyPush p) =>
        new(
            p.Id,
            p.PushedAtUtc,
            p.PushedByName,
            p.PolicyCount,
            JsonSerializer.Deserialize<List<RecipientDto>>(p.RecipientsJson, PolicyMatchRunner.Json)
                ?? []
        );

    /// <summary>
    /// Pushes the package to the enterprise's contacts: those with an account get it in the app, live and by e-mail
    /// (<see cref="Notifier"/>); those without are listed to call. Recorded: what, when, by whom, to whom.
    /// </summary>
    public async Task<Result<PushDto>> PushAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanServe(user))
            return Result<PushDto>.Fail(403, "Problem.OutOfScope");
        var package = await PackageAsync(user, enterpriseId, ct);
        if (package.Value is not { } pkg)
            return Result<PushDto>.Fail(package.Status, package.ProblemKey!);
        if (pkg.Items.Count == 0)
            return Result<PushDto>.Fail(409, "Policy.Problem.EmptyPackage");
        var contacts = await directory.ContactsAsync(enterpriseId, ct);
        var recipients = contacts
            .Select(c => new RecipientDto(c.Name, c.Phone, c.UserId is not null))
            .ToList();
        var users = contacts.Where(c => c.UserId is not null).Select(c => c.UserId!).ToList();
        var title = t["Policy.Push.Title", pkg.Items.Count].Value;
        var body = string.Join("\n", pkg.Items.Take(10).Select(i => $"· {i.Policy.Title}"));
        await notifier.NotifyAsync(users, title, body, "/m/policies", ct);
        var push = new PolicyPush
        {
            Id = Guid.NewGuid(),
            EnterpriseId = enterpriseId,
            PushedAtUtc = clock.GetUtcNow().UtcDateTime,
            PushedByUserId = PolicyAccess.UserId(user),
            PushedByName = PolicyAccess.Name(user),
            PolicyCount = pkg.Items.Count,
            PoliciesJson = JsonSerializer.Serialize(
                pkg.Items.Select(i => new
                {
                    i.Policy.Id,
                    i.Policy.Title,
                    i.Result,
                }),
                PolicyMatchRunner.Json
            ),
            RecipientsJson = JsonSerializer.Serialize(recipients, PolicyMatchRunner.Json),
        };
        db.Add(push);
        await db.SaveChangesAsync(ct);
        return Result<PushDto>.Ok(PushDtoOf(push));
    }

    private async Task<List<ApplicationDto>> ApplicationsAsync(
        Guid? enterpriseId,
        Guid? policyId,
        CancellationToken ct
    )
    {
        var q =
            from a in db.Set<PolicyApplication>().AsNoTracking()
            join p in db.Set<Policy>() on a.PolicyId equals p.Id
            select new { a, p.Title };
        if (enterpriseId is { } e)
            q = q.Where(x => x.a.EnterpriseId == e);
        if (policyId is { } pid)
            q = q.Where(x => x.a.PolicyId == pid);
        var rows = await q.OrderByDescending(x => x.a.AppliedAtUtc).Take(500).ToListAsync(ct);
        var names = (
            await directory.EnterprisesAsync(rows.Select(r => r.a.EnterpriseId).ToList(), ct)
        ).ToDictionary(f => f.Id, f => f.Name);
        return rows.Select(r => AppDto(r.a, r.Title, names.GetValueOrDefault(r.a.EnterpriseId)))
            .ToList();
    }

    private static ApplicationDto AppDto(PolicyApplication a, string title, string? enterprise) =>
        new(
            a.Id,
            a.PolicyId,
            title,
            a.EnterpriseId,
            enterprise,
            a.Status,
            a.AppliedAtUtc,
            a.AppliedByName,
            a.RecordedByStaff,
            a.Note,
            a.DecidedAtUtc,
            a.DecidedByName,
            a.DecisionNote,
            a.GrantedAmountFen,
            a.Automatic,
            a.Version
        );

    /// <summary>
    /// Applications, unpaged (up to 500, newest first): a contact sees their enterprises'; an editor those of the
    /// enterprises in their buildings; a department officer any (they serve every enterprise at the workstation).
    /// </summary>
    public async Task<IReadOnlyList<ApplicationDto>> ListApplicationsAsync(
        ClaimsPrincipal user,
        Guid? enterpriseId,
        Guid? policyId,
        CancellationToken ct
    ) =>
        (
            await ApplicationsPageAsync(
                user,
                new ApplicationQuery(enterpriseId, policyId, null, 1, 500),
                ct
            )
        ).Items;

    /// <summary>
    /// One page of applications, newest first, filtered by enterprise, policy and status, scoped in the query as
    /// <see cref="ListApplicationsAsync"/> says.
    /// </summary>
    public async Task<PageOf<ApplicationDto>> ApplicationsPageAsync(
        ClaimsPrincipal user,
        ApplicationQuery query,
        CancellationToken ct
    )
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 500);
        var q =
            from a in db.Set<PolicyApplication>().AsNoTracking()
            join p in db.Set<Policy>() on a.PolicyId equals p.Id
            join e in directory.Enterprises() on a.EnterpriseId equals e.Id
            select new
            {
                a,
                p.Title,
                Enterprise = e.Name,
                e.BuildingId,
            };
        if (PolicyAccess.CanEdit(user))
        {
            if ((await scopes.ResolveAsync(user, ct)).Filter is { } buildings)
                q = q.Where(x => buildings.Contains(x.BuildingId));
        }
        else if (!PolicyAccess.CanServe(user))
        {
            var mine = (
                await directory.EnterprisesOfUserAsync(PolicyAccess.UserId(user), ct)
            ).ToList();
            q = q.Where(x => mine.Contains(x.a.EnterpriseId));
        }
        if (query.EnterpriseId is { } eid)
            q = q.Where(x => x.a.EnterpriseId == eid);
        if (query.PolicyId is { } pid)
            q = q.Where(x => x.a.PolicyId == pid);
        if (query.Status is { } status)
            q = q.Where(x => x.a.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(x => x.a.AppliedAtUtc)
            .ThenBy(x => x.a.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(ct);
        return new(
            rows.Select(r => AppDto(r.a, r.Title, r.Enterprise)).ToList(),
            page,
            pageSize,
            total
        );
    }

    /// <summary>The contact applies (or staff record it) for a published policy in the enterprise's package.</summary>
    public async Task<Result<ApplicationDto>> ApplyAsync(
        ClaimsPrincipal user,
        ApplicationInput input,
        CancellationToken ct
    )
    {
        var e = await EnterpriseForAsync(user, input.EnterpriseId, ct);
        if (e is null)
            return Result<ApplicationDto>.Fail(404, "Problem.NotFound");
        var p = await db.Set<Policy>()
            .AsNoTracking()
            .FirstOrDefaultAsync(
                x => x.Id == input.PolicyId && x.Status == PolicyStatus.Published,
                ct
            );
        if (p is null)
            return Result<ApplicationDto>.Fail(404, "Problem.NotFound");
        var errors = new List<(string, string, object[])>();
        var note = input.Note?.Trim();
        if (note is { Length: > 2000 })
            errors.Add(("note", "Validation.TooLong", [2000]));
        if (errors.Count > 0)
            return Result<ApplicationDto>.Invalid(errors);
        if (
            await db.Set<PolicyApplication>()
                .AnyAsync(a => a.PolicyId == p.Id && a.EnterpriseId == e.Id, ct)
        )
            return Result<ApplicationDto>.Fail(409, "Policy.Problem.AlreadyApplied");
        var staff = PolicyAccess.CanServe(user);
        var a = new PolicyApplication
        {
            Id = Guid.NewGuid(),
            PolicyId = p.Id,
            EnterpriseId = e.Id,
            Status = ApplicationStatus.Applied,
            AppliedAtUtc = clock.GetUtcNow().UtcDateTime,
            AppliedByUserId = PolicyAccess.UserId(user),
            AppliedByName = PolicyAccess.Name(user),
            RecordedByStaff = staff,
            Note = string.IsNullOrEmpty(note) ? null : note,
            Version = 1,
        };
        db.Add(a);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result<ApplicationDto>.Fail(409, "Policy.Problem.AlreadyApplied");
        }
        return Result<ApplicationDto>.Ok(AppDto(a, p.Title, e.Name));
    }

    /// <summary>
    /// An editor (<see cref="PolicyAccess.CanEdit"/>) moves an application of an enterprise in their buildings (another
    /// building's: 404): accepted (受理), granted with the amount in fen (兑现) or rejected with a reason. The
    /// enterprise's contacts with an account, and the contact who applied, are told in the same unit of work.
    /// </summary>
    public async Task<Result<ApplicationDto>> DecideAsync(
        ClaimsPrincipal user,
        Guid id,
        DecisionInput input,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanEdit(user))
            return Result<ApplicationDto>.Fail(403, "Problem.OutOfScope");
        var a = await db.Set<PolicyApplication>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
            return Result<ApplicationDto>.Fail(404, "Problem.NotFound");
        var e = await directory.EnterpriseAsync(a.EnterpriseId, ct);
        if (e is null || !(await scopes.ResolveAsync(user, ct)).Allows(e.BuildingId))
            return Result<ApplicationDto>.Fail(404, "Problem.NotFound");
        if (input.Version is { } v && v != a.Version)
            return Result<ApplicationDto>.Fail(409, "Problem.StaleVersion");
        var errors = new List<(string, string, object[])>();
        var note = input.Note?.Trim();
        if (!PolicyRules.CanMove(a.Status, input.Status))
            errors.Add(("status", "Policy.Error.Transition", [t["Policy.App." + a.Status].Value]));
        if (input.Status == ApplicationStatus.Granted)
        {
            if (input.GrantedAmountFen is null)
                errors.Add(("grantedAmountFen", "Validation.Required", []));
            else if (input.GrantedAmountFen is < 0 or > MaxGrantFen)
                errors.Add(("grantedAmountFen", "Validation.Range", [0, MaxGrantFen]));
        }
        if (input.Status == ApplicationStatus.Rejected && string.IsNullOrEmpty(note))
            errors.Add(("note", "Policy.Error.RejectReason", []));
        if (note is { Length: > 2000 })
            errors.Add(("note", "Validation.TooLong", [2000]));
        if (errors.Count > 0)
            return Result<ApplicationDto>.Invalid(errors);
        a.Status = input.Status;
        a.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        a.DecidedByName = PolicyAccess.Name(user);
        a.DecisionNote = string.IsNullOrEmpty(note) ? null : note;
        if (input.Status == ApplicationStatus.Granted)
            a.GrantedAmountFen = input.GrantedAmountFen;
        a.Version++;
        var title = await db.Set<Policy>()
            .Where(p => p.Id == a.PolicyId)
            .Select(p => p.Title)
            .FirstAsync(ct);
        await NotifyDecisionAsync(user, a, title, e, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result<ApplicationDto>.Fail(409, "Problem.StaleVersion");
        }
        return Result<ApplicationDto>.Ok(AppDto(a, title, e.Name));
    }

    /// <summary>The largest amount a grant may record: 10 亿元 in fen.</summary>
    public const long MaxGrantFen = 100_000_000_000;

    /// <summary>Tells the enterprise's contacts with an account and the person who applied (not the decider).</summary>
    private async Task NotifyDecisionAsync(
        ClaimsPrincipal user,
        PolicyApplication a,
        string policyTitle,
        EnterpriseFacts e,
        CancellationToken ct
    )
    {
        var users = (await directory.ContactsAsync(e.Id, ct))
            .Where(c => c.UserId is not null)
            .Select(c => c.UserId!)
            .ToList();
        if (!a.RecordedByStaff && a.AppliedByUserId is { Length: > 0 } applicant)
            users.Add(applicant);
        var me = PolicyAccess.UserId(user);
        users = [.. users.Where(u => u != me).Distinct()];
        var title = t["Policy.Decision.Title." + a.Status, policyTitle].Value;
        var body = a.Status switch
        {
            ApplicationStatus.Granted => t[
                "Policy.Decision.Body.Granted",
                e.Name,
                Money.Yuan(a.GrantedAmountFen)
            ].Value,
            ApplicationStatus.Rejected => t[
                "Policy.Decision.Body.Rejected",
                e.Name,
                a.DecisionNote ?? ""
            ].Value,
            _ => t["Policy.Decision.Body.Accepted", e.Name].Value,
        };
        await notifier.NotifyAsync(users, title, body, "/m/policies", ct);
    }

    /// <summary>Money granted ("saved real money") per policy, for the catalogue.</summary>
    public async Task<Dictionary<Guid, long>> GrantedPerPolicyAsync(CancellationToken ct) =>
        (
            await db.Set<PolicyApplication>()
                .AsNoTracking()
                .Where(a => a.Status == ApplicationStatus.Granted)
                .GroupBy(a => a.PolicyId)
                .Select(g => new { g.Key, Sum = g.Sum(a => a.GrantedAmountFen ?? 0) })
                .ToListAsync(ct)
        ).ToDictionary(x => x.Key, x => x.Sum);

    public DateOnly Today => ShanghaiTime.Today(clock);
}
