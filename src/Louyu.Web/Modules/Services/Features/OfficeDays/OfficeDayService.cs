using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Features.Policies;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Features.OfficeDays;

public sealed record OfficeDayInput(
    Guid? DepartmentId,
    string? DepartmentName,
    Guid? BuildingId,
    DateOnly? Date,
    TimeOnly? StartsAt,
    TimeOnly? EndsAt,
    string? Place,
    string? Topic,
    int? Capacity
);

public sealed record SignUpInput(Guid? EnterpriseId, string? Name, string? Phone, string? Question);

public sealed record SignUpDto(
    Guid Id,
    Guid EnterpriseId,
    string EnterpriseName,
    string Name,
    string? Phone,
    string? Question,
    DateTime SignedUpAtUtc
);

public sealed record OfficeDayDto(
    Guid Id,
    Guid? DepartmentId,
    string DepartmentName,
    Guid BuildingId,
    string BuildingName,
    DateOnly Date,
    TimeOnly? StartsAt,
    TimeOnly? EndsAt,
    string Place,
    string? Topic,
    int Capacity,
    int SignedUp,
    bool SignedUpByMe,
    IReadOnlyList<SignUpDto>? SignUps
);

/// <summary>
/// 现场办公日 / 政策上门: departments visit a building on a date; enterprises sign up with their questions. A place is
/// taken by one conditional UPDATE (<c>SignedUp &lt; Capacity</c>) in the sign-up's transaction, so concurrent
/// sign-ups for the last place cannot overbook (a check constraint backs it); one sign-up per enterprise a day.
/// </summary>
public sealed class OfficeDayService(
    LouyuDbContext db,
    IEnterpriseDirectory directory,
    PolicyService policies,
    PolicySnapshot snapshot,
    TimeProvider clock
)
{
    private static OfficeDayDto Dto(OfficeDay d, bool mine, IReadOnlyList<SignUpDto>? signUps) =>
        new(
            d.Id,
            d.DepartmentId,
            d.DepartmentName,
            d.BuildingId,
            d.BuildingName,
            d.Date,
            d.StartsAt,
            d.EndsAt,
            d.Place,
            d.Topic,
            d.Capacity,
            d.SignedUp,
            mine,
            signUps
        );

    /// <summary>Office days from <paramref name="from"/> (default today), soonest first.</summary>
    public async Task<IReadOnlyList<OfficeDayDto>> ListAsync(
        ClaimsPrincipal user,
        DateOnly? from,
        CancellationToken ct
    )
    {
        var day = from ?? ShanghaiTime.Today(clock);
        var days = await db.Set<OfficeDay>()
            .AsNoTracking()
            .Where(d => d.Date >= day)
            .OrderBy(d => d.Date)
            .ThenBy(d => d.StartsAt)
            .Take(200)
            .ToListAsync(ct);
        var mine = await directory.EnterprisesOfUserAsync(PolicyAccess.UserId(user), ct);
        var ids = days.Select(d => d.Id).ToList();
        var signed =
            mine.Count == 0
                ? []
                : await db.Set<OfficeDaySignUp>()
                    .AsNoTracking()
                    .Where(s => ids.Contains(s.OfficeDayId) && mine.Contains(s.EnterpriseId))
                    .Select(s => s.OfficeDayId)
                    .ToListAsync(ct);
        // A workstation department's English name for English readers (the day keeps the Chinese name it was given).
        var deptIds = days.Where(d => d.DepartmentId != null)
            .Select(d => d.DepartmentId!.Value)
            .Distinct()
            .ToList();
        var english =
            deptIds.Count > 0
            && System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith(
                "en",
                StringComparison.Ordinal
            );
        var englishNames = english
            ? await db
                .Departments.AsNoTracking()
                .Where(x => deptIds.Contains(x.Id) && x.NameEn != null && x.NameEn != "")
                .ToDictionaryAsync(x => x.Id, x => x.NameEn!, ct)
            : [];
        return days.Select(d =>
                Dto(d, signed.Contains(d.Id), null) with
                {
                    DepartmentName =
                        d.DepartmentId is { } did && englishNames.TryGetValue(did, out var en)
                            ? en
                            : d.DepartmentName,
                }
            )
            .ToList();
    }

    public async Task<OfficeDayDto?> GetAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var d = await db.Set<OfficeDay>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
            return null;
        var q = db.Set<OfficeDaySignUp>().AsNoTracking().Where(s => s.OfficeDayId == id);
        if (!PolicyAccess.CanServe(user))
        {
            var mine = await directory.EnterprisesOfUserAsync(PolicyAccess.UserId(user), ct);
            q = q.Where(s => mine.Contains(s.EnterpriseId));
        }
        var signUps = await q.OrderBy(s => s.SignedUpAtUtc)
            .Select(s => new SignUpDto(
                s.Id,
                s.EnterpriseId,
                s.EnterpriseName,
                s.Name,
                s.Phone,
                s.Question,
                s.SignedUpAtUtc
            ))
            .ToListAsync(ct);
        return Dto(d, !PolicyAccess.CanServe(user) && signUps.Count > 0, signUps);
    }

    /// <summary>The buildings with resident enterprises (from the matching snapshot, loaded when empty).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> BuildingsAsync(CancellationToken ct)
    {
        var b = snapshot.Buildings();
        if (b.Count > 0)
            return b;
        await snapshot.Gate.WaitAsync(ct);
        try
        {
            await snapshot.AllAsync(directory, ShanghaiTime.Today(clock), ct);
        }
        finally
        {
            snapshot.Gate.Release();
        }
        return snapshot.Buildings();
    }

    public async Task<Result<OfficeDayDto>> CreateAsync(
        ClaimsPrincipal user,
        OfficeDayInput input,
        CancellationToken ct
    )
    {
        if (!PolicyAccess.CanServe(user))
            return Result<OfficeDayDto>.Fail(403, "Problem.OutOfScope");
        var errors = new List<(string, string, object[])>();
        Department? dept = null;
        if (input.DepartmentId is { } did)
        {
            dept = await db.Set<Department>()
                .AsNoTracking()
                .FirstOrDefaultAsync(x => x.Id == did, ct);
            if (dept is null)
                errors.Add(("departmentId", "Validation.Required", []));
        }
        var deptName = dept?.Name ?? input.DepartmentName?.Trim();
        if (string.IsNullOrEmpty(deptName))
            errors.Add(("departmentName", "Validation.Required", []));
        else if (deptName.Length > 100)
            errors.Add(("departmentName", "Validation.TooLong", [100]));
        string? buildingName = null;
        if (input.BuildingId is not { } bid)
            errors.Add(("buildingId", "Validation.Required", []));
        else
        {
            buildingName = (await BuildingsAsync(ct)).GetValueOrDefault(bid);
            if (buildingName is null)
                errors.Add(("buildingId", "OfficeDays.Error.Building", []));
        }
        if (input.Date is not { } date)
            errors.Add(("date", "Validation.Required", []));
        else if (date < ShanghaiTime.Today(clock))
            errors.Add(("date", "OfficeDays.Error.Past", []));
        if (input.StartsAt is { } s && input.EndsAt is { } e && e <= s)
            errors.Add(("endsAt", "OfficeDays.Error.EndBeforeStart", []));
        var place = input.Place?.Trim();
        if (string.IsNullOrEmpty(place))
            errors.Add(("place", "Validation.Required", []));
        else if (place.Length > 200)
            errors.Add(("place", "Validation.TooLong", [200]));
        if (input.Topic is { Length: > 500 })
            errors.Add(("topic", "Validation.TooLong", [500]));
        if (input.Capacity is not (>= 1 and <= 1000))
            errors.Add(("capacity", "Validation.Range", [1, 1000]));
        if (errors.Count > 0)
            return Result<OfficeDayDto>.Invalid(errors);
        var d = new OfficeDay
        {
            Id = Guid.NewGuid(),
            DepartmentId = dept?.Id,
            DepartmentName = deptName!,
            BuildingId = input.BuildingId!.Value,
            BuildingName = buildingName!,
            Date = input.Date!.Value,
            StartsAt = input.StartsAt,
            EndsAt = input.EndsAt,
            Place = place!,
            Topic = string.IsNullOrWhiteSpace(input.Topic) ? null : input.Topic.Trim(),
            Capacity = input.Capacity!.Value,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Version = 1,
        };
        db.Add(d);
        await db.SaveChangesAsync(ct);
        return Result<OfficeDayDto>.Ok(Dto(d, false, []));
    }

    /// <summary>Signs an enterprise up (its contact, or staff on its behalf); 409 when full or already signed up.</summary>
    public async Task<Result<SignUpDto>> SignUpAsync(
        ClaimsPrincipal user,
        Guid id,
        SignUpInput input,
        CancellationToken ct
    )
    {
        var d = await db.Set<OfficeDay>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null)
            return Result<SignUpDto>.Fail(404, "Problem.NotFound");
        var enterpriseId = input.EnterpriseId;
        if (enterpriseId is null)
        {
            var mine = await directory.EnterprisesOfUserAsync(PolicyAccess.UserId(user), ct);
            enterpriseId = mine.Count > 0 ? mine[0] : null;
        }
        var e = enterpriseId is { } eid ? await policies.EnterpriseForAsync(user, eid, ct) : null;
        if (e is null)
            return Result<SignUpDto>.Fail(404, "Problem.NotFound");
        var errors = new List<(string, string, object[])>();
        if (input.Question is { Length: > 2000 })
            errors.Add(("question", "Validation.TooLong", [2000]));
        if (input.Name is { Length: > 100 })
            errors.Add(("name", "Validation.TooLong", [100]));
        if (d.Date < ShanghaiTime.Today(clock))
            errors.Add(("date", "OfficeDays.Error.Past", []));
        if (errors.Count > 0)
            return Result<SignUpDto>.Invalid(errors);
        if (
            await db.Set<OfficeDaySignUp>()
                .AnyAsync(s => s.OfficeDayId == id && s.EnterpriseId == e.Id, ct)
        )
            return Result<SignUpDto>.Fail(409, "OfficeDays.Problem.AlreadySignedUp");
        var s = new OfficeDaySignUp
        {
            Id = Guid.NewGuid(),
            OfficeDayId = id,
            EnterpriseId = e.Id,
            EnterpriseName = e.Name,
            UserId = PolicyAccess.UserId(user),
            Name = string.IsNullOrWhiteSpace(input.Name)
                ? PolicyAccess.Name(user)
                : input.Name.Trim(),
            Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
            Question = string.IsNullOrWhiteSpace(input.Question) ? null : input.Question.Trim(),
            SignedUpAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // The place is taken by one statement: it counts only while places remain.
            var taken = await db.Set<OfficeDay>()
                .Where(x => x.Id == id && x.SignedUp < x.Capacity)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.SignedUp, x => x.SignedUp + 1), ct);
            if (taken == 0)
            {
                await tx.RollbackAsync(ct);
                return Result<SignUpDto>.Fail(409, "OfficeDays.Problem.Full");
            }
            db.Add(s);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return Result<SignUpDto>.Fail(409, "OfficeDays.Problem.AlreadySignedUp");
        }
        return Result<SignUpDto>.Ok(
            new(
                s.Id,
                s.EnterpriseId,
                s.EnterpriseName,
                s.Name,
                s.Phone,
                s.Question,
                s.SignedUpAtUtc
            )
        );
    }
}
