using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;

namespace Louyu.Tests;

/// <summary>
/// The member record rules (pure): the birth date and gender in the resident ID (GB 11643-1999), admission at 18
/// or older (《中国共产党章程》第一条), dates and statuses.
/// </summary>
public sealed class MemberRecordRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateOnly Birth = new(1990, 3, 15);

    // 17th digit 1 (odd) → male; 2 (even) → female.
    private static readonly string MaleId = ResidentIdNumber.Compose("110105", Birth, 11);
    private static readonly string FemaleId = ResidentIdNumber.Compose("110105", Birth, 12);

    private static MemberInput Input(string? id = null) =>
        new()
        {
            Name = "李四",
            ResidentId = id ?? MaleId,
            Gender = "Male",
            BirthDate = "1990-03-15",
            Status = "Full",
            JoinedOn = "2015-07-01",
            FullMemberOn = "2016-07-01",
        };

    private static string[] Fields(MemberInput input) =>
        [.. MemberRules.Validate(input, Today, requireVersion: false).Errors.Select(e => e.Field)];

    private static string? Key(MemberInput input, string field) =>
        MemberRules
            .Validate(input, Today, requireVersion: false)
            .Errors.FirstOrDefault(e => e.Field == field)
            ?.Key;

    [Fact]
    public void The_published_vector_agrees_with_its_birth_date_and_gender()
    {
        var id = ResidentIdNumber.Check("11010519491231002X", Today);
        Assert.True(MemberRecordRules.BirthDateAgrees(id, new DateOnly(1949, 12, 31)));
        Assert.False(MemberRecordRules.BirthDateAgrees(id, new DateOnly(1949, 12, 30)));
        Assert.True(MemberRecordRules.GenderAgrees(id, Gender.Female)); // 17th digit 2
        Assert.False(MemberRecordRules.GenderAgrees(id, Gender.Male));
        var male = ResidentIdNumber.Check("360426199101010071", Today);
        Assert.True(MemberRecordRules.GenderAgrees(male, Gender.Male)); // 17th digit 7
    }

    [Fact]
    public void An_invalid_id_agrees_with_nothing()
    {
        var bad = ResidentIdNumber.Check("110105194912310021", Today);
        Assert.False(MemberRecordRules.BirthDateAgrees(bad, new DateOnly(1949, 12, 31)));
        Assert.False(MemberRecordRules.GenderAgrees(bad, Gender.Female));
    }

    [Theory]
    [InlineData("2000-06-15", "2018-06-15", true)] // the 18th birthday itself
    [InlineData("2000-06-15", "2018-06-14", false)] // the day before
    [InlineData("2000-06-15", "2030-01-01", true)]
    [InlineData("2000-02-29", "2018-02-28", false)] // born on 29 February: not yet 18 on 28 February
    [InlineData("2000-02-29", "2018-03-01", true)]
    [InlineData("2004-02-29", "2022-03-01", true)]
    [InlineData("2004-02-29", "2022-02-28", false)]
    public void Admission_requires_the_18th_birthday(string birth, string joined, bool ok)
    {
        Assert.Equal(
            ok,
            MemberRecordRules.OfAgeAtJoining(DateOnly.Parse(birth), DateOnly.Parse(joined))
        );
    }

    [Fact]
    public void Born_on_29_February_turns_18_on_29_February_of_a_leap_year()
    {
        var b = new DateOnly(2004, 2, 29);
        Assert.Equal(new DateOnly(2022, 3, 1), MemberRecordRules.Anniversary(b, 18));
        Assert.Equal(new DateOnly(2024, 2, 29), MemberRecordRules.Anniversary(b, 20));
    }

    [Fact]
    public void A_consistent_record_passes_and_takes_birth_date_and_gender_from_the_id()
    {
        var input = Input();
        input.Gender = null;
        input.BirthDate = null;
        var (values, errors) = MemberRules.Validate(input, Today, requireVersion: false);
        Assert.Empty(errors);
        Assert.NotNull(values);
        Assert.Equal(Birth, values.BirthDate);
        Assert.Equal(Gender.Male, values.Gender);
        Assert.Equal(OrganizationalStatus.Normal, values.OrganizationalStatus);
    }

    [Fact]
    public void Gender_and_birth_date_must_agree_with_the_id()
    {
        var input = Input(FemaleId);
        Assert.Equal("Validation.GenderDisagreesWithId", Key(input, "gender"));
        input = Input();
        input.BirthDate = "1990-03-16";
        Assert.Equal("Validation.BirthDateDisagreesWithId", Key(input, "birthDate"));
    }

    [Theory]
    [InlineData("", "Validation.Required")]
    [InlineData("11010519491231002", "Validation.ResidentIdLength")]
    [InlineData("1101051949123100AX", "Validation.ResidentIdCharacters")]
    [InlineData("110105194902300021", "Validation.ResidentIdBirthDate")]
    [InlineData("110105194912310021", "Validation.ResidentIdCheck")]
    public void Each_id_problem_has_its_message(string id, string key)
    {
        var input = Input();
        input.ResidentId = id;
        Assert.Equal(key, Key(input, "residentId"));
    }

    [Fact]
    public void Under_18_at_admission_is_refused()
    {
        var input = Input();
        input.JoinedOn = "2008-03-14";
        input.FullMemberOn = "2009-03-14";
        Assert.Equal("Validation.UnderAdmissionAge", Key(input, "joinedOn"));
        input.JoinedOn = "2008-03-15";
        Assert.DoesNotContain("joinedOn", Fields(input));
    }

    [Fact]
    public void Dates_and_statuses_are_consistent()
    {
        var input = Input();
        input.FullMemberOn = "2015-07-01";
        Assert.Equal("Validation.FullMemberOnNotAfterJoinedOn", Key(input, "fullMemberOn"));
        input = Input();
        input.FullMemberOn = null;
        Assert.Equal("Validation.FullMemberOnRequired", Key(input, "fullMemberOn"));
        input = Input();
        input.Status = "Probationary";
        input.JoinedOn = null;
        input.FullMemberOn = null;
        Assert.Equal("Validation.JoinedOnRequiredForMember", Key(input, "joinedOn"));
        input = Input();
        input.JoinedOn = "2026-11-27";
        Assert.Equal("Validation.DateInFuture", Key(input, "joinedOn"));
        input = Input();
        input.Status = "Member";
        Assert.Equal("Validation.MemberStatus", Key(input, "status"));
        input = Input();
        input.Gender = "3";
        Assert.Equal("Validation.Gender", Key(input, "gender"));
        input = Input();
        input.Status = "Applicant";
        input.JoinedOn = null;
        input.FullMemberOn = null;
        Assert.Empty(Fields(input));
    }

    [Fact]
    public void An_update_without_the_full_id_keeps_the_stored_one()
    {
        var input = Input(ResidentIdNumber.Mask(MaleId));
        input.Version = 3;
        var (values, errors) = MemberRules.Validate(input, Today, true, storedResidentId: MaleId);
        Assert.Empty(errors);
        Assert.Equal(MaleId, values!.ResidentId);
    }

    [Fact]
    public void Phones_are_masked()
    {
        Assert.Equal("138****0004", MemberRecordRules.MaskPhone("13800000004"));
    }
}
