using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;

namespace Louyu.Tests;

/// <summary>Vectors for the transfer letter's Chinese numerals, the receipt and validity days, the six-month flag and the lost-contact clocks.</summary>
public sealed class TransferRulesTests
{
    [Theory]
    [InlineData(2026, 11, 27, "二〇二六年十一月二十七日")]
    [InlineData(2030, 1, 1, "二〇三〇年一月一日")]
    [InlineData(2021, 10, 10, "二〇二一年十月十日")]
    [InlineData(2000, 12, 31, "二〇〇〇年十二月三十一日")]
    [InlineData(2019, 2, 20, "二〇一九年二月二十日")]
    public void Dates_are_written_in_chinese_numerals(int y, int m, int d, string expected) =>
        Assert.Equal(expected, ChineseNumerals.Date(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(0, "零")]
    [InlineData(1, "壹")]
    [InlineData(9, "玖")]
    [InlineData(10, "壹拾")]
    [InlineData(11, "壹拾壹")]
    [InlineData(15, "壹拾伍")]
    [InlineData(20, "贰拾")]
    [InlineData(30, "叁拾")]
    [InlineData(45, "肆拾伍")]
    [InlineData(90, "玖拾")]
    [InlineData(100, "壹佰")]
    [InlineData(105, "壹佰零伍")]
    [InlineData(110, "壹佰壹拾")]
    [InlineData(1010, "壹仟零壹拾")]
    [InlineData(2026, "贰仟零贰拾陆")]
    public void Validity_is_written_in_financial_capitals(int n, string expected) =>
        Assert.Equal(expected, ChineseNumerals.Capital(n));

    [Theory]
    [InlineData(2026, 11, "贰零贰陆年壹拾壹月")]
    [InlineData(2026, 1, "贰零贰陆年壹月")]
    [InlineData(2010, 10, "贰零壹零年壹拾月")]
    [InlineData(2009, 12, "贰零零玖年壹拾贰月")]
    public void Dues_paid_month_is_written_in_capitals(int y, int m, string expected) =>
        Assert.Equal(expected, ChineseNumerals.CapitalYearMonth(y, m));

    [Fact]
    public void Letter_numbers_are_sequential_per_year() =>
        Assert.Equal("〔2026〕第0001号", TransferRules.LetterNumber(2026, 1));

    [Theory]
    [InlineData("2026-01-31", "2026-02-28", "2026-02-28", false)]
    [InlineData("2026-01-31", "2026-02-28", "2026-03-01", true)]
    [InlineData("2026-11-27", "2026-12-27", "2026-12-27", false)]
    [InlineData("2026-11-27", "2026-12-27", "2026-12-28", true)]
    public void The_receipt_is_due_one_month_after_issue(
        string issued,
        string due,
        string today,
        bool overdue
    )
    {
        var i = DateOnly.Parse(issued);
        Assert.Equal(DateOnly.Parse(due), TransferRules.ReceiptDue(i, 1));
        Assert.Equal(overdue, TransferRules.ReceiptOverdue(i, null, DateOnly.Parse(today), 1));
        Assert.False(TransferRules.ReceiptOverdue(i, i, DateOnly.Parse(today), 1));
    }

    [Fact]
    public void The_overdue_cutoff_agrees_with_the_rule_on_every_day_of_two_years()
    {
        for (
            var today = new DateOnly(2026, 1, 1);
            today < new DateOnly(2028, 1, 1);
            today = today.AddDays(1)
        )
        {
            var cutoff = TransferService.LatestOverdueIssue(today, 1);
            Assert.True(TransferRules.ReceiptOverdue(cutoff, null, today, 1));
            Assert.False(TransferRules.ReceiptOverdue(cutoff.AddDays(1), null, today, 1));
            Assert.False(TransferRules.ReceiptOverdue(cutoff.AddDays(2), null, today, 1));
        }
    }

    [Theory]
    [InlineData("2026-11-27", 30, "2026-12-26")]
    [InlineData("2026-11-27", 1, "2026-11-27")]
    [InlineData("2026-11-27", 10, "2026-12-06")]
    public void The_letter_is_valid_for_its_days_counting_the_day_of_issue(
        string issued,
        int days,
        string until
    ) =>
        Assert.Equal(DateOnly.Parse(until), TransferRules.ValidUntil(DateOnly.Parse(issued), days));

    [Theory]
    [InlineData("1990-06-01", "2026-05-31", 35)]
    [InlineData("1990-06-01", "2026-06-01", 36)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    [InlineData("2000-02-29", "2026-03-01", 26)]
    public void Age_on_the_letter_counts_whole_years(string birth, string day, int age) =>
        Assert.Equal(age, TransferRules.AgeOn(DateOnly.Parse(birth), DateOnly.Parse(day)));

    [Theory]
    // Fixed place, six months gone: due from the six-month day.
    [InlineData("2026-01-10", null, true, "2026-07-10", "2026-07-10")]
    [InlineData("2026-01-10", null, true, "2026-07-09", null)]
    // Planned for six months or more at a fixed place: due at once.
    [InlineData("2026-01-10", "2026-07-10", true, "2026-02-01", "2026-01-10")]
    [InlineData("2026-01-10", "2026-07-09", true, "2026-02-01", null)]
    // Not at a fixed place: a mobile member, never flagged.
    [InlineData("2025-01-10", "2027-01-01", false, "2026-11-27", null)]
    public void Away_six_months_at_a_fixed_place_is_flagged_for_transfer(
        string left,
        string? until,
        bool fixedPlace,
        string today,
        string? due
    ) =>
        Assert.Equal(
            due is null ? null : DateOnly.Parse(due),
            TransferRules.TransferDueOn(
                DateOnly.Parse(left),
                until is null ? null : DateOnly.Parse(until),
                fixedPlace,
                DateOnly.Parse(today)
            )
        );

    [Theory]
    [InlineData("2026-01-31", null, null, "2026-07-30", false, false)]
    [InlineData("2026-01-31", null, null, "2026-07-31", true, false)]
    [InlineData("2026-01-31", null, "2026-05-01", "2026-12-01", false, false)]
    [InlineData("2026-01-31", "2026-08-15", null, "2028-08-14", false, false)]
    [InlineData("2026-01-31", "2026-08-15", null, "2028-08-15", false, true)]
    [InlineData("2026-01-31", "2026-08-15", "2027-01-01", "2029-01-01", false, false)]
    public void Lost_contact_clocks_run_six_months_then_two_years(
        string since,
        string? stopped,
        string? found,
        string today,
        bool proposeStop,
        bool proposeRemoval
    )
    {
        var c = LostContactRules.Clock(
            DateOnly.Parse(since),
            stopped is null ? null : DateOnly.Parse(stopped),
            found is null ? null : DateOnly.Parse(found),
            DateOnly.Parse(today)
        );
        Assert.Equal(DateOnly.Parse(since).AddMonths(6), c.StopStandingDueOn);
        Assert.Equal(proposeStop, c.ProposeStopStanding);
        Assert.Equal(proposeRemoval, c.ProposeRemoval);
        if (stopped is not null)
            Assert.Equal(DateOnly.Parse(stopped).AddYears(2), c.RemovalDueOn);
    }

    [Fact]
    public void A_face_is_cut_out_of_a_font_collection()
    {
        // A two-face collection whose faces have one 4-byte table each, pointing at shared data.
        var ttc = new byte[12 + 8 + 2 * (12 + 16) + 4];
        "ttcf"u8.CopyTo(ttc);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ttc.AsSpan(4), 0x00010000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ttc.AsSpan(8), 2);
        var data = ttc.Length - 4;
        for (var f = 0; f < 2; f++)
        {
            var off = 20 + f * 28;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(
                ttc.AsSpan(12 + 4 * f),
                (uint)off
            );
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(
                ttc.AsSpan(off),
                0x00010000
            );
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(ttc.AsSpan(off + 4), 1);
            "test"u8.CopyTo(ttc.AsSpan(off + 12));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(
                ttc.AsSpan(off + 20),
                (uint)data
            );
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(ttc.AsSpan(off + 24), 4);
        }
        "ABCD"u8.CopyTo(ttc.AsSpan(data));
        Assert.True(LetterFont.IsCollection(ttc));
        var face = LetterFont.ExtractFace(ttc, 1);
        Assert.False(LetterFont.IsCollection(face));
        Assert.Equal(12 + 16 + 4, face.Length);
        Assert.Equal(
            28u,
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(12 + 8))
        );
        Assert.Equal("ABCD"u8.ToArray(), face[28..]);
    }
}
