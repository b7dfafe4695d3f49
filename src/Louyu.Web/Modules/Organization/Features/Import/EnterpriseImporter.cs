using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>
/// POST /api/v1/enterprises/import: enterprises from an .xlsx, every row checked by <see cref="EnterpriseRules"/>
/// (GB 32100-2015 credit code with its embedded organisation code, GB/T 4754 section…), the building named (or by
/// id) among the buildings the caller keeps. The credit code is the natural key: a known enterprise is updated.
/// One transaction, rows streamed and written in batches; rolled back when a row is bad unless partial.
/// </summary>
public sealed class EnterpriseImporter(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    IHttpContextAccessor http,
    TimeProvider clock
)
{
    private static readonly ImportColumnSet Columns = ImportColumnSet.Enterprises;

    private sealed record BuildingRef(Guid Id, int Floors);

    private sealed record Row(int Number, EnterpriseValues Values);

    public async Task<ImportRun> ImportAsync(
        ClaimsPrincipal user,
        Stream file,
        ImportOptions options,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanWrite)
            return ImportRun.Fail(403, access.RefusalKey, "Import.Problem.MayNotImport");
        var today = ShanghaiTime.Today(clock);
        var culture = CultureInfo.CurrentUICulture;

        var buildingQuery = db.Buildings.AsNoTracking();
        if (access.Write.Filter is { } allowed)
            buildingQuery = buildingQuery.Where(b => allowed.Contains(b.Id));
        var buildingRows = await buildingQuery
            .Select(b => new
            {
                b.Id,
                b.Name,
                b.Floors,
            })
            .ToListAsync(ct);
        var byId = buildingRows.ToDictionary(b => b.Id, b => new BuildingRef(b.Id, b.Floors));
        var byName = buildingRows
            .GroupBy(b => b.Name.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(b => b.Id).ToArray(), StringComparer.Ordinal);

        ImportSheet sheet;
        try
        {
            sheet = ImportSheet.Open(file, Columns, c => c.Header(culture).TrimEnd(' ', '*'));
        }
        catch (ImportFileException e)
        {
            return ImportRun.BadFile(e.DetailKey, e.Args);
        }

        var problems = new ImportProblems();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var batch = new List<Row>(ImportLimits.BatchSize);
        int rows = 0,
            valid = 0,
            created = 0,
            updated = 0;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = options.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var (number, cells) in sheet.Rows())
            {
                rows++;
                var row = Parse(number, cells);
                if (row is not null)
                    batch.Add(row);
                if (batch.Count >= ImportLimits.BatchSize)
                    await FlushAsync();
            }
            await FlushAsync();
        }
        catch (ImportFileException e)
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            return ImportRun.BadFile(e.DetailKey, e.Args);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            return ImportRun.Fail(409, "Problem.DuplicateCreditCode", "Import.Problem.Conflict");
        }
        db.ChangeTracker.AutoDetectChangesEnabled = tracking;

        var kept = problems.Count == 0 || options.Partial;
        if (!kept)
            (created, updated) = (0, 0);
        if (tx is not null)
        {
            if (kept && created + updated > 0)
            {
                db.AuditEntries.Add(
                    new AuditEntry
                    {
                        AtUtc = clock.GetUtcNow().UtcDateTime,
                        UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                        UserName = user.Identity?.Name,
                        Action = "Import",
                        Entity = nameof(Enterprise),
                        After = JsonSerializer.Serialize(
                            new
                            {
                                rows,
                                created,
                                updated,
                                errors = problems.Count,
                                partial = options.Partial,
                            }
                        ),
                        RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
                    }
                );
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            else
                await tx.RollbackAsync(ct);
        }
        db.ChangeTracker.Clear();
        return new ImportRun(
            new ImportResult(
                rows,
                valid,
                created + updated,
                created,
                updated,
                options.DryRun,
                options.Partial,
                problems.Count,
                problems.BadRows,
                problems.List
            ),
            null
        );

        Row? Parse(int number, string?[] c)
        {
            var errors = new List<FieldError>();
            if (!ImportValues.TryInteger(c[4], out var employees))
                errors.Add(FieldError.Of("employeeCount", "Import.Validation.Integer"));
            if (!ImportValues.TryInteger(c[7], out var floor))
                errors.Add(FieldError.Of("floor", "Import.Validation.Integer"));
            if (!ImportValues.TryYesNo(c[6], out var legalIsMember))
                errors.Add(FieldError.Of("legalRepresentativeIsMember", "Import.Validation.YesNo"));
            BuildingRef? building = null;
            if (c[2] is { } buildingText)
            {
                if (Guid.TryParse(buildingText, out var g))
                    building = byId.GetValueOrDefault(g);
                else if (byName.TryGetValue(buildingText, out var named))
                {
                    if (named.Length > 1)
                        errors.Add(
                            FieldError.Of(
                                "buildingId",
                                "Import.Validation.BuildingAmbiguous",
                                buildingText
                            )
                        );
                    else
                        building = byId[named[0]];
                }
                if (building is null && !errors.Any(e => e.Field == "buildingId"))
                    errors.Add(
                        FieldError.Of(
                            "buildingId",
                            "Import.Validation.BuildingUnknown",
                            buildingText
                        )
                    );
            }
            var input = new EnterpriseInput
            {
                UnifiedSocialCreditCode = c[0],
                Name = c[1],
                // A named but unknown building is reported above; an empty cell is "required" below.
                BuildingId =
                    building?.Id.ToString() ?? (c[2] is null ? null : Guid.Empty.ToString()),
                Industry = c[3],
                EmployeeCount = employees,
                LegalRepresentative = c[5],
                LegalRepresentativeIsMember = legalIsMember,
                Floor = floor,
                Room = c[8],
                MovedInOn = c[9],
                MovedOutOn = c[10],
                FoundedOn = c[11],
                Size = ImportValues.Size(c[12]),
                Tags = ImportValues.Tags(c[13]),
            };
            var (values, ruleErrors) = EnterpriseRules.Validate(input, today, false);
            foreach (var e in ruleErrors)
                if (
                    !errors.Any(x => x.Field == e.Field)
                    && !(e.Key == "Validation.Required" && IsTyped(e.Field, c))
                )
                    errors.Add(e);
            if (
                values is not null
                && building is not null
                && values.Floor > building.Floors
                && values.Floor <= EnterpriseRules.HighestFloor
            )
                errors.Add(
                    FieldError.Of("floor", "Validation.FloorAboveBuilding", building.Floors)
                );
            if (errors.Count > 0 || values is null)
            {
                problems.AddAll(number, errors);
                return null;
            }
            if (!firstRowOf.TryAdd(values.UnifiedSocialCreditCode, number))
            {
                problems.Add(
                    number,
                    "unifiedSocialCreditCode",
                    "Import.Validation.DuplicateInFile",
                    firstRowOf[values.UnifiedSocialCreditCode]
                );
                return null;
            }
            return new Row(number, values);
        }

        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var codes = batch.Select(r => r.Values.UnifiedSocialCreditCode).ToArray();
            var existing = await db
                .Enterprises.Where(e => codes.Contains(e.UnifiedSocialCreditCode))
                .ToDictionaryAsync(e => e.UnifiedSocialCreditCode, StringComparer.Ordinal, ct);
            var good = new List<Row>(batch.Count);
            foreach (var row in batch)
            {
                if (
                    existing.TryGetValue(row.Values.UnifiedSocialCreditCode, out var e)
                    && !access.Write.Allows(e.BuildingId)
                )
                {
                    problems.Add(
                        row.Number,
                        "unifiedSocialCreditCode",
                        "Import.Validation.ExistingEnterpriseOutOfScope"
                    );
                    continue;
                }
                good.Add(row);
            }
            valid += good.Count;
            var write = !options.DryRun && (options.Partial || problems.Count == 0);
            foreach (var row in good)
            {
                var v = row.Values;
                if (existing.TryGetValue(v.UnifiedSocialCreditCode, out var e))
                {
                    updated++;
                    if (!write)
                        continue;
                    Apply(e, v);
                    e.Version++;
                }
                else
                {
                    created++;
                    if (!write)
                        continue;
                    var entity = new Enterprise
                    {
                        Id = Guid.CreateVersion7(),
                        Name = v.Name,
                        UnifiedSocialCreditCode = v.UnifiedSocialCreditCode,
                        Industry = v.Industry,
                        LegalRepresentative = v.LegalRepresentative,
                        Version = 1,
                    };
                    Apply(entity, v);
                    db.Enterprises.Add(entity);
                }
            }
            if (write)
            {
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
            }
            db.ChangeTracker.Clear();
            batch.Clear();
        }
    }

    /// <summary>An integer column that held text already has its own message; "required" would repeat it.</summary>
    private static bool IsTyped(string field, string?[] c) =>
        (field == "employeeCount" && c[4] is not null) || (field == "floor" && c[7] is not null);

    private static void Apply(Enterprise e, EnterpriseValues v)
    {
        e.Name = v.Name;
        e.Industry = v.Industry;
        e.LegalRepresentative = v.LegalRepresentative;
        e.BuildingId = v.BuildingId;
        e.EmployeeCount = v.EmployeeCount;
        e.LegalRepresentativeIsMember = v.LegalRepresentativeIsMember;
        e.Floor = v.Floor;
        e.Room = v.Room;
        e.MovedInOn = v.MovedInOn;
        e.MovedOutOn = v.MovedOutOn;
        e.FoundedOn = v.FoundedOn;
        e.Size = v.Size;
        e.Tags = v.Tags;
    }
}
