using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Tests;

/// <summary>Resident ID (GB 11643-1999) and unified social credit code (GB 32100-2015), domain-rules.md §7.</summary>
public sealed class IdentifierTests
{
    private static readonly DateOnly Today = new(2024, 6, 15);

    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)]
    [InlineData("360426199101010071", 1991, 1, 1, Gender.Male)]
    public void ResidentId_valid_vectors_pass_with_birth_date_and_gender(
        string id,
        int year,
        int month,
        int day,
        Gender gender
    )
    {
        var check = ResidentIdNumber.Check(id, Today);
        Assert.True(check.IsValid);
        Assert.Null(check.Problem);
        Assert.Equal(id, check.Normalized);
        Assert.Equal(new DateOnly(year, month, day), check.BirthDate);
        Assert.Equal(gender, check.Gender);
        Assert.Equal(id[17], ResidentIdNumber.CheckCharacter(id.AsSpan(0, 17)));
    }

    [Fact]
    public void ResidentId_lower_case_x_and_surrounding_spaces_are_normalised()
    {
        var check = ResidentIdNumber.Check("  11010519491231002x ", Today);
        Assert.True(check.IsValid);
        Assert.Equal("11010519491231002X", check.Normalized);
    }

    [Theory]
    [InlineData(null, ResidentIdProblem.Missing)]
    [InlineData("", ResidentIdProblem.Missing)]
    [InlineData("   ", ResidentIdProblem.Missing)]
    [InlineData("110105194912310021", ResidentIdProblem.CheckDigit)] // X expected
    [InlineData("360426199101010072", ResidentIdProblem.CheckDigit)] // 1 expected
    [InlineData("11010519491231002", ResidentIdProblem.Length)]
    [InlineData("11010519491231002X0", ResidentIdProblem.Length)]
    [InlineData("11010519491A31002X", ResidentIdProblem.Characters)] // letter in the body
    [InlineData("X10105194912310020", ResidentIdProblem.Characters)]
    [InlineData("36042619910101007A", ResidentIdProblem.Characters)] // only X may end it
    public void ResidentId_invalid_vectors_are_rejected(string? id, ResidentIdProblem problem)
    {
        var check = ResidentIdNumber.Check(id, Today);
        Assert.False(check.IsValid);
        Assert.Equal(problem, check.Problem);
        Assert.Null(check.Normalized);
        Assert.Null(check.BirthDate);
        Assert.Null(check.Gender);
    }

    [Theory]
    [InlineData("19990230")] // 30 February
    [InlineData("19991301")] // month 13
    [InlineData("20230229")] // not a leap year
    [InlineData("18991231")] // before 1900
    public void ResidentId_impossible_birth_date_is_rejected_even_with_a_right_check_digit(
        string birth
    )
    {
        var body = $"110105{birth}002";
        var id = body + ResidentIdNumber.CheckCharacter(body);
        var check = ResidentIdNumber.Check(id, Today);
        Assert.False(check.IsValid);
        Assert.Equal(ResidentIdProblem.BirthDate, check.Problem);
    }

    [Fact]
    public void ResidentId_birth_date_in_the_future_is_rejected_but_today_is_accepted()
    {
        var tomorrow = ResidentIdNumber.Compose("110105", Today.AddDays(1), 2);
        Assert.Equal(ResidentIdProblem.BirthDate, ResidentIdNumber.Check(tomorrow, Today).Problem);

        var bornToday = ResidentIdNumber.Compose("110105", Today, 2);
        var check = ResidentIdNumber.Check(bornToday, Today);
        Assert.True(check.IsValid);
        Assert.Equal(Today, check.BirthDate);
    }

    [Fact]
    public void ResidentId_leap_day_is_a_real_date()
    {
        var id = ResidentIdNumber.Compose("110105", new DateOnly(2000, 2, 29), 11);
        Assert.True(ResidentIdNumber.Check(id, Today).IsValid);
    }

    [Theory]
    [InlineData(1, Gender.Male)]
    [InlineData(2, Gender.Female)]
    [InlineData(3, Gender.Male)]
    [InlineData(100, Gender.Female)]
    [InlineData(999, Gender.Male)]
    [InlineData(0, Gender.Female)]
    public void ResidentId_gender_follows_the_17th_digit(int sequence, Gender gender)
    {
        var id = ResidentIdNumber.Compose("360426", new DateOnly(1991, 1, 1), sequence);
        Assert.Equal(gender, ResidentIdNumber.Check(id, Today).Gender);
    }

    [Fact]
    public void ResidentId_mask_keeps_region_sequence_and_check()
    {
        Assert.Equal("110105********002X", ResidentIdNumber.Mask("11010519491231002X"));
        Assert.Equal("360426********0071", ResidentIdNumber.Mask("360426199101010071"));
        Assert.Equal("******", ResidentIdNumber.Mask("1101051949"));
    }

    [Fact]
    public void ResidentId_check_character_rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.CheckCharacter("1101051949123100"));
        Assert.Throws<ArgumentException>(() =>
            ResidentIdNumber.CheckCharacter("1101051949123100A")
        );
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2009)]
    [InlineData(2021)]
    [InlineData(65_537)]
    public void ResidentId_compose_round_trips(int seed)
    {
        var rng = new Random(seed);
        var first = new DateOnly(1900, 1, 1).DayNumber;
        for (var n = 0; n < 500; n++)
        {
            var region = rng.Next(110_000, 660_000).ToString("000000");
            var birth = DateOnly.FromDayNumber(first + rng.Next(Today.DayNumber - first + 1));
            var sequence = rng.Next(1000);
            var id = ResidentIdNumber.Compose(region, birth, sequence);
            var check = ResidentIdNumber.Check(id, Today);
            Assert.True(check.IsValid, $"{id} (seed {seed}) should be valid: {check.Problem}");
            Assert.Equal(id, check.Normalized);
            Assert.Equal(birth, check.BirthDate);
            Assert.Equal(sequence % 2 == 1 ? Gender.Male : Gender.Female, check.Gender);
            Assert.Equal($"{region}********{sequence:000}{id[17]}", ResidentIdNumber.Mask(id));
        }
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void CreditCode_valid_vectors_pass(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Validate(code));
        Assert.Null(UnifiedSocialCreditCode.Validate(code.ToLowerInvariant()));
        Assert.Equal(code[17], UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, 17)));
        Assert.Equal(code[16], UnifiedSocialCreditCode.OrganizationCodeCheck(code.AsSpan(8, 8)));
    }

    [Theory]
    [InlineData(null, CreditCodeProblem.Missing)]
    [InlineData("", CreditCodeProblem.Missing)]
    [InlineData("91350100M000100Y44", CreditCodeProblem.CheckDigit)]
    [InlineData("91110000600037341K", CreditCodeProblem.CheckDigit)]
    [InlineData("91350100M000100Y4", CreditCodeProblem.Length)]
    [InlineData("91350100M000100Y433", CreditCodeProblem.Length)]
    [InlineData("91350100M000100Y4-", CreditCodeProblem.Characters)]
    public void CreditCode_invalid_vectors_are_rejected(string? code, CreditCodeProblem problem) =>
        Assert.Equal(problem, UnifiedSocialCreditCode.Validate(code));

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void CreditCode_letters_outside_the_alphabet_are_rejected(char bad)
    {
        foreach (var valid in new[] { "91350100M000100Y43", "91110000600037341L" })
        {
            // In the check position, in the organisation code, and as the registration department.
            foreach (var position in new[] { 17, 8, 0 })
            {
                var chars = valid.ToCharArray();
                chars[position] = bad;
                Assert.Equal(
                    CreditCodeProblem.Characters,
                    UnifiedSocialCreditCode.Validate(new string(chars))
                );
            }
            Assert.Throws<ArgumentException>(() =>
                UnifiedSocialCreditCode.CheckCharacter(
                    string.Concat(valid.AsSpan(0, 16), bad.ToString())
                )
            );
        }
    }

    [Fact]
    public void CreditCode_region_must_be_digits_even_with_a_right_check_character()
    {
        const string first17 = "91A50100M000100Y4";
        var code = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        Assert.Equal(CreditCodeProblem.Characters, UnifiedSocialCreditCode.Validate(code));
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void CreditCode_wrong_organisation_code_check_is_caught_when_the_mod31_check_is_right(
        string valid
    )
    {
        var right = valid[16];
        foreach (var wrong in "0123456789X")
        {
            if (wrong == right)
                continue;
            var first17 = string.Concat(valid.AsSpan(0, 16), wrong.ToString());
            var code = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
            // The overall MOD 31 check is right by construction …
            Assert.Equal(code[17], UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, 17)));
            // … so only the embedded GB 11714 check can catch it.
            Assert.Equal(
                CreditCodeProblem.OrganizationCodeCheck,
                UnifiedSocialCreditCode.Validate(code)
            );
        }
    }

    [Theory]
    [InlineData("M000100Y", '4')]
    [InlineData("60003734", '1')]
    public void CreditCode_organisation_code_check_vectors(string body, char check) =>
        Assert.Equal(check, UnifiedSocialCreditCode.OrganizationCodeCheck(body));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(2009)]
    [InlineData(2021)]
    [InlineData(65_537)]
    public void CreditCode_compose_round_trips(int seed)
    {
        var rng = new Random(seed);
        var alphabet = UnifiedSocialCreditCode.Alphabet;
        var seen = new HashSet<char>();
        for (var n = 0; n < 500; n++)
        {
            var department = alphabet[rng.Next(alphabet.Length)];
            var type = alphabet[rng.Next(alphabet.Length)];
            var region = rng.Next(1_000_000).ToString("000000");
            var body = new string(
                Enumerable.Range(0, 8).Select(_ => alphabet[rng.Next(alphabet.Length)]).ToArray()
            );
            var code = UnifiedSocialCreditCode.Compose(department, type, region, body);
            Assert.Equal(18, code.Length);
            Assert.Equal($"{department}{type}{region}{body}", code[..16]);
            Assert.True(
                UnifiedSocialCreditCode.Validate(code) is null,
                $"{code} (seed {seed}) should be valid: {UnifiedSocialCreditCode.Validate(code)}"
            );
            seen.Add(code[16]);
        }
        Assert.Contains('X', seen);
        Assert.Contains('0', seen);
    }
}
