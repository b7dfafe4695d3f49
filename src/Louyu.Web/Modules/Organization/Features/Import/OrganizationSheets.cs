using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Member = Louyu.Web.Modules.Organization.Data.Member;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>An .xlsx ready to send: a stream (a temporary file deleted when closed) and a file name.</summary>
public sealed record SheetFile(Stream Stream, string FileName, int Rows);

/// <summary>
/// The .xlsx files of the organisation system: the import templates (header row in the caller's language and a
/// notes sheet explaining each column) and the exports, which use the template's columns so that an export can be
/// imported again. Exports mask resident IDs and phones always and are audited (who, which filter, how many rows).
/// </summary>
public sealed class OrganizationSheets(
    LouyuDbContext db,
    MemberService members,
    EnterpriseService enterprises,
    IStringLocalizer<SharedResource> text,
    IHttpContextAccessor http,
    TimeProvider clock
)
{
    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    /// <summary>The template: the data sheet with its header row, and the notes sheet.</summary>
    public (Stream Stream, string FileName) Template(ImportColumnSet columns)
    {
        var sheets = new Dictionary<string, object>
        {
            [DataSheetName(columns)] = WithHeader(columns, []),
            [text["Import.NotesSheet"].Value] = Notes(columns),
        };
        var stream = TempStream();
        MiniExcel.SaveAs(stream, sheets, printHeader: false, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return (stream, $"{text[$"Import.FilePrefix.{columns.Kind}"].Value}-template.xlsx");
    }

    private string DataSheetName(ImportColumnSet columns) =>
        text[$"Import.Sheet.{columns.Kind}"].Value;

    private static IEnumerable<Dictionary<string, object?>> WithHeader(
        ImportColumnSet columns,
        IEnumerable<Dictionary<string, object?>> rows
    )
    {
        yield return columns.Columns.ToDictionary(c => c.Field, c => (object?)c.Header(Culture));
        foreach (var row in rows)
            yield return row;
    }

    private List<Dictionary<string, object?>> Notes(ImportColumnSet columns)
    {
        var list = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["a"] = text["Import.NotesColumn"].Value,
                ["b"] = text["Import.NotesRequired"].Value,
                ["c"] = text["Import.NotesExplanation"].Value,
            },
        };
        foreach (var c in columns.Columns)
            list.Add(
                new()
                {
                    ["a"] = c.Header(Culture).TrimEnd(' ', '*'),
                    ["b"] = c.Required ? text["Import.Yes"].Value : text["Import.No"].Value,
                    ["c"] = text[$"Import.Note.{columns.Kind}.{c.Field}"].Value,
                }
            );
        list.Add(
            new()
            {
                ["a"] = "",
                ["b"] = "",
                ["c"] = "",
            }
        );
        list.Add(
            new()
            {
                ["a"] = text["Import.NotesGeneral"].Value,
                ["b"] = "",
                ["c"] = text[$"Import.NotesGeneral.{columns.Kind}"].Value,
            }
        );
        return list;
    }

    private static FileStream TempStream() =>
        new(
            Path.Combine(Path.GetTempPath(), $"louyu-export-{Guid.NewGuid():N}.xlsx"),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            64 * 1024,
            FileOptions.DeleteOnClose
        );

    public async Task<Outcome<SheetFile>> ExportMembersAsync(
        ClaimsPrincipal user,
        MemberQuery query,
        CancellationToken ct
    )
    {
        var filtered = await members.FilteredAsync(user, query, [], ct);
        if (filtered.Refusal is not null)
            return Refused<SheetFile>(filtered);
        var rows = filtered
            .Value!.OrderBy(m => m.Name)
            .ThenBy(m => m.Id)
            .Select(m => new
            {
                Member = m,
                Organization = db
                    .MemberSpells.Where(s => s.MemberId == m.Id && s.ToDate == null)
                    .OrderByDescending(s => s.FromDate)
                    .Select(s =>
                        db.PartyOrganizations.Where(o => o.Id == s.OrganizationId)
                            .Select(o => o.Name)
                            .FirstOrDefault()
                    )
                    .FirstOrDefault(),
                Enterprise = db
                    .Enterprises.Where(e => e.Id == m.EnterpriseId)
                    .Select(e => e.UnifiedSocialCreditCode)
                    .FirstOrDefault(),
            });
        var count = 0;
        var culture = Culture;
        IEnumerable<Dictionary<string, object?>> Data()
        {
            foreach (var r in rows.AsEnumerable())
            {
                count++;
                var m = r.Member;
                yield return new Dictionary<string, object?>
                {
                    ["name"] = m.Name,
                    // Exports are masked always (domain-rules §8.1); re-importing a masked ID is refused per row.
                    ["residentId"] = m.ResidentIdMasked,
                    ["gender"] = ImportValues.GenderWord(m.Gender, culture),
                    ["birthDate"] = Date(m.BirthDate),
                    ["status"] = ImportValues.StatusWord(m.Status, culture),
                    ["organizationalStatus"] = ImportValues.OrganizationalStatusWord(
                        m.OrganizationalStatus,
                        culture
                    ),
                    ["organizationId"] = r.Organization,
                    ["enterpriseId"] = r.Enterprise,
                    ["isMobile"] = ImportValues.YesNo(m.IsMobile, culture),
                    ["joinedOn"] = Date(m.JoinedOn),
                    ["fullMemberOn"] = Date(m.FullMemberOn),
                    ["phone"] = m.Phone is null ? null : MemberRecordRules.MaskPhone(m.Phone),
                    ["ethnicity"] = m.Ethnicity,
                    ["education"] = m.Education,
                    ["position"] = m.Position,
                };
            }
        }
        var file = Save(ImportColumnSet.Members, Data());
        await AuditAsync(user, nameof(Member), query, count, ct);
        return Outcome<SheetFile>.Ok(file with { Rows = count });
    }

    public async Task<Outcome<SheetFile>> ExportEnterprisesAsync(
        ClaimsPrincipal user,
        EnterpriseQuery query,
        CancellationToken ct
    )
    {
        var filtered = await enterprises.FilteredAsync(user, query, [], ct);
        if (filtered.Refusal is not null)
            return Refused<SheetFile>(filtered);
        var rows = filtered
            .Value!.OrderBy(e => e.Name)
            .ThenBy(e => e.Id)
            .Select(e => new
            {
                Enterprise = e,
                Building = db
                    .Buildings.Where(b => b.Id == e.BuildingId)
                    .Select(b => b.Name)
                    .FirstOrDefault(),
            });
        var count = 0;
        var culture = Culture;
        IEnumerable<Dictionary<string, object?>> Data()
        {
            foreach (var r in rows.AsEnumerable())
            {
                count++;
                var e = r.Enterprise;
                yield return new Dictionary<string, object?>
                {
                    ["unifiedSocialCreditCode"] = e.UnifiedSocialCreditCode,
                    ["name"] = e.Name,
                    ["buildingId"] = r.Building,
                    ["industry"] = e.Industry,
                    ["employeeCount"] = e.EmployeeCount,
                    ["legalRepresentative"] = e.LegalRepresentative,
                    ["legalRepresentativeIsMember"] = ImportValues.YesNo(
                        e.LegalRepresentativeIsMember,
                        culture
                    ),
                    ["floor"] = e.Floor,
                    ["room"] = e.Room,
                    ["movedInOn"] = Date(e.MovedInOn),
                    ["movedOutOn"] = Date(e.MovedOutOn),
                    ["foundedOn"] = Date(e.FoundedOn),
                    ["size"] = e.Size is { } size ? ImportValues.SizeWord(size, culture) : null,
                    ["tags"] = e.Tags?.Replace(";", "；", StringComparison.Ordinal),
                };
            }
        }
        var file = Save(ImportColumnSet.Enterprises, Data());
        await AuditAsync(user, nameof(Enterprise), query, count, ct);
        return Outcome<SheetFile>.Ok(file with { Rows = count });
    }

    private SheetFile Save(ImportColumnSet columns, IEnumerable<Dictionary<string, object?>> rows)
    {
        var stream = TempStream();
        MiniExcel.SaveAs(
            stream,
            new Dictionary<string, object> { [DataSheetName(columns)] = WithHeader(columns, rows) },
            printHeader: false,
            excelType: ExcelType.XLSX
        );
        stream.Position = 0;
        var stamp = Platform
            .Clock.ShanghaiTime.Today(clock)
            .ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new SheetFile(
            stream,
            $"{text[$"Import.FilePrefix.{columns.Kind}"].Value}-{stamp}.xlsx",
            0
        );
    }

    /// <summary>An export is a read of personal data in bulk: who exported which filter, and how many rows.</summary>
    private async Task AuditAsync(
        ClaimsPrincipal user,
        string entity,
        object filter,
        int rows,
        CancellationToken ct
    )
    {
        db.AuditEntries.Add(
            new AuditEntry
            {
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity?.Name,
                Action = "Export",
                Entity = entity,
                After = JsonSerializer.Serialize(new { filter, rows }),
                RemoteIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            }
        );
        await db.SaveChangesAsync(ct);
    }

    private static string? Date(DateOnly? d) =>
        d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Outcome<T> Refused<T>(Outcome<IQueryable<Member>> o) =>
        new(default, o.Refusal, o.Errors, o.ProblemKey, o.DetailArgs);

    private static Outcome<T> Refused<T>(Outcome<IQueryable<Enterprise>> o) =>
        new(default, o.Refusal, o.Errors, o.ProblemKey, o.DetailArgs);
}
