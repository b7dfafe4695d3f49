using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;

namespace Louyu.Tests;

/// <summary>
/// Dues arithmetic of 中组发〔2008〕3号 (domain-rules §1): every bracket edge of Art. 2 and Art. 5, the whole base (not
/// marginal), integer fen rounded half away from zero, and the fixed amounts of Art. 6.
/// </summary>
public sealed class DuesRulesTests
{
    [Theory]
    // Art. 2 brackets on the whole base; base and dues in fen.
    [InlineData(0, 0, "0.005", "base≤3000")]
    [InlineData(1, 0, "0.005", "base≤3000")] // 0.005 fen → 0
    [InlineData(99, 0, "0.005", "base≤3000")] // 0.495 → 0
    [InlineData(100, 1, "0.005", "base≤3000")] // 0.5 → 1 (half away from zero)
    [InlineData(300_000, 1_500, "0.005", "base≤3000")] // 3000 yuan exactly: still 0.5%
    [InlineData(300_001, 3_000, "0.01", "3000<base≤5000")] // 3000.01 fen → 3000
    [InlineData(300_050, 3_001, "0.01", "3000<base≤5000")] // 3000.5 → 3001
    [InlineData(500_000, 5_000, "0.01", "3000<base≤5000")]
    [InlineData(500_001, 7_500, "0.015", "5000<base≤10000")] // 7500.015 → 7500
    [InlineData(650_000, 9_750, "0.015", "5000<base≤10000")] // api.md example
    [InlineData(500_100, 7_502, "0.015", "5000<base≤10000")] // 7501.5 → 7502
    [InlineData(1_000_000, 15_000, "0.015", "5000<base≤10000")]
    [InlineData(1_000_001, 20_000, "0.02", "base>10000")] // 20000.02 → 20000
    [InlineData(1_000_025, 20_001, "0.02", "base>10000")] // 20000.5 → 20001
    [InlineData(5_000_000, 100_000, "0.02", "base>10000")]
    public void Employed_members_pay_the_article_2_rate_on_the_whole_base(
        long baseFen,
        long dues,
        string rate,
        string bracket
    )
    {
        var a = DuesRules.Calculate(DuesCategory.Employed, baseFen);
        Assert.Equal(dues, a.MonthlyDuesFen);
        Assert.Equal(
            decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture),
            a.Rate
        );
        Assert.Equal(bracket, a.Bracket);
        Assert.Equal("中组发〔2008〕3号 第二条", a.Rule);
    }

    [Theory]
    [InlineData(DuesCategory.AnnualSalary, "中组发〔2008〕3号 第三条")]
    [InlineData(DuesCategory.SelfEmployed, "中组发〔2008〕3号 第四条")]
    public void Annual_salary_and_self_employed_use_the_article_2_brackets(
        DuesCategory category,
        string rule
    )
    {
        var a = DuesRules.Calculate(category, 650_000);
        Assert.Equal(9_750, a.MonthlyDuesFen);
        Assert.Equal("5000<base≤10000", a.Bracket);
        Assert.Equal(rule, a.Rule);
    }

    [Theory]
    [InlineData(0, 0, "0.005", "base≤5000")]
    [InlineData(400_000, 2_000, "0.005", "base≤5000")] // 1% would apply for an employed member
    [InlineData(500_000, 2_500, "0.005", "base≤5000")]
    [InlineData(500_001, 5_000, "0.01", "base>5000")] // 5000.01 → 5000
    [InlineData(500_050, 5_001, "0.01", "base>5000")] // 5000.5 → 5001
    [InlineData(1_200_000, 12_000, "0.01", "base>5000")] // no 1.5% / 2% brackets for retirees
    public void Retirees_pay_the_article_5_rate_on_the_pension(
        long baseFen,
        long dues,
        string rate,
        string bracket
    )
    {
        var a = DuesRules.Calculate(DuesCategory.Retired, baseFen);
        Assert.Equal(dues, a.MonthlyDuesFen);
        Assert.Equal(
            decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture),
            a.Rate
        );
        Assert.Equal(bracket, a.Bracket);
        Assert.Equal("中组发〔2008〕3号 第五条", a.Rule);
    }

    [Theory]
    [InlineData(DuesCategory.Student)]
    [InlineData(DuesCategory.Unemployed)]
    [InlineData(DuesCategory.Relief)]
    public void Students_unemployed_and_relief_pay_20_fen_whatever_the_base(DuesCategory c)
    {
        var a = DuesRules.Calculate(c, 9_999_999);
        Assert.Equal(20, a.MonthlyDuesFen);
        Assert.Null(a.Rate);
        Assert.Equal("fixed", a.Bracket);
        Assert.Equal("中组发〔2008〕3号 第六条", a.Rule);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(100)]
    public void Farmers_pay_the_configured_amount(long fen) =>
        Assert.Equal(fen, DuesRules.Calculate(DuesCategory.Farmer, 0, fen).MonthlyDuesFen);

    [Theory]
    [InlineData(19)]
    [InlineData(101)]
    public void A_farmer_amount_outside_20_to_100_fen_is_refused(long fen) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DuesRules.Calculate(DuesCategory.Farmer, 0, fen)
        );

    [Fact]
    public void A_negative_base_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            DuesRules.Calculate(DuesCategory.Employed, -1)
        );

    [Theory]
    [InlineData(null, 1000L, "category", "Dues.CategoryRequired")]
    [InlineData("Pensioner", 1000L, "category", "Dues.CategoryUnknown")]
    [InlineData("3", 1000L, "category", "Dues.CategoryUnknown")]
    [InlineData("Employed", null, "monthlyBaseFen", "Dues.BaseRequired")]
    [InlineData("Retired", -5L, "monthlyBaseFen", "Dues.BaseNegative")]
    [InlineData("Employed", 1_000_000_001L, "monthlyBaseFen", "Dues.BaseTooLarge")]
    public void Invalid_requests_name_the_field(
        string? category,
        long? baseFen,
        string field,
        string key
    )
    {
        var errors = DuesCalculatorEndpoints.Validate(new(category, baseFen), out _);
        var e = Assert.Single(errors);
        Assert.Equal(field, e.Field);
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void A_fixed_category_needs_no_base() =>
        Assert.Empty(DuesCalculatorEndpoints.Validate(new("student", null), out _));
}
