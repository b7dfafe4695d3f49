using System.Globalization;
using Louyu.Web.Modules.Organization.Features.Import;

namespace Louyu.Tests;

/// <summary>The import sheets' header mapping and cell reading (pure).</summary>
public sealed class ImportColumnsTests
{
    private static KeyValuePair<string, string?> Cell(string key, string? text) => new(key, text);

    [Fact]
    public void Headers_in_either_language_or_the_api_name_map_to_the_same_columns()
    {
        var members = ImportColumnSet.Members;
        var (zh, missingZh) = members.MapHeader([
            Cell("A", "姓名 *"),
            Cell("B", "公民身份号码"),
            Cell("C", "人员类别*"),
        ]);
        var (en, missingEn) = members.MapHeader([
            Cell("A", "name"),
            Cell("B", "Resident ID *"),
            Cell("C", " STATUS "),
        ]);
        Assert.Empty(missingZh);
        Assert.Empty(missingEn);
        Assert.Equal(zh, en);
        Assert.Equal(members.IndexOf("residentId"), zh["B"]);
        Assert.Equal(members.IndexOf("residentId"), members.Match("residentId"));
        Assert.Equal(
            members.IndexOf("organizationalStatus"),
            members.Match("Organisational status")
        );
    }

    [Fact]
    public void Missing_required_columns_are_named_and_unknown_columns_ignored()
    {
        var (map, missing) = ImportColumnSet.Enterprises.MapHeader([
            Cell("A", "企业名称"),
            Cell("B", "备注"),
            Cell("C", null),
        ]);
        Assert.Single(map);
        Assert.Contains(missing, c => c.Field == "unifiedSocialCreditCode");
        Assert.DoesNotContain(missing, c => c.Field == "room");
    }

    [Fact]
    public void A_column_named_twice_keeps_its_first_occurrence()
    {
        var (map, _) = ImportColumnSet.Members.MapHeader([Cell("A", "姓名"), Cell("B", "Name")]);
        Assert.Equal(["A"], map.Keys);
    }

    [Fact]
    public void The_template_header_is_in_the_callers_language_with_the_required_mark()
    {
        var code = ImportColumnSet.Enterprises.Columns[0];
        Assert.Equal("统一社会信用代码 *", code.Header(new CultureInfo("zh-CN")));
        Assert.Equal("Unified social credit code *", code.Header(new CultureInfo("en-US")));
        Assert.Equal(
            "房间号",
            ImportColumnSet
                .Enterprises.Columns[ImportColumnSet.Enterprises.IndexOf("room")]
                .Header(new CultureInfo("zh-CN"))
        );
    }

    [Fact]
    public void Cells_read_as_text()
    {
        Assert.Null(ImportValues.Text(null));
        Assert.Null(ImportValues.Text("  "));
        Assert.Equal("张三", ImportValues.Text(" 张三 "));
        Assert.Equal("1990-03-07", ImportValues.Text(new DateTime(1990, 3, 7)));
        Assert.Equal("42", ImportValues.Text(42d));
        Assert.Equal("-2", ImportValues.Text(-2d));
        Assert.Equal("2.5", ImportValues.Text(2.5d));
    }

    [Theory]
    [InlineData("男", "Male")]
    [InlineData("female", "Female")]
    [InlineData("其他", "其他")]
    public void Gender_words(string word, string expected) =>
        Assert.Equal(expected, ImportValues.Gender(word));

    [Theory]
    [InlineData("正式党员", "Full")]
    [InlineData("入党积极分子", "Activist")]
    [InlineData("Probationary", "Probationary")]
    public void Status_words(string word, string expected) =>
        Assert.Equal(expected, ImportValues.Status(word));

    [Theory]
    [InlineData("失联", "LostContact")]
    [InlineData("停止党籍", "StandingStopped")]
    [InlineData("Normal", "Normal")]
    public void Organizational_status_words(string word, string expected) =>
        Assert.Equal(expected, ImportValues.OrganizationalStatus(word));

    [Fact]
    public void Yes_no_and_integers()
    {
        Assert.True(ImportValues.TryYesNo("是", out var yes) && yes == true);
        Assert.True(ImportValues.TryYesNo("No", out var no) && no == false);
        Assert.True(ImportValues.TryYesNo(null, out var blank) && blank is null);
        Assert.False(ImportValues.TryYesNo("也许", out _));
        Assert.True(ImportValues.TryInteger("12", out var n) && n == 12);
        Assert.True(ImportValues.TryInteger("12.0", out var m) && m == 12);
        Assert.False(ImportValues.TryInteger("12.5", out _));
        Assert.False(ImportValues.TryInteger("十二", out _));
    }

    [Fact]
    public void Export_words_follow_the_language_and_import_again()
    {
        var zh = new CultureInfo("zh-CN");
        var en = new CultureInfo("en-US");
        foreach (var s in Enum.GetValues<Louyu.Web.Modules.Organization.Domain.MemberStatus>())
        {
            Assert.Equal(s.ToString(), ImportValues.Status(ImportValues.StatusWord(s, zh)));
            Assert.Equal(s.ToString(), ImportValues.Status(ImportValues.StatusWord(s, en)));
        }
        foreach (
            var s in Enum.GetValues<Louyu.Web.Modules.Organization.Domain.OrganizationalStatus>()
        )
            Assert.Equal(
                s.ToString(),
                ImportValues.OrganizationalStatus(ImportValues.OrganizationalStatusWord(s, zh))
            );
        Assert.Equal(
            "女",
            ImportValues.GenderWord(Louyu.Web.Modules.Organization.Domain.Gender.Female, zh)
        );
        Assert.Equal("Yes", ImportValues.YesNo(true, en));
    }
}
