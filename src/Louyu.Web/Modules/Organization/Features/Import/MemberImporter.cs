using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>
/// POST /api/v1/members/import: members from an .xlsx, every row checked by <see cref="MemberRules"/> (GB 11643-1999,
/// birth date and gender agreeing with the ID, admission age…), the organisation named (or by id) and the workplace
/// by credit code, both resolved inside the caller's scope. The resident ID is the natural key (its keyed hash):
/// a known member is updated, so re-importing a file creates no duplicates. One transaction: rows are read as a
/// stream and written in batches; when a row is bad the transaction is rolled back unless the import is partial.
/// </summary>
public sealed class MemberImporter(
    LouyuDbContext db,
    IBuildingScopeResolver scopes,
    PersonalDataProtector protector,
    IHttpContextAccessor http,
    TimeProvider clock
)
{
    public const string ImportedReason = "Imported";

    private static readonly ImportColumnSet Columns = ImportColumnSet.Members;

    private sealed record OrgRef(Guid Id, Guid BuildingId);

    private sealed record EnterpriseRef(Guid Id, Guid BuildingId);

    /// <summary>The new records of one batch, inserted in bulk.</summary>
    private sealed class Fresh
    {
        public List<Member> Members { get; } = [];
        public List<MemberSpell> Spells { get; } = [];
        public List<MemberStatusChange> Changes { get; } = [];
        public List<AuditEntry> Audit { get; } = [];
    }

    private sealed record Row(
        int Number,
        MemberValues Values,
        string Hash,
        bool KeepPhone,
        Guid? OrganizationBuilding,
        Guid? EnterpriseBuilding
    );

    public async Task<ImportRun> ImportAsync(
        ClaimsPrincipal user,
        Stream file,
        ImportOptions options,
        CancellationToken ct
    )
    {
        var access = await MemberAccess.ResolveAsync(scopes, db, user, ct);
        if (!access.CanWrite)
            return ImportRun.Fail(403, access.RefusalKey, "Import.Problem.MayNotImport");
        var today = ShanghaiTime.Today(clock);
        var culture = CultureInfo.CurrentUICulture;

        // The references a row may name, loaded once: the organisations and workplaces in the caller's scope.
        var orgQuery = db.PartyOrganizations.AsNoTracking();
        var entQuery = db.Enterprises.AsNoTracking();
        if (!access.Buildings.All)
        {
            var buildings = access.Buildings.BuildingIds.ToArray();
            var branches = access.Branches.ToArray();
            var workplaces = buildings.Concat(access.BranchBuildings).Distinct().ToArray();
            orgQuery = orgQuery.Where(o =>
                buildings.Contains(o.BuildingId) || branches.Contains(o.Id)
            );
            entQuery = entQuery.Where(e => workplaces.Contains(e.BuildingId));
        }
        var orgRows = await orgQuery
            .Select(o => new
            {
                o.Id,
                o.Name,
                o.BuildingId,
                o.DissolvedOn,
            })
            .ToListAsync(ct);
        var orgById = orgRows.ToDictionary(o => o.Id, o => new OrgRef(o.Id, o.BuildingId));
        var orgByName = orgRows
            .Where(o => o.DissolvedOn == null || o.DissolvedOn > today)
            .GroupBy(o => o.Name.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Id).ToArray(), StringComparer.Ordinal);
        var entRows = await entQuery
            .Select(e => new
            {
                e.Id,
                e.UnifiedSocialCreditCode,
                e.BuildingId,
            })
            .ToListAsync(ct);
        var entByCode = entRows.ToDictionary(
            e => e.UnifiedSocialCreditCode,
            e => new EnterpriseRef(e.Id, e.BuildingId),
            StringComparer.Ordinal
        );
        var entById = entByCode.Values.ToDictionary(e => e.Id);
        entRows.Clear();

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
        var firstRowOf = new Dictionary<UInt128, int>();
        var batch = new List<Row>(ImportLimits.BatchSize);
        int rows = 0,
            valid = 0,
            created = 0,
            updated = 0;
        var by = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user.Identity?.Name;
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var now = clock.GetUtcNow().UtcDateTime;
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = options.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        var sqlite = db.Database.IsSqlite();
        var sqliteCache =
            sqlite && tx is not null ? (long?)await SqliteForImportAsync(db, ct) : null;
        // A full batch is checked against the database and written while the next one is read and checked: the
        // reading and the writing each take about half of an import, and run on different cores.
        var writing = Task.FromResult(new ImportProblems());
        try
        {
            try
            {
                foreach (var (number, cells) in sheet.Rows())
                {
                    rows++;
                    var row = Parse(number, cells);
                    if (row is not null)
                        batch.Add(row);
                    if (batch.Count >= ImportLimits.BatchSize)
                        writing = await NextAsync(writing);
                }
                writing = await NextAsync(writing);
                problems.Merge(await writing);
            }
            finally
            {
                // A bad sheet leaves no write running on the context.
                if (!writing.IsCompleted)
                    await Task.WhenAny(writing);
            }
        }
        catch (ImportFileException e)
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            await RestoreSqliteAsync(db, sqliteCache);
            return ImportRun.BadFile(e.DetailKey, e.Args);
        }
        catch (DbUpdateException)
        {
            // Another request registered one of these people meanwhile (unique index): nothing is kept.
            db.ChangeTracker.Clear();
            await RestoreSqliteAsync(db, sqliteCache);
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
            return new ImportRun(
                null,
                new ImportFailure(409, "Problem.DuplicateResidentId", "Import.Problem.Conflict", [])
            );
        }
        db.ChangeTracker.AutoDetectChangesEnabled = tracking;

        var kept = problems.Count == 0 || options.Partial;
        if (!kept)
            (created, updated) = (0, 0);
        if (tx is not null)
        {
            await RestoreSqliteAsync(db, sqliteCache);
            if (kept && created + updated > 0)
            {
                db.AuditEntries.Add(
                    Summary(user, "Import", rows, created, updated, problems.Count, options)
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
            var errors = new List<Enterprises.FieldError>();
            var residentId = c[1];
            var masked =
                residentId is not null && residentId.Contains('*', StringComparison.Ordinal);
            var phone = c[11];
            var keepPhone = phone is not null && phone.Contains('*', StringComparison.Ordinal);
            if (!ImportValues.TryYesNo(c[8], out var mobile))
                errors.Add(Enterprises.FieldError.Of("isMobile", "Import.Validation.YesNo"));
            Guid? orgId = null;
            OrgRef? org = null;
            if (c[6] is { } orgText)
            {
                if (Guid.TryParse(orgText, out var g))
                    org = orgById.GetValueOrDefault(g);
                else if (orgByName.TryGetValue(orgText, out var named))
                {
                    if (named.Length > 1)
                        errors.Add(
                            Enterprises.FieldError.Of(
                                "organizationId",
                                "Import.Validation.OrganizationAmbiguous",
                                orgText
                            )
                        );
                    else
                        org = orgById[named[0]];
                }
                if (org is null && !errors.Any(e => e.Field == "organizationId"))
                    errors.Add(
                        Enterprises.FieldError.Of(
                            "organizationId",
                            "Import.Validation.OrganizationUnknown",
                            orgText
                        )
                    );
                orgId = org?.Id;
            }
            EnterpriseRef? ent = null;
            if (c[7] is { } entText)
            {
                ent = Guid.TryParse(entText, out var g)
                    ? entById.GetValueOrDefault(g)
                    : entByCode.GetValueOrDefault(entText.ToUpperInvariant());
                if (ent is null)
                    errors.Add(
                        Enterprises.FieldError.Of(
                            "enterpriseId",
                            "Import.Validation.EnterpriseUnknown",
                            entText
                        )
                    );
            }
            var input = new MemberInput
            {
                Name = c[0],
                ResidentId = residentId,
                Gender = ImportValues.Gender(c[2]),
                BirthDate = c[3],
                Status = ImportValues.Status(c[4]),
                OrganizationalStatus = ImportValues.OrganizationalStatus(c[5]),
                OrganizationId = orgId?.ToString(),
                EnterpriseId = ent?.Id.ToString(),
                IsMobile = mobile,
                JoinedOn = c[9],
                FullMemberOn = c[10],
                Phone = keepPhone ? null : phone,
                Ethnicity = c[12],
                Education = c[13],
                Position = c[14],
            };
            var (values, ruleErrors) = MemberRules.Validate(input, today, requireVersion: false);
            if (masked)
            {
                ruleErrors.RemoveAll(e => e.Field is "residentId" or "gender" or "birthDate");
                errors.Add(
                    Enterprises.FieldError.Of("residentId", "Import.Validation.MaskedResidentId")
                );
            }
            foreach (var e in ruleErrors)
                errors.Add(Words(e));
            if (
                errors.Count == 0
                && values is not null
                && !access.Buildings.All
                && !access.MayPlace(orgId, org?.BuildingId, ent?.BuildingId)
            )
                errors.Add(
                    Enterprises.FieldError.Of(
                        orgId is null ? "enterpriseId" : "organizationId",
                        "Import.Validation.OutOfScope"
                    )
                );
            if (errors.Count > 0 || values is null)
            {
                problems.AddAll(number, errors);
                return null;
            }
            var hash = protector.Hash(values.ResidentId);
            var shortHash = UInt128Of(hash);
            if (!firstRowOf.TryAdd(shortHash, number))
            {
                problems.Add(
                    number,
                    "residentId",
                    "Import.Validation.DuplicateInFile",
                    firstRowOf[shortHash]
                );
                return null;
            }
            return new Row(number, values, hash, keepPhone, org?.BuildingId, ent?.BuildingId);
        }

        // Waits for the batch being written, takes in its problems, and starts writing the one just read.
        async Task<Task<ImportProblems>> NextAsync(Task<ImportProblems> previous)
        {
            problems.Merge(await previous);
            var full = batch;
            batch = new List<Row>(ImportLimits.BatchSize);
            var write = !options.DryRun && (options.Partial || problems.Count == 0);
            // On a thread of its own: SQLite's provider runs its "async" calls synchronously.
            return Task.Run(() => FlushAsync(full, write), ct);
        }

        async Task<ImportProblems> FlushAsync(List<Row> full, bool write)
        {
            var found = new ImportProblems();
            if (full.Count == 0)
                return found;
            var hashes = full.Select(r => r.Hash).ToArray();
            var existing = await db
                .Members.Where(m => hashes.Contains(m.ResidentIdHash))
                .ToDictionaryAsync(m => m.ResidentIdHash, StringComparer.Ordinal, ct);
            var ids = existing.Values.Select(m => m.Id).ToArray();
            var spells =
                ids.Length == 0
                    ? []
                    : await db
                        .MemberSpells.Where(s => ids.Contains(s.MemberId) && s.ToDate == null)
                        .ToListAsync(ct);
            var current = spells
                .GroupBy(s => s.MemberId)
                .ToDictionary(g => g.Key, g => g.MaxBy(s => s.FromDate)!);
            var good = new List<Row>(full.Count);
            foreach (var row in full)
            {
                if (existing.TryGetValue(row.Hash, out var m) && !access.Buildings.All)
                {
                    var spell = current.GetValueOrDefault(m.Id);
                    var orgBuilding = spell is null
                        ? null
                        : orgById.GetValueOrDefault(spell.OrganizationId)?.BuildingId;
                    var entBuilding = m.EnterpriseId is null
                        ? null
                        : entById.GetValueOrDefault(m.EnterpriseId.Value)?.BuildingId;
                    if (
                        (spell is not null && orgBuilding is null)
                        || !access.MayPlace(spell?.OrganizationId, orgBuilding, entBuilding)
                    )
                    {
                        found.Add(row.Number, "residentId", "Import.Validation.ExistingOutOfScope");
                        continue;
                    }
                }
                good.Add(row);
            }
            valid += good.Count;
            write &= options.Partial || found.Count == 0;
            var fresh = new Fresh();
            foreach (var row in good)
            {
                if (existing.TryGetValue(row.Hash, out var m))
                {
                    updated++;
                    if (write)
                        Update(m, row, current.GetValueOrDefault(m.Id));
                }
                else
                {
                    created++;
                    if (write)
                        Create(row, fresh);
                }
            }
            if (write)
            {
                // Updates go through the change tracker (audited by the interceptor); new records are inserted
                // in bulk with an audit entry each (written here: the bulk insert bypasses the interceptor).
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync(ct);
                if (sqlite)
                {
                    // Foreign keys are checked at the commit there (SqliteForImportAsync): each spell goes in before
                    // its member, whose placement then holds, so the member is written once.
                    await BulkInsert.InsertAsync(db, fresh.Spells, ct);
                    await BulkInsert.InsertAsync(db, fresh.Members, ct);
                }
                else
                {
                    await BulkInsert.InsertAsync(db, fresh.Members, ct);
                    await BulkInsert.InsertAsync(db, fresh.Spells, ct);
                }
                await BulkInsert.InsertAsync(db, fresh.Changes, ct);
                await BulkInsert.InsertAsync(db, fresh.Audit, ct);
            }
            db.ChangeTracker.Clear();
            return found;
        }

        void Create(Row row, Fresh fresh)
        {
            var v = row.Values;
            var m = new Member
            {
                Id = Guid.CreateVersion7(),
                Name = v.Name,
                ResidentIdCipher = protector.Encrypt(v.ResidentId),
                ResidentIdHash = row.Hash,
                ResidentIdMasked = ResidentIdNumber.Mask(v.ResidentId),
                Version = 1,
            };
            Apply(m, v, keepPhone: false);
            // The placement the database would compute (the branch's building, else the workplace's): written with
            // the row, so that the placement triggers find it right and write nothing more.
            m.PlacedBuildingId = row.OrganizationBuilding ?? row.EnterpriseBuilding;
            fresh.Members.Add(m);
            if (v.OrganizationId is not null)
                fresh.Spells.Add(
                    new MemberSpell
                    {
                        Id = Guid.CreateVersion7(),
                        MemberId = m.Id,
                        OrganizationId = v.OrganizationId.Value,
                        FromDate = v.JoinedOn ?? today,
                        Reason = MemberService.RegisteredReason,
                    }
                );
            fresh.Changes.Add(
                Change(m.Id, MemberStatusChange.StatusField, null, v.Status.ToString())
            );
            fresh.Changes.Add(
                Change(
                    m.Id,
                    MemberStatusChange.OrganizationalStatusField,
                    null,
                    v.OrganizationalStatus.ToString()
                )
            );
            fresh.Audit.Add(
                new AuditEntry
                {
                    AtUtc = now,
                    UserId = by,
                    UserName = userName,
                    Action = "Added",
                    Entity = nameof(Member),
                    EntityId = m.Id.ToString(),
                    After = JsonSerializer.Serialize(
                        new
                        {
                            m.Name,
                            m.ResidentIdMasked,
                            Status = m.Status.ToString(),
                            OrganizationalStatus = m.OrganizationalStatus.ToString(),
                            v.OrganizationId,
                            m.EnterpriseId,
                            Reason = ImportedReason,
                        }
                    ),
                    RemoteIp = ip,
                }
            );
        }

        void Update(Member m, Row row, MemberSpell? spell)
        {
            var v = row.Values;
            if (v.Status != m.Status)
                AddChange(
                    m.Id,
                    MemberStatusChange.StatusField,
                    m.Status.ToString(),
                    v.Status.ToString()
                );
            if (v.OrganizationalStatus != m.OrganizationalStatus)
                AddChange(
                    m.Id,
                    MemberStatusChange.OrganizationalStatusField,
                    m.OrganizationalStatus.ToString(),
                    v.OrganizationalStatus.ToString()
                );
            if (v.OrganizationId != spell?.OrganizationId)
            {
                if (spell is not null)
                    spell.ToDate = today;
                if (v.OrganizationId is not null)
                    db.MemberSpells.Add(
                        new MemberSpell
                        {
                            Id = Guid.CreateVersion7(),
                            MemberId = m.Id,
                            OrganizationId = v.OrganizationId.Value,
                            FromDate = today,
                            Reason = spell is null
                                ? MemberService.RegisteredReason
                                : MemberService.InternalTransferReason,
                        }
                    );
            }
            m.Name = v.Name;
            Apply(m, v, row.KeepPhone);
            m.Version++;
        }

        void AddChange(Guid memberId, string field, string? from, string to) =>
            db.Set<MemberStatusChange>().Add(Change(memberId, field, from, to));

        MemberStatusChange Change(Guid memberId, string field, string? from, string to) =>
            new()
            {
                Id = Guid.CreateVersion7(),
                MemberId = memberId,
                At = now,
                Field = field,
                From = from,
                To = to,
                Reason = ImportedReason,
                ByUserId = by,
            };
    }

    /// <summary>
    /// SQLite, for the import's transaction: foreign keys are checked at the commit (the pragma ends with the
    /// transaction), so that a batch's spells go in before their members. SQLite has no deferred triggers: a member
    /// written before their first spell would be placed by the workplace and then again by the spell. And the
    /// connection keeps up to 64 MB of pages instead of 2 MB, which the members' nine indexes otherwise spill to the
    /// write-ahead log page by page (100,000 members: 33 s before both, 26 s after). Returns the cache size to restore.
    /// </summary>
    private static async Task<long> SqliteForImportAsync(LouyuDbContext db, CancellationToken ct)
    {
        var size = Convert.ToInt64(
            await PragmaAsync(db, "PRAGMA cache_size", ct),
            CultureInfo.InvariantCulture
        );
        await PragmaAsync(db, "PRAGMA defer_foreign_keys = ON; PRAGMA cache_size = -65536", ct);
        return size;
    }

    /// <summary>Gives the pooled connection its cache size back, before the import's transaction ends.</summary>
    private static async Task RestoreSqliteAsync(LouyuDbContext db, long? cacheSize)
    {
        if (cacheSize is { } size)
            await PragmaAsync(
                db,
                "PRAGMA cache_size = " + size.ToString(CultureInfo.InvariantCulture),
                default
            );
    }

    private static async Task<object?> PragmaAsync(
        LouyuDbContext db,
        string pragma,
        CancellationToken ct
    )
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = pragma;
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Messages that list the API words also name the words of the sheet.</summary>
    private static Enterprises.FieldError Words(Enterprises.FieldError e) =>
        e.Key switch
        {
            "Validation.Gender" => e with { Key = "Import.Validation.Gender" },
            "Validation.MemberStatus" => e with { Key = "Import.Validation.MemberStatus" },
            "Validation.OrganizationalStatus" => e with
            {
                Key = "Import.Validation.OrganizationalStatus",
            },
            _ => e,
        };

    private static void Apply(Member m, MemberValues v, bool keepPhone)
    {
        m.Gender = v.Gender;
        m.BirthDate = v.BirthDate;
        m.Status = v.Status;
        m.OrganizationalStatus = v.OrganizationalStatus;
        m.EnterpriseId = v.EnterpriseId;
        m.IsMobile = v.IsMobile;
        m.JoinedOn = v.JoinedOn;
        m.FullMemberOn = v.FullMemberOn;
        if (!keepPhone)
            m.Phone = v.Phone;
        m.Ethnicity = v.Ethnicity;
        m.Education = v.Education;
        m.Position = v.Position;
    }

    private static UInt128 UInt128Of(string hexHash)
    {
        Span<byte> bytes = stackalloc byte[16];
        Convert.FromHexString(hexHash.AsSpan(0, 32), bytes, out _, out _);
        return new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..]));
    }

    private AuditEntry Summary(
        ClaimsPrincipal user,
        string action,
        int rows,
        int created,
        int updated,
        int errors,
        ImportOptions options
    ) =>
        new()
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user.Identity?.Name,
            Action = action,
            Entity = nameof(Member),
            After = JsonSerializer.Serialize(
                new
                {
                    rows,
                    created,
                    updated,
                    errors,
                    partial = options.Partial,
                }
            ),
            RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
}
