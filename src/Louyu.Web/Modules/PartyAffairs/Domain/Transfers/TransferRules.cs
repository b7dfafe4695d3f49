namespace Louyu.Web.Modules.PartyAffairs.Domain.Transfers;

/// <summary>The four ways a member's organisational relationship moves (组织关系转接).</summary>
public enum TransferKind
{
    Internal, // 楼宇内转接: between two organisations of the same building
    BetweenBuildings, // 楼宇间转接: both ends in Louyu, different buildings
    Outbound, // 转出: to an organisation outside Louyu (free text)
    Inbound, // 转入: from an organisation outside Louyu, registered on arrival
}

/// <summary>Where a transfer stands: the letter is out (Issued) until the receipt is recorded (Received).</summary>
public enum TransferStatus
{
    Issued,
    Received,
}

/// <summary>
/// Pure rules of transfers (domain-rules §5.1, §5.4). Sources: 《中国共产党党员教育管理工作条例》(2019) 第二十五条
/// (transfer on change of unit or residence, or when away six months or more at a fixed place; the sending
/// organisation stays responsible until the member is received); 组通字〔2006〕45号 (the letter; 回执 within one
/// month of the member's arrival). The validity and the receipt period are settings ([S]).
/// </summary>
public static class TransferRules
{
    public const string TransferSource = "《中国共产党党员教育管理工作条例》第二十五条";
    public const string LetterSource = "组通字〔2006〕45号";
    public const int AwayMonthsForTransfer = 6;

    /// <summary>Longest validity accepted: "确有需要延长的不得超过3个月".</summary>
    public const int MaxValidityDays = 90;

    /// <summary>The letter number: 〔2026〕第0001号 (sequential per year of issue).</summary>
    public static string LetterNumber(int year, int sequence) => $"〔{year}〕第{sequence:0000}号";

    /// <summary>The last day the letter is valid: the day of issue counts as the first of its days.</summary>
    public static DateOnly ValidUntil(DateOnly issuedOn, int validityDays) =>
        issuedOn.AddDays(Math.Max(validityDays, 1) - 1);

    /// <summary>The day by which the receipt (回执) should be back: issue date plus the receipt period in months.</summary>
    public static DateOnly ReceiptDue(DateOnly issuedOn, int receiptMonths) =>
        issuedOn.AddMonths(receiptMonths);

    /// <summary>Overdue when no receipt is recorded and today is past the receipt's due day.</summary>
    public static bool ReceiptOverdue(
        DateOnly issuedOn,
        DateOnly? receivedOn,
        DateOnly today,
        int receiptMonths
    ) => receivedOn is null && today > ReceiptDue(issuedOn, receiptMonths);

    /// <summary>Age in whole years on a day (the letter's 岁).</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        var anniversary =
            birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(day.Year)
                ? new DateOnly(day.Year, 3, 1)
                : new DateOnly(day.Year, birthDate.Month, birthDate.Day);
        return day < anniversary ? age - 1 : age;
    }

    /// <summary>
    /// A member away at a fixed place for six months or more should have the relationship transferred (第二十五条):
    /// flagged when the place is fixed and either six months have passed since leaving or the planned stay is six
    /// months or longer. Null when not flagged; otherwise the day from which the transfer is due.
    /// </summary>
    public static DateOnly? TransferDueOn(
        DateOnly leftOn,
        DateOnly? plannedUntil,
        bool fixedPlace,
        DateOnly today
    )
    {
        if (!fixedPlace)
            return null;
        var sixMonths = leftOn.AddMonths(AwayMonthsForTransfer);
        if (today >= sixMonths)
            return sixMonths;
        if (plannedUntil is { } until && until >= sixMonths)
            return leftOn;
        return null;
    }
}

/// <summary>What the lost-contact clocks say on a day.</summary>
public sealed record LostContactClock(
    DateOnly StopStandingDueOn,
    bool ProposeStopStanding,
    DateOnly? RemovalDueOn,
    bool ProposeRemoval
);

/// <summary>
/// 失联党员 (domain-rules §5.2), 《中国共产党党员教育管理工作条例》第二十四条: out of contact for six months and not
/// found after searching → party standing stopped (停止党籍); two years after standing was stopped and still not
/// found → removed (按照自行脱党予以除名). Louyu proposes; the organisation decides and records the decision.
/// </summary>
public static class LostContactRules
{
    public const string Source = "《中国共产党党员教育管理工作条例》第二十四条";
    public const int MonthsToStopStanding = 6;
    public const int YearsToRemoval = 2;

    public static LostContactClock Clock(
        DateOnly lostSince,
        DateOnly? standingStoppedOn,
        DateOnly? foundOn,
        DateOnly today
    )
    {
        var stopDue = lostSince.AddMonths(MonthsToStopStanding);
        var removalDue = standingStoppedOn?.AddYears(YearsToRemoval);
        var open = foundOn is null;
        return new LostContactClock(
            stopDue,
            open && standingStoppedOn is null && today >= stopDue,
            removalDue,
            open && removalDue is { } r && today >= r
        );
    }
}
