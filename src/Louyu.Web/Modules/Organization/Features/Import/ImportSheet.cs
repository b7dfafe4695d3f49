using Louyu.Web.Modules.Organization.Features.Enterprises;
using MiniExcelLibs;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>What the caller asked for: import the good rows despite bad ones, or only preview.</summary>
public sealed record ImportOptions(bool Partial, bool DryRun);

/// <summary>A problem with one row: the spreadsheet row number (the header is row 1), the API field, a message key.</summary>
public sealed record ImportRowProblem(int Row, string Field, string Key, object[] Args);

/// <summary>
/// The result of an import or a preview. <see cref="Imported"/> = <see cref="Created"/> + <see cref="Updated"/> is
/// what was written (or, in a dry run, what would be); it is 0 when a row is bad and the import is not partial.
/// <see cref="Valid"/> counts the rows without problems, <see cref="ErrorCount"/> every problem (the list holds
/// at most <see cref="ImportLimits.MaxReportedErrors"/>).
/// </summary>
public sealed record ImportResult(
    int Rows,
    int Valid,
    int Imported,
    int Created,
    int Updated,
    bool DryRun,
    bool Partial,
    int ErrorCount,
    int BadRows,
    IReadOnlyList<ImportRowProblem> Errors
);

/// <summary>A file that cannot be imported at all (400, 403 or 413), with a title and a detail key.</summary>
public sealed record ImportFailure(int Status, string TitleKey, string DetailKey, object[] Args);

/// <summary>An import's answer: a result, or a failure of the whole file.</summary>
public sealed record ImportRun(ImportResult? Result, ImportFailure? Failure)
{
    public static ImportRun Fail(
        int status,
        string titleKey,
        string detailKey,
        params object[] args
    ) => new(null, new ImportFailure(status, titleKey, detailKey, args));

    /// <summary>A 400: the file cannot be read as an import of this kind.</summary>
    public static ImportRun BadFile(string detailKey, params object[] args) =>
        Fail(400, "Import.Problem.BadFile", detailKey, args);
}

public static class ImportLimits
{
    /// <summary>The largest upload accepted (a 100,000-member sheet is about 10 MB).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    /// <summary>The most data rows in one file.</summary>
    public const int MaxRows = 200_000;

    /// <summary>Row problems listed in an answer (all are counted).</summary>
    public const int MaxReportedErrors = 1_000;

    /// <summary>Rows validated against the database and written together.</summary>
    public const int BatchSize = 2_000;
}

/// <summary>Thrown when the upload is not a readable .xlsx; turned into a 400.</summary>
public sealed class ImportFileException(string detailKey, params object[] args)
    : Exception(detailKey)
{
    public string DetailKey { get; } = detailKey;
    public object[] Args { get; } = args;
}

/// <summary>
/// Streams the data rows of the first sheet of an .xlsx (MiniExcel reads the XML forward-only: memory does not grow
/// with the file). Row 1 is the header, mapped to the columns of an <see cref="ImportColumnSet"/>; each later
/// non-blank row is given as its spreadsheet row number and its cells as text, in column order.
/// </summary>
public sealed class ImportSheet
{
    private readonly IEnumerator<object> _rows;
    private readonly Dictionary<string, int> _map;
    private readonly ImportColumnSet _columns;

    private ImportSheet(
        IEnumerator<object> rows,
        Dictionary<string, int> map,
        ImportColumnSet columns
    )
    {
        _rows = rows;
        _map = map;
        _columns = columns;
    }

    /// <summary>Opens the sheet and reads its header; <see cref="ImportFileException"/> when it cannot.</summary>
    public static ImportSheet Open(
        Stream stream,
        ImportColumnSet columns,
        Func<ImportColumn, string> headerName
    )
    {
        if (stream.CanSeek && stream.Length == 0)
            throw new ImportFileException("Import.Problem.EmptyFile");
        IEnumerator<object> rows;
        try
        {
            rows = MiniExcel
                .Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX)
                .GetEnumerator();
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            throw new ImportFileException("Import.Problem.NotXlsx");
        }
        var header = Next(rows);
        if (header is null)
            throw new ImportFileException("Import.Problem.NoHeader");
        var (map, missing) = columns.MapHeader(
            header.Select(kv => new KeyValuePair<string, string?>(
                kv.Key,
                ImportValues.Text(kv.Value)
            ))
        );
        if (map.Count == 0)
            throw new ImportFileException("Import.Problem.NoHeader");
        if (missing.Count > 0)
            throw new ImportFileException(
                "Import.Problem.MissingColumns",
                string.Join(", ", missing.Select(headerName))
            );
        return new ImportSheet(rows, map, columns);
    }

    private static IDictionary<string, object>? Next(IEnumerator<object> rows)
    {
        try
        {
            return rows.MoveNext() ? (IDictionary<string, object>)rows.Current : null;
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            throw new ImportFileException("Import.Problem.NotXlsx");
        }
    }

    /// <summary>The data rows (row number ≥ 2), blank rows skipped; at most <see cref="ImportLimits.MaxRows"/>.</summary>
    public IEnumerable<(int Row, string?[] Cells)> Rows()
    {
        var number = 1;
        var count = 0;
        while (Next(_rows) is { } row)
        {
            number++;
            var cells = new string?[_columns.Columns.Count];
            var any = false;
            foreach (var (key, value) in row)
            {
                if (!_map.TryGetValue(key, out var i))
                    continue;
                var text = ImportValues.Text(value);
                cells[i] = text;
                any |= text is not null;
            }
            if (!any)
                continue;
            if (++count > ImportLimits.MaxRows)
                throw new ImportFileException("Import.Problem.TooManyRows", ImportLimits.MaxRows);
            yield return (number, cells);
        }
    }
}

/// <summary>Collects row problems: counts all of them, keeps the first <see cref="ImportLimits.MaxReportedErrors"/>.</summary>
public sealed class ImportProblems
{
    private readonly List<ImportRowProblem> _list = [];
    private readonly HashSet<int> _badRows = [];

    public int Count { get; private set; }
    public int BadRows => _badRows.Count;

    /// <summary>The kept problems in row order (a batch's checks against the database come after its rows').</summary>
    public IReadOnlyList<ImportRowProblem> List => [.. _list.OrderBy(p => p.Row)];

    public void Add(int row, string field, string key, params object[] args)
    {
        Count++;
        _badRows.Add(row);
        if (_list.Count < ImportLimits.MaxReportedErrors)
            _list.Add(new ImportRowProblem(row, field, key, args));
    }

    public void AddAll(int row, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
            Add(row, e.Field, e.Key, e.Args);
    }

    /// <summary>Takes in the problems another collector found (a batch checked beside the reading of the next).</summary>
    public void Merge(ImportProblems other)
    {
        Count += other.Count;
        _badRows.UnionWith(other._badRows);
        foreach (var p in other._list)
            if (_list.Count < ImportLimits.MaxReportedErrors)
                _list.Add(p);
    }
}
