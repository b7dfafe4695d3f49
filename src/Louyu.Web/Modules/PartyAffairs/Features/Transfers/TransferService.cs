using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>POST /api/v1/transfers: a letter for a member of Louyu, or (Inbound) a member arriving from outside.</summary>
public sealed record NewTransferRequest(
    string? Kind,
    string? MemberId = null,
    string? ToOrganizationId = null,
    string? ToName = null,
    string? IssuedOn = null,
    string? DuesPaidTo = null,
    int? ValidityDays = null,
    string? MemberContact = null,
    string? SenderAddress = null,
    string? SenderPhone = null,
    string? SenderFax = null,
    string? SenderPostcode = null,
    string? Notes = null,
    string? Name = null,
    string? ResidentId = null,
    string? Ethnicity = null,
    bool? IsProbationary = null,
    string? JoinedOn = null,
    string? FullMemberOn = null,
    string? FromName = null,
    string? LetterNumber = null
);

/// <summary>POST …/{id}/accept and …/{id}/receipt: the day the member was received, and who handled the receipt.</summary>
public sealed record ReceiptRequest(
    string? ReceivedOn,
    string? Handler = null,
    string? Phone = null,
    int? Version = null
);

public sealed record TransferResponse(
    Guid Id,
    string Kind,
    string Status,
    string LetterNumber,
    Guid? MemberId,
    string MemberName,
    string Gender,
    int Age,
    string? Ethnicity,
    bool IsProbationary,
    string ResidentId,
    Guid? FromOrganizationId,
    string FromName,
    Guid? ToOrganizationId,
    string ToName,
    string? DuesPaidTo,
    int ValidityDays,
    DateOnly IssuedOn,
    DateOnly ValidUntil,
    DateOnly ReceiptDueOn,
    bool ReceiptOverdue,
    DateOnly? ReceivedOn,
    string? ReceiptHandler,
    string? ReceiptPhone,
    string? MemberContact,
    string? SenderAddress,
    string? SenderPhone,
    string? SenderFax,
    string? SenderPostcode,
    string? Notes,
    bool HasLetter,
    bool CanAccept,
    bool CanRecordReceipt,
    int Version,
    string? DuesLedgerPaidTo = null
);

public sealed record TransferRow(
    Guid Id,
    string Kind,
    string Status,
    string LetterNumber,
    string MemberName,
    string ResidentId,
    string FromName,
    string ToName,
    DateOnly IssuedOn,
    DateOnly ReceiptDueOn,
    bool ReceiptOverdue,
    DateOnly? ReceivedOn
);

public sealed record TransferQuery(
    int? Page = null,
    int? PageSize = null,
    string? Status = null,
    bool? Overdue = null,
    string? Q = null
);

public sealed record TransferPage(
    IReadOnlyList<TransferRow> Items,
    int Page,
    int PageSize,
    int Total,
    int Overdue
);

/// <summary>
/// Transfers of organisational relationships (domain-rules §5.1, §5.4). Scope in every query: a transfer is seen by
/// the secretaries of its sending and receiving organisations and by the record keepers (committee secretary, party
/// worker, administrator) of either end's building. The sending side issues the letter and records the receipt of
/// an outbound transfer; the receiving side accepts a transfer inside Louyu (refusing is not an action: 第二十五条).
/// </summary>
public sealed class TransferService(
    LouyuDbContext db,
    IPartyDirectory directory,
    PersonalDataProtector protector,
    IHttpContextAccessor http,
    IOptions<TransferOptions> options,
    TimeProvider clock
)
{
    private TransferOptions Settings => options.Value;
    public DateOnly Today => ShanghaiTime.Today(clock);

    public Task<PartyScope> ScopeAsync(ClaimsPrincipal user, CancellationToken ct) =>
        directory.ScopeAsync(user, ct);

    private static bool MayWrite(PartyScope s, Guid? organizationId, Guid? buildingId) =>
        (buildingId is { } b && s.Buildings.Allows(b))
        || (organizationId is { } o && s.Organizations.Contains(o));

    private IQueryable<Transfer> Visible(PartyScope s)
    {
        var rows = db.Transfers.AsNoTracking();
        if (s.Buildings.All)
            return rows;
        var b = s.Buildings.BuildingIds.ToArray();
        var o = s.Organizations.ToArray();
        return rows.Where(t =>
            (t.FromBuildingId != null && b.Contains(t.FromBuildingId.Value))
            || (t.ToBuildingId != null && b.Contains(t.ToBuildingId.Value))
            || (t.FromOrganizationId != null && o.Contains(t.FromOrganizationId.Value))
            || (t.ToOrganizationId != null && o.Contains(t.ToOrganizationId.Value))
        );
    }

    /// <summary>The latest issue date whose receipt is overdue today (a constant for the SQL filter).</summary>
    public static DateOnly LatestOverdueIssue(DateOnly today, int months)
    {
        var d = today.AddMonths(-months);
        while (!TransferRules.ReceiptOverdue(d, null, today, months))
            d = d.AddDays(-1);
        return d;
    }

    /// <summary>The latest issue date whose receipt is due on or before <paramref name="day"/>.</summary>
    public static DateOnly LatestIssueDueBy(DateOnly day, int months)
    {
        var d = day.AddMonths(-months);
        while (TransferRules.ReceiptDue(d.AddDays(1), months) <= day)
            d = d.AddDays(1);
        while (TransferRules.ReceiptDue(d, months) > day)
            d = d.AddDays(-1);
        return d;
    }

    /// <summary>A transfer whose receipt (回执) is overdue or due by the end of the month, for the to-do list.</summary>
    public sealed record ReceiptDueRow(
        Guid Id,
        string MemberName,
        string ToName,
        DateOnly DueOn,
        bool Overdue,
        bool MayAccept
    );

    /// <summary>
    /// Issued transfers (not inbound) in the list's scope whose receipt is overdue or due by
    /// <paramref name="until"/>: the count, the overdue count and the oldest <paramref name="limit"/>.
    /// </summary>
    public async Task<(
        int Total,
        int Overdue,
        IReadOnlyList<ReceiptDueRow> Items
    )> ReceiptsDueAsync(ClaimsPrincipal user, DateOnly until, int limit, CancellationToken ct)
    {
        var scope = await ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (0, 0, []);
        var months = Settings.ReceiptMonths;
        var overdueCutoff = LatestOverdueIssue(Today, months);
        var dueCutoff = LatestIssueDueBy(until, months);
        var rows = Visible(scope)
            .Where(t =>
                t.Status == TransferStatus.Issued
                && t.Kind != TransferKind.Inbound
                && t.IssuedOn <= dueCutoff
            );
        var total = await rows.CountAsync(ct);
        if (total == 0)
            return (0, 0, []);
        var overdue = await rows.CountAsync(t => t.IssuedOn <= overdueCutoff, ct);
        var items = await rows.OrderBy(t => t.IssuedOn)
            .ThenBy(t => t.Id)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(ct);
        return (
            total,
            overdue,
            [
                .. items.Select(t => new ReceiptDueRow(
                    t.Id,
                    t.MemberName,
                    t.ToName,
                    TransferRules.ReceiptDue(t.IssuedOn, months),
                    TransferRules.ReceiptOverdue(t.IssuedOn, t.ReceivedOn, Today, months),
                    CanAccept(t, scope)
                )),
            ]
        );
    }

    public async Task<(TransferPage? Page, CaseProblem? Problem)> ListAsync(
        ClaimsPrincipal user,
        TransferQuery query,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var errors = new List<(string, string, object[])>();
        var page = query.Page ?? 1;
        var size = query.PageSize ?? 50;
        if (page < 1)
            errors.Add(("page", "Validation.Page", []));
        if (size is < 1 or > 200)
            errors.Add(("pageSize", "Validation.PageSize", [200]));
        TransferStatus? status = null;
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            if (
                Enum.TryParse<TransferStatus>(query.Status, true, out var st)
                && Enum.IsDefined(st)
                && !query.Status.Any(char.IsAsciiDigit)
            )
                status = st;
            else
                errors.Add(("status", "Transfers.StatusUnknown", []));
        }
        if (query.Q is { Length: > 100 })
            errors.Add(("q", "Validation.TooLong", [100]));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        var months = Settings.ReceiptMonths;
        var cutoff = LatestOverdueIssue(Today, months);
        var rows = Visible(scope);
        var overdueCount = await rows.CountAsync(
            t =>
                t.Status == TransferStatus.Issued
                && t.Kind != TransferKind.Inbound
                && t.IssuedOn <= cutoff,
            ct
        );
        if (status is not null)
            rows = rows.Where(t => t.Status == status.Value);
        if (query.Overdue == true)
            rows = rows.Where(t =>
                t.Status == TransferStatus.Issued
                && t.Kind != TransferKind.Inbound
                && t.IssuedOn <= cutoff
            );
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
            rows = rows.Where(t => t.MemberName.Contains(q) || t.LetterNumber.Contains(q));
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(t => t.IssuedOn)
            .ThenByDescending(t => t.LetterSequence)
            .ThenBy(t => t.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return (
            new TransferPage(
                [
                    .. items.Select(t => new TransferRow(
                        t.Id,
                        t.Kind.ToString(),
                        t.Status.ToString(),
                        t.LetterNumber,
                        t.MemberName,
                        t.ResidentIdMasked,
                        t.FromName,
                        t.ToName,
                        t.IssuedOn,
                        TransferRules.ReceiptDue(t.IssuedOn, months),
                        t.Kind != TransferKind.Inbound
                            && TransferRules.ReceiptOverdue(
                                t.IssuedOn,
                                t.ReceivedOn,
                                Today,
                                months
                            ),
                        t.ReceivedOn
                    )),
                ],
                page,
                size,
                total,
                overdueCount
            ),
            null
        );
    }

    public async Task<(TransferResponse? Transfer, CaseProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        var t = await Visible(scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is null
            ? (null, new CaseProblem(404, "Problem.NotFound"))
            : (await WithLedgerAsync(Describe(t, scope), ct), null);
    }

    /// <summary>The organisations the caller may send from (their writable ones).</summary>
    public async Task<IReadOnlyList<DirectoryOrganization>> SendingOrganizationsAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    ) => [.. (await directory.OrganizationsAsync(user, ct)).Where(o => o.CanWrite)];

    public Task<IReadOnlyList<DirectoryOrganization>> ReceivingOrganizationsAsync(
        CancellationToken ct
    ) => directory.AllOrganizationsAsync(ct);

    /// <summary>
    /// The month each member's dues are paid up to by the dues ledger (<see cref="DuesLedgerRules.PaidUpTo"/>),
    /// as yyyy-MM; members without a settled month are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> DuesPaidUpToAsync(
        IReadOnlyCollection<Guid> memberIds,
        CancellationToken ct
    )
    {
        if (memberIds.Count == 0)
            return new Dictionary<Guid, string>();
        var ids = memberIds.Distinct().ToArray();
        var rows = await db
            .DuesLedger.AsNoTracking()
            .Where(e => ids.Contains(e.MemberId))
            .Select(e => new
            {
                e.MemberId,
                e.Month,
                e.Status,
            })
            .ToListAsync(ct);
        var result = new Dictionary<Guid, string>();
        foreach (var g in rows.GroupBy(r => r.MemberId))
            if (DuesLedgerRules.PaidUpTo(g.Select(r => (r.Month, r.Status))) is { } m)
                result[g.Key] = DuesMonth.Format(m);
        return result;
    }

    /// <summary>The letter with the ledger's month beside the one written on it (they may differ: it was editable).</summary>
    private async Task<TransferResponse> WithLedgerAsync(
        TransferResponse t,
        CancellationToken ct
    ) =>
        t.MemberId is { } id && t.HasLetter
            ? t with
            {
                DuesLedgerPaidTo = (await DuesPaidUpToAsync([id], ct)).GetValueOrDefault(id),
            }
            : t;

    public Task<IReadOnlyList<MemberFacts>> MembersOfAsync(
        Guid organizationId,
        CancellationToken ct
    ) => directory.MembersOfAsync(organizationId, ct);

    public TransferOptions Defaults => Settings;

    public async Task<(TransferResponse? Transfer, CaseProblem? Problem)> CreateAsync(
        ClaimsPrincipal user,
        NewTransferRequest r,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (scope.IsEmpty)
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var errors = new List<(string Field, string Key, object[] Args)>();
        TransferKind kind = default;
        if (
            string.IsNullOrWhiteSpace(r.Kind)
            || !Enum.TryParse(r.Kind.Trim(), true, out kind)
            || !Enum.IsDefined(kind)
            || r.Kind.Any(char.IsAsciiDigit)
        )
            errors.Add(("kind", "Transfers.KindUnknown", []));
        var issued = r.IssuedOn is null ? Today : Date(errors, "issuedOn", r.IssuedOn);
        if (issued > Today)
            errors.Add(("issuedOn", "Development.FutureDate", []));
        var validity = r.ValidityDays ?? Settings.ValidityDays;
        if (validity is < 1 or > TransferRules.MaxValidityDays)
            errors.Add(
                ("validityDays", "Transfers.ValidityRange", [TransferRules.MaxValidityDays])
            );
        (int Year, int Month)? dues = null;
        if (!string.IsNullOrWhiteSpace(r.DuesPaidTo))
        {
            if (
                DateOnly.TryParseExact(
                    r.DuesPaidTo.Trim() + "-01",
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var d
                )
                && d.Year >= 1921
            )
                dues = (d.Year, d.Month);
            else
                errors.Add(("duesPaidTo", "Transfers.DuesPaidToFormat", []));
        }
        Check(errors, "memberContact", r.MemberContact, 100);
        Check(errors, "senderAddress", r.SenderAddress, 200);
        Check(errors, "senderPhone", r.SenderPhone, 30);
        Check(errors, "senderFax", r.SenderFax, 30);
        Check(errors, "senderPostcode", r.SenderPostcode, 10);
        Check(errors, "notes", r.Notes, 1000);
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (kind == TransferKind.Inbound)
            return await ArriveAsync(user, scope, r, issued!.Value, ct);

        if (!Guid.TryParse(r.MemberId, out var memberId))
            return (null, new CaseProblem(400, Errors: [("memberId", "Validation.Required", [])]));
        var member = await directory.MemberAsync(memberId, ct);
        if (member is null || member.OrganizationId is null || !member.IsPartyMember)
            return (
                null,
                new CaseProblem(400, Errors: [("memberId", "Transfers.MemberUnknown", [])])
            );
        if (!MayWrite(scope, member.OrganizationId, member.BuildingId))
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        if (
            await db.Transfers.AnyAsync(
                t => t.MemberId == memberId && t.Status == TransferStatus.Issued,
                ct
            )
        )
            return (null, new CaseProblem(409, "Transfers.AlreadyOpen"));

        DirectoryOrganization? to = null;
        string toName;
        if (kind == TransferKind.Outbound)
        {
            toName = r.ToName?.Trim() ?? "";
            if (toName.Length == 0)
                errors.Add(("toName", "Validation.Required", []));
            else if (toName.Length > 200)
                errors.Add(("toName", "Validation.TooLong", [200]));
        }
        else
        {
            to = Guid.TryParse(r.ToOrganizationId, out var toId)
                ? await directory.AnyOrganizationAsync(toId, ct)
                : null;
            toName = to?.Name ?? "";
            if (to is null)
                errors.Add(("toOrganizationId", "Validation.OrganizationNotFound", []));
            else if (to.Id == member.OrganizationId)
                errors.Add(("toOrganizationId", "Transfers.SameOrganization", []));
            else if (kind == TransferKind.Internal && to.BuildingId != member.BuildingId)
                errors.Add(("toOrganizationId", "Transfers.NotSameBuilding", []));
            else if (kind == TransferKind.BetweenBuildings && to.BuildingId == member.BuildingId)
                errors.Add(("toOrganizationId", "Transfers.SameBuilding", []));
        }
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));

        var fullId = await directory.FullResidentIdAsync(memberId, ct);
        // Not typed: the month the dues ledger says they are paid up to (typed: the letter says what was typed).
        int? ledger =
            dues is null
            && (await DuesPaidUpToAsync([memberId], ct)).GetValueOrDefault(memberId) is { } paid
                ? DuesMonth.Parse(paid)
                : null;
        var t = new Transfer
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Status = TransferStatus.Issued,
            MemberId = memberId,
            MemberName = member.Name,
            Gender = member.Gender,
            BirthDate = member.BirthDate,
            Ethnicity = member.Ethnicity,
            IsProbationary = member.IsProbationary,
            ResidentIdCipher = protector.Encrypt(fullId!),
            ResidentIdMasked = member.ResidentIdMasked,
            FromOrganizationId = member.OrganizationId,
            FromBuildingId = member.BuildingId,
            FromName = member.OrganizationName ?? "",
            ToOrganizationId = to?.Id,
            ToBuildingId = to?.BuildingId,
            ToName = toName,
            DuesPaidYear = dues?.Year ?? ledger / 100,
            DuesPaidMonth = dues?.Month ?? ledger % 100,
            ValidityDays = validity,
            IssuedOn = issued!.Value,
            LetterYear = issued.Value.Year,
            LetterNumber = "",
            MemberContact = Trim(r.MemberContact) ?? member.Phone,
            SenderAddress = Trim(r.SenderAddress) ?? Settings.SenderAddress,
            SenderPhone = Trim(r.SenderPhone) ?? Settings.SenderPhone,
            SenderFax = Trim(r.SenderFax) ?? Settings.SenderFax,
            SenderPostcode = Trim(r.SenderPostcode) ?? Settings.SenderPostcode,
            Notes = Trim(r.Notes),
            CreatedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        // The number is the next of its year; two letters issued at once collide on the unique index and retry.
        for (var attempt = 0; ; attempt++)
        {
            var last = await db
                .Transfers.Where(x => x.LetterYear == t.LetterYear)
                .MaxAsync(x => x.LetterSequence, ct);
            t.LetterSequence = (last ?? 0) + 1;
            t.LetterNumber = TransferRules.LetterNumber(
                t.LetterYear!.Value,
                t.LetterSequence.Value
            );
            db.Transfers.Add(t);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 4)
            {
                db.Entry(t).State = EntityState.Detached;
            }
        }
        return (await WithLedgerAsync(Describe(t, scope), ct), null);
    }

    private async Task<(TransferResponse?, CaseProblem?)> ArriveAsync(
        ClaimsPrincipal user,
        PartyScope scope,
        NewTransferRequest r,
        DateOnly arrivedOn,
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
        var fromName = r.FromName?.Trim();
        if (string.IsNullOrEmpty(fromName))
            errors.Add(("fromName", "Validation.Required", []));
        else if (fromName.Length > 200)
            errors.Add(("fromName", "Validation.TooLong", [200]));
        Check(errors, "letterNumber", r.LetterNumber, 50);
        Check(errors, "ethnicity", r.Ethnicity, 20);
        var probationary = r.IsProbationary ?? false;
        DateOnly? joined = r.JoinedOn is null ? null : Date(errors, "joinedOn", r.JoinedOn);
        DateOnly? full = r.FullMemberOn is null
            ? null
            : Date(errors, "fullMemberOn", r.FullMemberOn);
        var to = Guid.TryParse(r.ToOrganizationId, out var toId)
            ? await directory.AnyOrganizationAsync(toId, ct)
            : null;
        if (to is null)
            errors.Add(("toOrganizationId", "Validation.OrganizationNotFound", []));
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (!MayWrite(scope, to!.Id, to.BuildingId))
            return (null, new CaseProblem(403, "Problem.OutOfScope"));
        var by = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var memberId = await directory.RegisterArrivalAsync(
            new ArrivingMember(
                name!,
                id.Normalized!,
                id.IsMale == true,
                id.BirthDate!.Value,
                Trim(r.Ethnicity),
                probationary,
                joined,
                full,
                Trim(r.MemberContact)
            ),
            to.Id,
            arrivedOn,
            by,
            ct
        );
        if (memberId is null)
            return (null, new CaseProblem(409, "Transfers.AlreadyInLouyu"));
        var t = new Transfer
        {
            Id = Guid.CreateVersion7(),
            Kind = TransferKind.Inbound,
            Status = TransferStatus.Received,
            MemberId = memberId,
            MemberName = name!,
            Gender = id.IsMale == true ? "Male" : "Female",
            BirthDate = id.BirthDate.Value,
            Ethnicity = Trim(r.Ethnicity),
            IsProbationary = probationary,
            ResidentIdCipher = protector.Encrypt(id.Normalized!),
            ResidentIdMasked = id.Masked!,
            FromName = fromName!,
            ToOrganizationId = to.Id,
            ToBuildingId = to.BuildingId,
            ToName = to.Name,
            ValidityDays = r.ValidityDays ?? Settings.ValidityDays,
            IssuedOn = arrivedOn,
            LetterNumber = Trim(r.LetterNumber) ?? "",
            MemberContact = Trim(r.MemberContact),
            ReceivedOn = arrivedOn,
            Notes = Trim(r.Notes),
            CreatedByUserId = by,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        db.Transfers.Add(t);
        await db.SaveChangesAsync(ct);
        return (Describe(t, scope), null);
    }

    /// <summary>The receiving organisation accepts a transfer inside Louyu: the member's relationship moves there.</summary>
    public Task<(TransferResponse?, CaseProblem?)> AcceptAsync(
        ClaimsPrincipal user,
        Guid id,
        ReceiptRequest r,
        CancellationToken ct
    ) => ReceiveAsync(user, id, r, accept: true, ct);

    /// <summary>The sending organisation records the receipt (回执) of an outbound transfer: the member leaves Louyu.</summary>
    public Task<(TransferResponse?, CaseProblem?)> RecordReceiptAsync(
        ClaimsPrincipal user,
        Guid id,
        ReceiptRequest r,
        CancellationToken ct
    ) => ReceiveAsync(user, id, r, accept: false, ct);

    private async Task<(TransferResponse?, CaseProblem?)> ReceiveAsync(
        ClaimsPrincipal user,
        Guid id,
        ReceiptRequest r,
        bool accept,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        if (await Visible(scope).AnyAsync(x => x.Id == id, ct) is false)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        var t = await db.Transfers.FirstAsync(x => x.Id == id, ct);
        var mayAct = accept ? CanAccept(t, scope) : CanRecordReceipt(t, scope);
        if (!mayAct)
        {
            if (t.Status == TransferStatus.Received)
                return (null, new CaseProblem(409, "Transfers.AlreadyReceived"));
            var wrongKind = accept
                ? t.Kind is TransferKind.Outbound or TransferKind.Inbound
                : t.Kind != TransferKind.Outbound;
            return wrongKind
                ? (
                    null,
                    new CaseProblem(
                        409,
                        accept ? "Transfers.AcceptNotForKind" : "Transfers.ReceiptNotForKind"
                    )
                )
                : (null, new CaseProblem(403, "Problem.OutOfScope"));
        }
        var errors = new List<(string, string, object[])>();
        var on = Date(errors, "receivedOn", r.ReceivedOn);
        if (on > Today)
            errors.Add(("receivedOn", "Development.FutureDate", []));
        if (on < t.IssuedOn)
            errors.Add(("receivedOn", "Transfers.ReceivedBeforeIssued", []));
        Check(errors, "handler", r.Handler, 100);
        Check(errors, "phone", r.Phone, 30);
        if (errors.Count > 0)
            return (null, new CaseProblem(400, Errors: errors));
        if (r.Version is { } v && v != t.Version)
            return (null, new CaseProblem(409, "Problem.StaleVersion"));
        var moved = accept
            ? await directory.MoveMemberAsync(
                t.MemberId!.Value,
                t.ToOrganizationId!.Value,
                on!.Value,
                t.Kind == TransferKind.Internal
                    ? MemberMoveReasons.InternalTransfer
                    : MemberMoveReasons.TransferIn,
                ct
            )
            : await directory.ReleaseMemberAsync(t.MemberId!.Value, on!.Value, t.ToName, ct);
        if (!moved)
            return (null, new CaseProblem(404, "Problem.NotFound"));
        db.Entry(t).Property(x => x.Version).OriginalValue = t.Version;
        t.Status = TransferStatus.Received;
        t.ReceivedOn = on;
        t.ReceiptHandler = Trim(r.Handler);
        t.ReceiptPhone = Trim(r.Phone);
        t.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new CaseProblem(409, "Problem.StaleVersion"));
        }
        return (Describe(t, scope), null);
    }

    /// <summary>The letter as a PDF with the full resident ID; the read is audited like a reveal.</summary>
    public async Task<(byte[]? Pdf, string? Number, CaseProblem? Problem)> LetterAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var scope = await ScopeAsync(user, ct);
        var t = await Visible(scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null || t.Kind == TransferKind.Inbound)
            return (null, null, new CaseProblem(404, "Problem.NotFound"));
        var pdf = TransferLetterPdf.Render(
            new TransferLetter(
                t.LetterNumber,
                t.MemberName,
                t.Gender == "Male",
                TransferRules.AgeOn(t.BirthDate, t.IssuedOn),
                t.Ethnicity,
                t.IsProbationary,
                protector.Decrypt(t.ResidentIdCipher),
                t.FromName,
                t.ToName,
                t.DuesPaidYear,
                t.DuesPaidMonth,
                t.ValidityDays,
                t.IssuedOn,
                t.MemberContact,
                t.SenderAddress,
                t.SenderPhone,
                t.SenderFax,
                t.SenderPostcode
            ),
            Settings
        );
        // A sensitive read (the full resident ID on the letter) is audited explicitly (domain-rules §8.1).
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity?.Name,
                Action = "Read",
                Entity = nameof(Transfer),
                EntityId = t.Id.ToString(),
                After = "residentId (transfer letter PDF)",
                RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return (pdf, t.LetterNumber, null);
    }

    private static bool CanAccept(Transfer t, PartyScope s) =>
        t.Status == TransferStatus.Issued
        && t.Kind is TransferKind.Internal or TransferKind.BetweenBuildings
        && MayWrite(s, t.ToOrganizationId, t.ToBuildingId);

    private static bool CanRecordReceipt(Transfer t, PartyScope s) =>
        t.Status == TransferStatus.Issued
        && t.Kind == TransferKind.Outbound
        && MayWrite(s, t.FromOrganizationId, t.FromBuildingId);

    private TransferResponse Describe(Transfer t, PartyScope s)
    {
        var months = Settings.ReceiptMonths;
        return new TransferResponse(
            t.Id,
            t.Kind.ToString(),
            t.Status.ToString(),
            t.LetterNumber,
            t.MemberId,
            t.MemberName,
            t.Gender,
            TransferRules.AgeOn(t.BirthDate, t.IssuedOn),
            t.Ethnicity,
            t.IsProbationary,
            t.ResidentIdMasked,
            t.FromOrganizationId,
            t.FromName,
            t.ToOrganizationId,
            t.ToName,
            t.DuesPaidYear is { } y && t.DuesPaidMonth is { } m ? $"{y:0000}-{m:00}" : null,
            t.ValidityDays,
            t.IssuedOn,
            TransferRules.ValidUntil(t.IssuedOn, t.ValidityDays),
            TransferRules.ReceiptDue(t.IssuedOn, months),
            t.Kind != TransferKind.Inbound
                && TransferRules.ReceiptOverdue(t.IssuedOn, t.ReceivedOn, Today, months),
            t.ReceivedOn,
            t.ReceiptHandler,
            t.ReceiptPhone,
            t.MemberContact,
            t.SenderAddress,
            t.SenderPhone,
            t.SenderFax,
            t.SenderPostcode,
            t.Notes,
            t.Kind != TransferKind.Inbound,
            CanAccept(t, s),
            CanRecordReceipt(t, s),
            t.Version
        );
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Check(
        List<(string, string, object[])> errors,
        string field,
        string? value,
        int max
    )
    {
        if (value is not null && value.Trim().Length > max)
            errors.Add((field, "Validation.TooLong", [max]));
    }

    internal static DateOnly? Date(
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
