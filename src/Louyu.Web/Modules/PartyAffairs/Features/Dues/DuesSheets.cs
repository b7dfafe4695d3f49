using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace Louyu.Web.Modules.PartyAffairs.Features.Dues;

/// <summary>
/// The .xlsx exports of dues: a branch's month and a report, with headers in the caller's language. No declared
/// base is ever exported (only amounts due and paid); exports are audited by the caller.
/// </summary>
public sealed class DuesSheets(IStringLocalizer<SharedResource> text)
{
    public const string ContentType =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record DuesFile(byte[] Content, string Name);

    public DuesFile Ledger(LedgerResponse l)
    {
        var header = new object?[]
        {
            text["Dues.Col.Member"].Value,
            text["Dues.Col.Month"].Value,
            text["Dues.Col.DueYuan"].Value,
            text["Dues.Col.PaidYuan"].Value,
            text["Dues.Col.Status"].Value,
            text["Dues.Col.PaidOn"].Value,
            text["Dues.Col.ArrearsMonths"].Value,
        };
        var rows = l.Items.Select(r =>
            new object?[]
            {
                r.MemberName,
                r.Month,
                decimal.Parse(r.DueYuan, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(r.PaidYuan, System.Globalization.CultureInfo.InvariantCulture),
                text[$"Dues.Status.{r.Status}"].Value,
                r.PaidOn?.ToString("yyyy-MM-dd"),
                r.ArrearsMonths,
            }
        );
        return Save(
            text["Dues.Sheet.Ledger"].Value,
            header,
            rows,
            $"{text["Dues.File.Ledger"].Value}-{l.OrganizationName}-{l.Month}.xlsx"
        );
    }

    public DuesFile Report(DuesReport r)
    {
        var header = new object?[]
        {
            text[$"Dues.Report.By.{r.By}"].Value,
            text["Dues.Col.Members"].Value,
            text["Dues.Col.DueYuan"].Value,
            text["Dues.Col.PaidYuan"].Value,
            text["Dues.Col.Rate"].Value,
            text["Dues.Col.ArrearsCount"].Value,
        };
        var rows = r
            .Items.Append(r.Total with { Name = text["Dues.Total"].Value })
            .Select(x =>
                new object?[]
                {
                    x.Name,
                    x.Members,
                    x.DueFen / 100m,
                    x.PaidFen / 100m,
                    x.Rate,
                    x.ArrearsCount,
                }
            );
        return Save(
            text["Dues.Sheet.Report"].Value,
            header,
            rows,
            $"{text["Dues.File.Report"].Value}-{r.By}-{r.Month}.xlsx"
        );
    }

    private static DuesFile Save(
        string sheet,
        object?[] header,
        IEnumerable<object?[]> rows,
        string name
    )
    {
        IEnumerable<Dictionary<string, object?>> All()
        {
            yield return Row(header);
            foreach (var r in rows)
                yield return Row(r);
        }
        static Dictionary<string, object?> Row(object?[] cells)
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < cells.Length; i++)
                d[$"c{i}"] = cells[i];
            return d;
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(
            stream,
            new Dictionary<string, object> { [sheet] = All() },
            printHeader: false,
            excelType: ExcelType.XLSX
        );
        return new DuesFile(stream.ToArray(), name);
    }
}
