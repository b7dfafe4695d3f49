using System.Globalization;

namespace Louyu.Web.Modules.PartyAffairs.Domain;

/// <summary>A month of dues as an integer yyyyMM (202611 = November 2026), the natural key of the ledger.</summary>
public static class DuesMonth
{
    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static int Of(int year, int month) => year * 100 + month;

    public static int Year(int month) => month / 100;

    public static DateOnly FirstDay(int month) => new(month / 100, month % 100, 1);

    public static DateOnly LastDay(int month) => FirstDay(month).AddMonths(1).AddDays(-1);

    public static int Add(int month, int months)
    {
        var d = FirstDay(month).AddMonths(months);
        return Of(d);
    }

    /// <summary>How many months <paramref name="later"/> lies after <paramref name="earlier"/> (negative if before).</summary>
    public static int Between(int earlier, int later) =>
        (later / 100 - earlier / 100) * 12 + (later % 100 - earlier % 100);

    public static bool IsValid(int month) =>
        month / 100 is >= 2000 and <= 2200 && month % 100 is >= 1 and <= 12;

    /// <summary>Parses "2026-11" (or "202611"); null when it is not a month.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var t = text.Trim();
        if (
            DateOnly.TryParseExact(
                t + "-01",
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
            return Of(d);
        return
            t.Length == 6
            && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && IsValid(n)
            ? n
            : null;
    }

    public static string Format(int month) =>
        $"{month / 100:0000}-{month % 100:00}".ToString(CultureInfo.InvariantCulture);
}

/// <summary>The state of one month of one member's dues in the ledger.</summary>
public enum DuesStatus
{
    Unpaid,
    Paid,
    Waived,
}

/// <summary>Arrears level: nothing, a warning at 3 consecutive unpaid months, a flag at 6 (Art. 13).</summary>
public enum ArrearsLevel
{
    None,
    Warning,
    Flag,
}

/// <summary>A member's arrears: the consecutive unpaid months up to the last completed month, and the level.</summary>
public sealed record ArrearsState(int ConsecutiveUnpaidMonths, ArrearsLevel Level, string? Rule);

/// <summary>Hardship relief of Art. 7: a reduced amount or a waiver.</summary>
public enum HardshipKind
{
    None,
    Reduced,
    Waived,
}

/// <summary>Who handed over the money for a payment (Art. 14 forbids the organisation paying for the member).</summary>
public enum DuesPayer
{
    Member,
    Proxy,
    Organization,
}

/// <summary>A refusal of a dues rule: the rule id, its source, and the resource key of the message.</summary>
public sealed record DuesRefusal(string Rule, string Source, string MessageKey, object[] Args);

/// <summary>
/// The collection rules of 中组发〔2008〕3号 and the 2017 notice around the ledger (domain-rules §1.6–§1.13). Pure
/// functions on months (yyyyMM) and amounts in fen, each naming its source.
/// </summary>
public static class DuesLedgerRules
{
    public const string ArrearsSource = "中组发〔2008〕3号 第十三条";
    public const string HardshipSource = "中组发〔2008〕3号 第七条";
    public const string ProbationSource = "中组发〔2008〕3号 第八条";
    public const string PaymentSource = "中组发〔2008〕3号 第十一条";
    public const string NoOrganizationPaySource = "中组发〔2008〕3号 第十四条";
    public const string VoluntarySource = "中组发〔2008〕3号 第十条";
    public const string YearlySource = "组电明字〔2017〕5号";

    /// <summary>Consecutive unpaid months that raise a warning (Louyu's setting, domain-rules §1.12).</summary>
    public const int WarningMonths = 3;

    /// <summary>Consecutive unpaid months treated as 自行脱党 after the branch decides (Art. 13).</summary>
    public const int FlagMonths = 6;

    /// <summary>Back-payment generally covers at most this many months before the current one (§1.11).</summary>
    public const int BackPaymentMonths = 6;

    /// <summary>A single voluntary payment of this much (1,000 yuan) or more is forwarded whole upward (§1.10).</summary>
    public const long ForwardUpwardFen = 100_000;

    /// <summary>
    /// The month a member's dues are paid up to (党费交至, on a transfer letter): the last month of the unbroken run of
    /// settled months (paid or waived) from the member's first month in the ledger — a month still unpaid ends it,
    /// and a month paid after an unpaid one does not count. Null when the first month is unpaid or there is no
    /// ledger. Months are yyyyMM, in any order.
    /// </summary>
    public static int? PaidUpTo(IEnumerable<(int Month, DuesStatus Status)> months)
    {
        int? upTo = null;
        foreach (var (month, status) in months.OrderBy(m => m.Month))
        {
            if (status == DuesStatus.Unpaid)
                break;
            upTo = month;
        }
        return upTo;
    }

    /// <summary>
    /// Arrears from a member's months in order (oldest first) up to and including the last COMPLETED month (the
    /// current month is not yet in arrears): the run of <see cref="DuesStatus.Unpaid"/> months at the end. A paid or
    /// waived month ends the run (Art. 13: "连续6个月不交纳党费").
    /// </summary>
    public static ArrearsState Arrears(IEnumerable<DuesStatus> completedMonthsOldestFirst)
    {
        var run = 0;
        foreach (var s in completedMonthsOldestFirst)
            run = s == DuesStatus.Unpaid ? run + 1 : 0;
        return Arrears(run);
    }

    /// <summary>The level for a run of consecutive unpaid months.</summary>
    public static ArrearsState Arrears(int consecutiveUnpaid) =>
        consecutiveUnpaid >= FlagMonths ? new(consecutiveUnpaid, ArrearsLevel.Flag, ArrearsSource)
        : consecutiveUnpaid >= WarningMonths
            ? new(consecutiveUnpaid, ArrearsLevel.Warning, ArrearsSource)
        : new(consecutiveUnpaid, ArrearsLevel.None, null);

    /// <summary>
    /// Whether dues for <paramref name="month"/> may be recorded as paid in <paramref name="currentMonth"/>: back-
    /// payments at most <see cref="BackPaymentMonths"/> months old (§1.11); payments in advance up to the end of the
    /// current quarter (quarterly payment, §1.11).
    /// </summary>
    public static DuesRefusal? CheckPaymentMonth(int month, int currentMonth)
    {
        var back = DuesMonth.Between(month, currentMonth);
        if (back > BackPaymentMonths)
            return new(
                "BackPaymentWindow",
                PaymentSource,
                "Dues.Rule.BackPaymentWindow",
                [DuesMonth.Format(month), BackPaymentMonths]
            );
        var quarterEnd = DuesMonth.Of(
            DuesMonth.Year(currentMonth),
            ((currentMonth % 100 - 1) / 3 + 1) * 3
        );
        if (month > quarterEnd)
            return new(
                "AdvanceBeyondQuarter",
                PaymentSource,
                "Dues.Rule.AdvanceBeyondQuarter",
                [DuesMonth.Format(month)]
            );
        return null;
    }

    /// <summary>The organisation may not pay dues on a member's behalf (Art. 14).</summary>
    public static DuesRefusal? CheckPayer(DuesPayer payer) =>
        payer == DuesPayer.Organization
            ? new(
                "NoOrganizationPayment",
                NoOrganizationPaySource,
                "Dues.Rule.NoOrganizationPayment",
                []
            )
            : null;

    /// <summary>A single voluntary payment of 1,000 yuan or more is forwarded whole to the higher committee (§1.10).</summary>
    public static bool ForwardUpward(long amountFen) => amountFen >= ForwardUpwardFen;

    /// <summary>
    /// Hardship relief (Art. 7) needs the branch's decision AND the next-higher committee's approval, each with a
    /// date and a reference; the approval cannot precede the decision; a reduced amount lies between 0 and the
    /// assessed amount. Returns (field, message key) pairs; empty when acceptable.
    /// </summary>
    public static IReadOnlyList<(string Field, string Key)> CheckHardship(
        HardshipKind kind,
        long? reducedFen,
        long assessedFen,
        DateOnly? branchDecisionOn,
        string? branchDecisionRef,
        DateOnly? approvalOn,
        string? approvalRef
    )
    {
        var errors = new List<(string, string)>();
        if (kind == HardshipKind.None)
            return errors;
        if (branchDecisionOn is null)
            errors.Add(("branchDecisionOn", "Dues.Rule.HardshipBranchDecision"));
        if (string.IsNullOrWhiteSpace(branchDecisionRef))
            errors.Add(("branchDecisionRef", "Dues.Rule.HardshipBranchDecision"));
        if (approvalOn is null)
            errors.Add(("approvalOn", "Dues.Rule.HardshipApproval"));
        if (string.IsNullOrWhiteSpace(approvalRef))
            errors.Add(("approvalRef", "Dues.Rule.HardshipApproval"));
        if (approvalOn is not null && branchDecisionOn is not null && approvalOn < branchDecisionOn)
            errors.Add(("approvalOn", "Dues.Rule.HardshipApprovalBeforeDecision"));
        if (kind == HardshipKind.Reduced)
        {
            if (reducedFen is null)
                errors.Add(("reducedFen", "Dues.ReducedRequired"));
            else if (reducedFen <= 0 || reducedFen >= assessedFen)
                errors.Add(("reducedFen", "Dues.ReducedOutOfRange"));
        }
        return errors;
    }

    /// <summary>The amount due each month after hardship relief.</summary>
    public static long DueAfterHardship(long assessedFen, HardshipKind kind, long? reducedFen) =>
        kind switch
        {
            HardshipKind.Waived => 0,
            HardshipKind.Reduced => reducedFen ?? assessedFen,
            _ => assessedFen,
        };

    /// <summary>
    /// The first month an assessment for <paramref name="year"/> applies: January for the yearly assessment (fixed at
    /// the start of the year, 2017 notice); a probationary member pays from the month the branch meeting admitted
    /// them (Art. 8); a mid-year re-assessment from the month it takes effect. Null when the member was admitted after
    /// that year.
    /// </summary>
    public static int? FirstMonth(int year, DateOnly? admittedOn, DateOnly? effectiveFrom)
    {
        var first = DuesMonth.Of(year, 1);
        if (admittedOn is { } a)
        {
            if (a.Year > year)
                return null;
            first = Math.Max(first, DuesMonth.Of(a));
        }
        if (effectiveFrom is { } e && e.Year == year)
            first = Math.Max(first, DuesMonth.Of(e));
        return first;
    }
}
