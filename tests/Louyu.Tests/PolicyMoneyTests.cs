using Louyu.Web.Modules.Services.Features.Policies;

namespace Louyu.Tests;

/// <summary>Amounts typed in yuan on the applications page become fen (<see cref="Money.Fen"/>), or are refused.</summary>
public sealed class PolicyMoneyTests
{
    [Theory]
    [InlineData("12345", 1_234_500L)]
    [InlineData("12,345.6", 1_234_560L)]
    [InlineData("¥12,345.60", 1_234_560L)]
    [InlineData("￥ 8800 元", 880_000L)]
    [InlineData("１２３.４５", 12_345L)]
    [InlineData("0", 0L)]
    [InlineData("0.01", 1L)]
    public void Yuan_typed_by_people_become_fen(string typed, long fen) =>
        Assert.Equal(fen, Money.Fen(typed));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("-5")]
    [InlineData("1.234")]
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData("99999999999999")]
    public void Anything_else_is_refused(string? typed) => Assert.Null(Money.Fen(typed));

    [Fact]
    public void Fen_read_back_as_yuan() =>
        Assert.Equal("¥12,345.60", Money.Yuan(Money.Fen("12345.6")));
}
