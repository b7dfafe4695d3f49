using Louyu.Web.Modules.PartyAffairs.Domain;
using static Louyu.Web.Modules.PartyAffairs.Domain.DuesStatus;

namespace Louyu.Tests;

/// <summary>
/// Exact vectors for the collection rules around the dues ledger (domain-rules §1.6–§1.13): arrears warning at 3 and
/// flag at 6 consecutive unpaid months (Art. 13), the 6-month back-payment window (Art. 11), hardship relief needing
/// both the branch decision and the upper approval (Art. 7), the ≥ 1,000 yuan voluntary payment flag (Art. 10),
/// no payment by the organisation (Art. 14), and the first month of a probationary member (Art. 8).
/// </summary>
public sealed class DuesLedgerRulesTests
{
    public static TheoryData<DuesStatus[], int, ArrearsLevel> ArrearsVectors =>
        new()
        {
            { [], 0, ArrearsLevel.None },
            { [Paid], 0, ArrearsLevel.None },
            { [Unpaid], 1, ArrearsLevel.None },
            { [Unpaid, Unpaid], 2, ArrearsLevel.None },
            { [Unpaid, Unpaid, Unpaid], 3, ArrearsLevel.Warning },
            { [Paid, Unpaid, Unpaid, Unpaid], 3, ArrearsLevel.Warning },
            { [Unpaid, Unpaid, Unpaid, Paid], 0, ArrearsLevel.None },
            { [Unpaid, Unpaid, Paid, Unpaid, Unpaid], 2, ArrearsLevel.None },
            { [Unpaid, Unpaid, Unpaid, Unpaid, Unpaid], 5, ArrearsLevel.Warning },
            { [Unpaid, Unpaid, Unpaid, Unpaid, Unpaid, Unpaid], 6, ArrearsLevel.Flag },
            {
                [Paid, Unpaid, Unpaid, Unpaid, Unpaid, Unpaid, Unpaid, Unpaid],
                7,
                ArrearsLevel.Flag
            },
            // A waived month is not unpaid: it ends the run (Art. 7 relief is not arrears).
            { [Unpaid, Unpaid, Unpaid, Waived, Unpaid, Unpaid], 2, ArrearsLevel.None },
            { [Waived, Waived, Waived, Waived, Waived, Waived], 0, ArrearsLevel.None },
        };

    [Theory]
    [MemberData(nameof(ArrearsVectors))]
    public void Arrears_is_the_run_of_unpaid_months_at_the_end(
        DuesStatus[] months,
        int run,
        ArrearsLevel level
    )
    {
        var a = DuesLedgerRules.Arrears(months);
        Assert.Equal(run, a.ConsecutiveUnpaidMonths);
        Assert.Equal(level, a.Level);
        Assert.Equal(level == ArrearsLevel.None ? null : "中组发〔2008〕3号 第十三条", a.Rule);
    }

    [Theory]
    [InlineData(0, ArrearsLevel.None)]
    [InlineData(2, ArrearsLevel.None)]
    [InlineData(3, ArrearsLevel.Warning)]
    [InlineData(5, ArrearsLevel.Warning)]
    [InlineData(6, ArrearsLevel.Flag)]
    [InlineData(12, ArrearsLevel.Flag)]
    public void Arrears_levels_at_the_edges(int run, ArrearsLevel level) =>
        Assert.Equal(level, DuesLedgerRules.Arrears(run).Level);

    [Theory]
    // In November 2026: back to May (6 months) is allowed, April (7) is refused; ahead up to December (quarter end).
    [InlineData(202611, 202611, null)]
    [InlineData(202610, 202611, null)]
    [InlineData(202605, 202611, null)]
    [InlineData(202604, 202611, "BackPaymentWindow")]
    [InlineData(202512, 202611, "BackPaymentWindow")]
    [InlineData(202612, 202611, null)]
    [InlineData(202701, 202611, "AdvanceBeyondQuarter")]
    // Across the year boundary: in February 2027, August 2026 is 6 months back, July 7.
    [InlineData(202608, 202702, null)]
    [InlineData(202607, 202702, "BackPaymentWindow")]
    [InlineData(202703, 202702, null)]
    [InlineData(202704, 202702, "AdvanceBeyondQuarter")]
    public void Back_payment_window_and_quarterly_advance(int month, int current, string? rule)
    {
        var r = DuesLedgerRules.CheckPaymentMonth(month, current);
        Assert.Equal(rule, r?.Rule);
        if (r is not null)
            Assert.Equal("中组发〔2008〕3号 第十一条", r.Source);
    }

    [Fact]
    public void The_organisation_may_not_pay_for_a_member()
    {
        Assert.Null(DuesLedgerRules.CheckPayer(DuesPayer.Member));
        Assert.Null(DuesLedgerRules.CheckPayer(DuesPayer.Proxy));
        var r = DuesLedgerRules.CheckPayer(DuesPayer.Organization);
        Assert.NotNull(r);
        Assert.Equal("NoOrganizationPayment", r.Rule);
        Assert.Equal("中组发〔2008〕3号 第十四条", r.Source);
    }

    [Theory]
    [InlineData(99_999, false)]
    [InlineData(100_000, true)]
    [InlineData(100_001, true)]
    [InlineData(1, false)]
    public void Voluntary_payments_of_1000_yuan_or_more_are_forwarded_upward(long fen, bool up) =>
        Assert.Equal(up, DuesLedgerRules.ForwardUpward(fen));

    private static readonly DateOnly D1 = new(2026, 1, 8);
    private static readonly DateOnly D2 = new(2026, 1, 15);

    [Fact]
    public void Hardship_needs_the_branch_decision_and_the_upper_approval()
    {
        Assert.Empty(
            DuesLedgerRules.CheckHardship(HardshipKind.None, null, 9750, null, null, null, null)
        );
        Assert.Empty(
            DuesLedgerRules.CheckHardship(
                HardshipKind.Waived,
                null,
                9750,
                D1,
                "纪要1号",
                D2,
                "批复2号"
            )
        );
        Assert.Empty(
            DuesLedgerRules.CheckHardship(
                HardshipKind.Reduced,
                2000,
                9750,
                D1,
                "纪要1号",
                D2,
                "批复2号"
            )
        );

        // Branch decision only: the approval is missing (date and reference).
        var noApproval = DuesLedgerRules.CheckHardship(
            HardshipKind.Waived,
            null,
            9750,
            D1,
            "纪要1号",
            null,
            null
        );
        Assert.Equal(["approvalOn", "approvalRef"], noApproval.Select(e => e.Field));
        Assert.All(noApproval, e => Assert.Equal("Dues.Rule.HardshipApproval", e.Key));

        // Approval only: the branch decision is missing.
        var noDecision = DuesLedgerRules.CheckHardship(
            HardshipKind.Reduced,
            2000,
            9750,
            null,
            " ",
            D2,
            "批复2号"
        );
        Assert.Equal(["branchDecisionOn", "branchDecisionRef"], noDecision.Select(e => e.Field));

        // The approval cannot precede the decision.
        Assert.Contains(
            DuesLedgerRules.CheckHardship(HardshipKind.Waived, null, 9750, D2, "a", D1, "b"),
            e => e.Key == "Dues.Rule.HardshipApprovalBeforeDecision"
        );
        // A reduction lies strictly between 0 and the assessed amount.
        Assert.Contains(
            DuesLedgerRules.CheckHardship(HardshipKind.Reduced, null, 9750, D1, "a", D2, "b"),
            e => e.Key == "Dues.ReducedRequired"
        );
        Assert.Contains(
            DuesLedgerRules.CheckHardship(HardshipKind.Reduced, 9750, 9750, D1, "a", D2, "b"),
            e => e.Key == "Dues.ReducedOutOfRange"
        );
        Assert.Contains(
            DuesLedgerRules.CheckHardship(HardshipKind.Reduced, 0, 9750, D1, "a", D2, "b"),
            e => e.Key == "Dues.ReducedOutOfRange"
        );
    }

    [Theory]
    [InlineData(HardshipKind.None, null, 9750)]
    [InlineData(HardshipKind.Reduced, 2000L, 2000)]
    [InlineData(HardshipKind.Waived, null, 0)]
    public void Due_after_hardship(HardshipKind kind, long? reduced, long due) =>
        Assert.Equal(due, DuesLedgerRules.DueAfterHardship(9750, kind, reduced));

    [Theory]
    // Yearly assessment: from January; a probationary member from the admission month (Art. 8).
    [InlineData(2026, null, null, 202601)]
    [InlineData(2026, "2025-07-01", null, 202601)]
    [InlineData(2026, "2026-07-01", null, 202607)]
    [InlineData(2026, "2026-07-31", null, 202607)]
    [InlineData(2026, "2027-01-05", null, null)]
    // A mid-year re-assessment from the month it takes effect.
    [InlineData(2026, null, "2026-09-15", 202609)]
    [InlineData(2026, "2026-10-01", "2026-09-15", 202610)]
    public void First_month_of_an_assessment(
        int year,
        string? admitted,
        string? from,
        int? first
    ) =>
        Assert.Equal(
            first,
            DuesLedgerRules.FirstMonth(
                year,
                admitted is null ? null : DateOnly.Parse(admitted),
                from is null ? null : DateOnly.Parse(from)
            )
        );

    [Theory]
    [InlineData("2026-11", 202611)]
    [InlineData("202611", 202611)]
    [InlineData("2026-13", null)]
    [InlineData("2026-1", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    public void Months_parse(string text, int? month) => Assert.Equal(month, DuesMonth.Parse(text));

    [Fact]
    public void Month_arithmetic()
    {
        Assert.Equal(202701, DuesMonth.Add(202612, 1));
        Assert.Equal(202512, DuesMonth.Add(202601, -1));
        Assert.Equal(7, DuesMonth.Between(202604, 202611));
        Assert.Equal(6, DuesMonth.Between(202608, 202702));
        Assert.Equal("2026-03", DuesMonth.Format(202603));
        Assert.Equal(new DateOnly(2026, 2, 28), DuesMonth.LastDay(202602));
    }

    public static TheoryData<(int, DuesStatus)[], int?> PaidUpToVectors =>
        new()
        {
            { [], null },
            { [(202601, Unpaid)], null },
            { [(202601, Paid)], 202601 },
            { [(202601, Paid), (202602, Paid), (202603, Unpaid)], 202602 },
            // A waived month is settled (Art. 7); a month paid after an unpaid one does not extend the run.
            { [(202601, Paid), (202602, Waived), (202603, Unpaid), (202604, Paid)], 202602 },
            // Any order; across a year end.
            { [(202601, Paid), (202511, Paid), (202512, Paid)], 202601 },
            { [(202511, Unpaid), (202512, Paid), (202601, Paid)], null },
            // Paid ahead (quarterly): the run reaches the future months paid.
            { [(202610, Paid), (202611, Paid), (202612, Paid)], 202612 },
        };

    [Theory]
    [MemberData(nameof(PaidUpToVectors))]
    public void Dues_are_paid_up_to_the_end_of_the_first_unbroken_run_of_settled_months(
        (int, DuesStatus)[] months,
        int? upTo
    ) => Assert.Equal(upTo, DuesLedgerRules.PaidUpTo(months));
}
