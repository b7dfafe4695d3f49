using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Buildings;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Tests;

/// <summary>The field rules of buildings and enterprises (pure: no database, no HTTP).</summary>
public sealed class EnterpriseRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly string Valid = UnifiedSocialCreditCode.Compose(
        '9',
        '1',
        "110105",
        "MA01ABCD"
    );

    private static EnterpriseInput Input() =>
        new()
        {
            UnifiedSocialCreditCode = Valid,
            Name = "北京样例科技有限公司",
            BuildingId = Guid.NewGuid().ToString(),
            Industry = "i",
            EmployeeCount = 10,
            LegalRepresentative = "王五",
            Floor = 3,
            Room = "301",
            MovedInOn = "2024-05-01",
        };

    private static string[] Keys(List<FieldError> errors, string field) =>
        [.. errors.Where(e => e.Field == field).Select(e => e.Key)];

    [Fact]
    public void A_valid_input_gives_normalised_values()
    {
        var input = Input();
        input.UnifiedSocialCreditCode = " " + Valid.ToLowerInvariant() + " ";

        var (values, errors) = EnterpriseRules.Validate(input, Today, requireVersion: false);

        Assert.Empty(errors);
        Assert.NotNull(values);
        Assert.Equal(Valid, values.UnifiedSocialCreditCode);
        Assert.Equal("I", values.Industry);
        Assert.Null(values.MovedOutOn);
        Assert.False(values.LegalRepresentativeIsMember);
    }

    [Theory]
    [InlineData(null, "Validation.Required")]
    [InlineData("9111010", "Validation.CreditCodeLength")]
    [InlineData("91110105MA01ABCDIO", "Validation.CreditCodeCharacters")]
    public void Credit_code_problems_have_their_own_keys(string? code, string key)
    {
        var input = Input();
        input.UnifiedSocialCreditCode = code;

        var (values, errors) = EnterpriseRules.Validate(input, Today, requireVersion: false);

        Assert.Null(values);
        Assert.Equal([key], Keys(errors, "unifiedSocialCreditCode"));
    }

    [Fact]
    public void A_wrong_check_character_and_a_wrong_organisation_code_check_differ()
    {
        var wrongLast = Valid[..17] + (Valid[17] == '0' ? '1' : '0');
        var first17 = Valid[..16] + (Valid[16] == '0' ? '1' : '0');
        var wrongOrg = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        var errors = new List<FieldError>();

        FieldRules.CreditCode(errors, "a", wrongLast);
        FieldRules.CreditCode(errors, "b", wrongOrg);

        Assert.Equal(["Validation.CreditCodeCheck"], Keys(errors, "a"));
        Assert.Equal(["Validation.CreditCodeOrganizationCheck"], Keys(errors, "b"));
    }

    [Theory]
    [InlineData("U")]
    [InlineData("AB")]
    [InlineData("1")]
    public void Industry_is_a_section_letter_A_to_T(string industry)
    {
        var input = Input();
        input.Industry = industry;

        var (_, errors) = EnterpriseRules.Validate(input, Today, requireVersion: false);

        Assert.Equal(["Validation.Industry"], Keys(errors, "industry"));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1_000_000, false)]
    [InlineData(1_000_001, true)]
    public void Employees_are_between_0_and_a_million(int count, bool refused)
    {
        var input = Input();
        input.EmployeeCount = count;

        var (_, errors) = EnterpriseRules.Validate(input, Today, requireVersion: false);

        Assert.Equal(refused, Keys(errors, "employeeCount").SequenceEqual(["Validation.Range"]));
    }

    [Fact]
    public void Dates_are_not_in_the_future_and_move_out_follows_move_in()
    {
        var future = Input();
        future.MovedInOn = "2026-11-27";
        var today = Input();
        today.MovedInOn = "2026-11-26";
        var reversed = Input();
        reversed.MovedOutOn = "2024-04-30";
        var sameDay = Input();
        sameDay.MovedOutOn = "2024-05-01";

        Assert.Equal(
            ["Validation.DateInFuture"],
            Keys(EnterpriseRules.Validate(future, Today, false).Errors, "movedInOn")
        );
        Assert.Empty(EnterpriseRules.Validate(today, Today, false).Errors);
        Assert.Equal(
            ["Validation.MovedOutBeforeMovedIn"],
            Keys(EnterpriseRules.Validate(reversed, Today, false).Errors, "movedOutOn")
        );
        Assert.Empty(EnterpriseRules.Validate(sameDay, Today, false).Errors);
    }

    [Fact]
    public void An_update_needs_the_version()
    {
        var (_, errors) = EnterpriseRules.Validate(Input(), Today, requireVersion: true);

        Assert.Equal(["Validation.Required"], Keys(errors, "version"));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(200, false)]
    [InlineData(201, true)]
    public void A_building_has_1_to_200_floors(int floors, bool refused)
    {
        var input = new BuildingInput
        {
            Name = "样例大厦",
            Address = "某路 1 号",
            Floors = floors,
            CoveredFrom = "2024-01-01",
        };

        var (values, errors) = BuildingRules.Validate(input, Today, requireVersion: false);

        Assert.Equal(refused, values is null);
        Assert.Equal(refused, Keys(errors, "floors").SequenceEqual(["Validation.Range"]));
    }

    [Fact]
    public void Founding_date_size_and_tags_are_optional_and_normalised()
    {
        var (blank, none) = EnterpriseRules.Validate(Input(), Today, false);
        Assert.Empty(none);
        Assert.Null(blank!.FoundedOn);
        Assert.Null(blank.Size);
        Assert.Null(blank.Tags);

        var input = Input();
        input.FoundedOn = "2012-03-15";
        input.Size = "small";
        input.Tags = [" 高新技术企业 ", "专精特新", "", "高新技术企业"];
        var (v, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(2012, 3, 15), v!.FoundedOn);
        Assert.Equal(EnterpriseSize.Small, v.Size);
        Assert.Equal("高新技术企业;专精特新", v.Tags);
    }

    [Theory]
    [InlineData("Huge")]
    [InlineData("2")]
    [InlineData("大型")]
    public void An_unknown_size_is_a_field_error(string size)
    {
        var input = Input();
        input.Size = size;
        var (_, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Equal(["Validation.EnterpriseSize"], Keys(errors, "size"));
    }

    [Fact]
    public void Tags_are_limited_in_number_and_length_and_founding_is_not_in_the_future()
    {
        var input = Input();
        input.Tags = [.. Enumerable.Range(1, 11).Select(i => $"标签{i}")];
        input.FoundedOn = "2026-11-27";
        var (_, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Equal(["Validation.TooManyTags"], Keys(errors, "tags"));
        Assert.Equal(["Validation.DateInFuture"], Keys(errors, "foundedOn"));

        input.Tags = [new string('长', 31)];
        (_, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Equal(["Validation.Tag"], Keys(errors, "tags"));
        input.Tags = ["a;b"];
        (_, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Equal(["Validation.Tag"], Keys(errors, "tags"));
        input.Tags = [new string('长', 30)];
        (_, errors) = EnterpriseRules.Validate(input, Today, false);
        Assert.Empty(Keys(errors, "tags"));
    }
}
