namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>Organisational status of a member (组织状态): normal, mobile (流动), lost contact (失联), standing stopped (停止党籍).</summary>
public enum OrganizationalStatus
{
    Normal,
    Mobile,
    LostContact,
    StandingStopped,
}

/// <summary>
/// Pure rules of a member record: the birth date and gender printed in the resident ID (GB 11643-1999, domain-rules
/// §7.1) and the age of admission (《中国共产党章程》第一条: 年满十八岁).
/// </summary>
public static class MemberRecordRules
{
    public const int AdmissionAge = 18;
    public const string AdmissionAgeSource = "《中国共产党章程》第一条";

    /// <summary>Whether the birth date given agrees with the one encoded in positions 7–14 of the ID.</summary>
    public static bool BirthDateAgrees(ResidentIdCheck id, DateOnly birthDate) =>
        id.IsValid && id.BirthDate == birthDate;

    /// <summary>Whether the gender given agrees with the 17th digit of the ID (odd = male).</summary>
    public static bool GenderAgrees(ResidentIdCheck id, Gender gender) =>
        id.IsValid && id.Gender == gender;

    /// <summary>
    /// The day a person born on <paramref name="birthDate"/> turns <paramref name="years"/>: the same day and month,
    /// and for 29 February in a common year, 1 March (the anniversary has not passed on 28 February).
    /// </summary>
    public static DateOnly Anniversary(DateOnly birthDate, int years)
    {
        var year = birthDate.Year + years;
        if (birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year))
            return new DateOnly(year, 3, 1);
        return new DateOnly(year, birthDate.Month, birthDate.Day);
    }

    /// <summary>Whether the person had turned 18 on the day of admission.</summary>
    public static bool OfAgeAtJoining(DateOnly birthDate, DateOnly joinedOn) =>
        joinedOn >= Anniversary(birthDate, AdmissionAge);

    /// <summary>Whether the status is that of a party member (预备党员 or 正式党员), which has an admission date.</summary>
    public static bool IsPartyMember(MemberStatus status) =>
        status is MemberStatus.Probationary or MemberStatus.Full;

    /// <summary>A mobile number shown as 138****0004 (first 3 and last 4 kept).</summary>
    public static string MaskPhone(string phone) =>
        phone.Length >= 7
            ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4))
            : "****";
}
