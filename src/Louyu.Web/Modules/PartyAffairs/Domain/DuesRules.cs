namespace Louyu.Web.Modules.PartyAffairs.Domain;

/// <summary>How a member's monthly dues are assessed (中组发〔2008〕3号, domain-rules §1).</summary>
public enum DuesCategory
{
    Employed, // 在职：工资收入（第二条）
    AnnualSalary, // 年薪制（第三条）
    SelfEmployed, // 无固定工资收入：上季度月平均纯收入（第四条）
    Retired, // 离退休：养老金（第五条）
    Student, // 学生（第六条）
    Unemployed, // 下岗失业（第六条）
    Farmer, // 农民（第六条）
    Relief, // 依靠救济、低保（第六条）
}

/// <summary>
/// The result of a dues assessment: the monthly amount in fen, the rate applied to the WHOLE base (null for a fixed
/// amount), the bracket that matched (base in yuan) and the article it comes from.
/// </summary>
public sealed record DuesAssessment(
    long MonthlyDuesFen,
    decimal? Rate,
    string Bracket,
    string Rule
);

/// <summary>
/// Party dues arithmetic of 中组部《关于中国共产党党费收缴、使用和管理的规定》(中组发〔2008〕3号). Pure: money in integer fen,
/// the rate applies to the whole base (not marginally), rounding to the fen half away from zero (domain-rules §1).
/// </summary>
public static class DuesRules
{
    public const string Source = "中组发〔2008〕3号";

    /// <summary>Fixed amount for students, laid-off/unemployed members and members on relief: 0.2 yuan (Art. 6).</summary>
    public const long FixedMinimumFen = 20;

    /// <summary>Farmers pay 0.2–1 yuan a month (Art. 6); the amount is a deployment setting in this range.</summary>
    public const long FarmerMaximumFen = 100;

    /// <summary>A base above this (10 million yuan a month) is refused as a typing error rather than computed.</summary>
    public const long MaximumBaseFen = 1_000_000_000;

    public static bool UsesBase(DuesCategory c) =>
        c
            is DuesCategory.Employed
                or DuesCategory.AnnualSalary
                or DuesCategory.SelfEmployed
                or DuesCategory.Retired;

    public static bool IsValidFarmerAmount(long fen) =>
        fen is >= FixedMinimumFen and <= FarmerMaximumFen;

    /// <summary>
    /// Monthly dues for <paramref name="category"/>. <paramref name="monthlyBaseFen"/> is the monthly base in fen
    /// (ignored for fixed-amount categories); <paramref name="farmerMonthlyFen"/> is the configured farmer amount.
    /// </summary>
    public static DuesAssessment Calculate(
        DuesCategory category,
        long monthlyBaseFen,
        long farmerMonthlyFen = FixedMinimumFen
    )
    {
        if (UsesBase(category))
            ArgumentOutOfRangeException.ThrowIfNegative(monthlyBaseFen);
        return category switch
        {
            DuesCategory.Employed => Article2(monthlyBaseFen, "第二条"),
            DuesCategory.AnnualSalary => Article2(monthlyBaseFen, "第三条"),
            DuesCategory.SelfEmployed => Article2(monthlyBaseFen, "第四条"),
            DuesCategory.Retired => Article5(monthlyBaseFen),
            DuesCategory.Farmer => IsValidFarmerAmount(farmerMonthlyFen)
                ? new(farmerMonthlyFen, null, "fixed", $"{Source} 第六条")
                : throw new ArgumentOutOfRangeException(nameof(farmerMonthlyFen)),
            _ => new(FixedMinimumFen, null, "fixed", $"{Source} 第六条"),
        };
    }

    /// <summary>Art. 2 brackets (also used by Art. 3 annual salary and Art. 4 self-employed), on the whole base.</summary>
    private static DuesAssessment Article2(long baseFen, string article)
    {
        var (permille, bracket) = baseFen switch
        {
            <= 300_000 => (5, "base≤3000"),
            <= 500_000 => (10, "3000<base≤5000"),
            <= 1_000_000 => (15, "5000<base≤10000"),
            _ => (20, "base>10000"),
        };
        return new(Percent(baseFen, permille), permille / 1000m, bracket, $"{Source} {article}");
    }

    /// <summary>Art. 5 brackets for retirees, on the whole pension actually received.</summary>
    private static DuesAssessment Article5(long baseFen)
    {
        var (permille, bracket) = baseFen <= 500_000 ? (5, "base≤5000") : (10, "base>5000");
        return new(Percent(baseFen, permille), permille / 1000m, bracket, $"{Source} 第五条");
    }

    /// <summary>base × permille ÷ 1000, rounded to the fen half away from zero (integer arithmetic, no floats).</summary>
    public static long Percent(long baseFen, int permille)
    {
        var scaled = baseFen * permille;
        var whole = scaled / 1000;
        var rest = scaled % 1000;
        return rest * 2 >= 1000 ? whole + 1 : whole;
    }
}
