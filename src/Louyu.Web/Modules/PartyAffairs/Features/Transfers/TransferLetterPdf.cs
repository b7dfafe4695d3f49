using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>What the letter prints (the full resident ID included: the download is audited).</summary>
public sealed record TransferLetter(
    string Number,
    string MemberName,
    bool IsMale,
    int Age,
    string? Ethnicity,
    bool IsProbationary,
    string ResidentId,
    string FromName,
    string ToName,
    int? DuesPaidYear,
    int? DuesPaidMonth,
    int ValidityDays,
    DateOnly IssuedOn,
    string? MemberContact,
    string? SenderAddress,
    string? SenderPhone,
    string? SenderFax,
    string? SenderPostcode
);

/// <summary>
/// The transfer letter as one A4 page in the three parts of the standard form (组通字〔2006〕45号): 存根 (stub kept
/// by the sending committee), 介绍信 (the letter the member carries) and 回执 (the receipt returned within one
/// month), separated by cut lines. The form is Chinese whatever the user's language.
/// </summary>
public static class TransferLetterPdf
{
    private const double Left = 56;
    private const double Right = 595 - 56;

    public static byte[] Render(TransferLetter l, TransferOptions options)
    {
        LetterFont.Ensure(options);
        using var doc = new PdfDocument();
        doc.Info.Title = $"中国共产党党员组织关系介绍信 {l.Number}";
        doc.Info.Creator = "Louyu";
        // The number in ASCII too, so that the file can be found by it (the CJK text is in glyph codes).
        doc.Info.Keywords = l
            .Number.Replace("〔", "", StringComparison.Ordinal)
            .Replace("〕第", "-", StringComparison.Ordinal)
            .TrimEnd('号');
        var page = doc.AddPage();
        page.Width = XUnit.FromPoint(595);
        page.Height = XUnit.FromPoint(842);
        using (var g = XGraphics.FromPdfPage(page))
        {
            var title = new XFont(LetterFont.Family, 15);
            var body = new XFont(LetterFont.Family, 11);
            var small = new XFont(LetterFont.Family, 9);
            var date = ChineseNumerals.Date(l.IssuedOn);
            var standing = l.IsProbationary ? "预备" : "正式";

            // 第一联 存根
            var y = 50.0;
            Part(g, small, "第一联", y);
            Centered(g, title, "党员介绍信存根", y);
            Number(g, body, l.Number, y + 24);
            y += 52;
            y = Paragraph(
                g,
                body,
                $"{l.MemberName}同志系中共{standing}党员，组织关系由{l.FromName}转到{l.ToName}。",
                y,
                2
            );
            RightText(g, body, date, y + 14);
            g.DrawString("（贴回执联处）", small, XBrushes.Gray, Left, y + 14);
            y += 40;
            Cut(g, small, y, "（加盖骑缝章）");

            // 第二联 介绍信
            y += 30;
            Part(g, small, "第二联", y);
            Centered(g, title, "中国共产党党员组织关系介绍信", y);
            Number(g, body, l.Number, y + 24);
            y += 52;
            g.DrawString($"{l.ToName}：", body, XBrushes.Black, Left, y);
            y += 20;
            var dues =
                l.DuesPaidYear is { } dy && l.DuesPaidMonth is { } dm
                    ? ChineseNumerals.CapitalYearMonth(dy, dm)
                    : "　　年　　月";
            y = Paragraph(
                g,
                body,
                $"{l.MemberName}同志（{(l.IsMale ? "男" : "女")}），{l.Age}岁，{Ethnic(l.Ethnicity)}，系中共{standing}党员，"
                    + $"身份证号码{l.ResidentId}，由{l.FromName}去{l.ToName}，请接转组织关系。"
                    + $"该同志党费已交到{dues}。",
                y,
                2
            );
            RightText(g, body, $"（有效期{ChineseNumerals.Capital(l.ValidityDays)}天）", y + 4);
            RightText(g, body, "（盖章）", y + 24);
            RightText(g, body, date, y + 44);
            y += 66;
            g.DrawString(
                $"党员联系电话或其他联系方式：{l.MemberContact}",
                body,
                XBrushes.Black,
                Left,
                y
            );
            y += 18;
            g.DrawString(
                $"党员原所在基层党委通讯地址：{l.SenderAddress}",
                body,
                XBrushes.Black,
                Left,
                y
            );
            y += 18;
            g.DrawString(
                $"联系电话：{l.SenderPhone}　　传真：{l.SenderFax}　　邮编：{l.SenderPostcode}",
                body,
                XBrushes.Black,
                Left,
                y
            );
            y += 22;
            Cut(g, small, y, null);

            // 第三联 回执
            y += 30;
            Part(g, small, "第三联", y);
            Centered(g, title, "中国共产党党员组织关系介绍信回执联", y);
            Number(g, body, l.Number, y + 24);
            y += 52;
            g.DrawString($"{l.FromName}：", body, XBrushes.Black, Left, y);
            y += 20;
            y = Paragraph(g, body, $"{l.MemberName}同志的党员组织关系已转达我处，特此回复。", y, 2);
            RightText(g, body, "（盖章）", y + 4);
            RightText(g, body, "　　年　　月　　日", y + 24);
            y += 46;
            g.DrawString("经办人：　　　　　　　联系电话：", body, XBrushes.Black, Left, y);
            y += 22;
            Paragraph(
                g,
                small,
                "注：回执联由接收党员组织关系的基层党委在接收党员后一个月内邮寄或传真至党员原所在基层党委。",
                y,
                0
            );
        }
        using var stream = new MemoryStream();
        doc.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>"汉" or "汉族" both print as 汉族; unknown leaves a blank before 族.</summary>
    private static string Ethnic(string? e) =>
        string.IsNullOrWhiteSpace(e) ? "　　族"
        : e.EndsWith('族') ? e
        : e + "族";

    private static void Part(XGraphics g, XFont f, string text, double y) =>
        g.DrawString(text, f, XBrushes.Gray, Left - 40, y);

    private static void Centered(XGraphics g, XFont f, string text, double y)
    {
        var w = g.MeasureString(text, f).Width;
        g.DrawString(text, f, XBrushes.Black, (595 - w) / 2, y);
    }

    private static void Number(XGraphics g, XFont f, string number, double y) =>
        RightText(g, f, number, y);

    private static void RightText(XGraphics g, XFont f, string text, double y)
    {
        var w = g.MeasureString(text, f).Width;
        g.DrawString(text, f, XBrushes.Black, Right - w, y);
    }

    private static void Cut(XGraphics g, XFont f, double y, string? note)
    {
        var pen = new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash };
        g.DrawLine(pen, 20, y, 575, y);
        if (note is not null)
        {
            var w = g.MeasureString(note, f).Width;
            g.DrawString(note, f, XBrushes.Gray, (595 - w) / 2, y - 4);
        }
    }

    /// <summary>Draws text wrapped at the right margin (CJK breaks anywhere), the first line indented by <paramref name="indentChars"/> characters; returns the next line's y.</summary>
    private static double Paragraph(XGraphics g, XFont f, string text, double y, int indentChars)
    {
        var lineHeight = f.Size * 1.75;
        var indent = g.MeasureString(new string('　', indentChars), f).Width;
        var x = Left + indent;
        var line = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            var candidate = line.ToString() + ch;
            if (x + g.MeasureString(candidate, f).Width > Right && line.Length > 0)
            {
                g.DrawString(line.ToString(), f, XBrushes.Black, x, y);
                y += lineHeight;
                x = Left;
                line.Clear();
            }
            line.Append(ch);
        }
        if (line.Length > 0)
        {
            g.DrawString(line.ToString(), f, XBrushes.Black, x, y);
            y += lineHeight;
        }
        return y;
    }
}
