namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>
/// Resident identity number (公民身份号码), GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence
/// (odd = male), and an ISO 7064 MOD 11-2 check character. Source: domain-rules.md §7.1.
/// </summary>
public static class ResidentIdNumber
{
    public const string Source = "GB 11643-1999";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
            throw new ArgumentException("17 digits expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = first17[i];
            if (c is < '0' or > '9')
                throw new ArgumentException("digits expected", nameof(first17));
            sum += (c - '0') * Weights[i];
        }
        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>Builds a valid number from its parts (used by the demo generator and tests).</summary>
    public static string Compose(string regionCode, DateOnly birthDate, int sequence)
    {
        var body = $"{regionCode}{birthDate:yyyyMMdd}{sequence:000}";
        return body + CheckCharacter(body);
    }

    public static ResidentIdCheck Check(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
            return ResidentIdCheck.Fail(ResidentIdProblem.Missing);
        var id = value.Trim().ToUpperInvariant();
        if (id.Length != 18)
            return ResidentIdCheck.Fail(ResidentIdProblem.Length);
        for (var i = 0; i < 17; i++)
            if (id[i] is < '0' or > '9')
                return ResidentIdCheck.Fail(ResidentIdProblem.Characters);
        if (id[17] is not ((>= '0' and <= '9') or 'X'))
            return ResidentIdCheck.Fail(ResidentIdProblem.Characters);
        if (
            !DateOnly.TryParseExact(
                id.AsSpan(6, 8),
                "yyyyMMdd",
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None,
                out var birth
            )
        )
            return ResidentIdCheck.Fail(ResidentIdProblem.BirthDate);
        if (birth > today || birth.Year < 1900)
            return ResidentIdCheck.Fail(ResidentIdProblem.BirthDate);
        if (CheckCharacter(id.AsSpan(0, 17)) != id[17])
            return ResidentIdCheck.Fail(ResidentIdProblem.CheckDigit);
        var gender = (id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        return new ResidentIdCheck(true, null, id, birth, gender);
    }

    /// <summary>110105********002X: region kept, birth date hidden, sequence and check kept.</summary>
    public static string Mask(string id) =>
        id.Length == 18 ? string.Concat(id.AsSpan(0, 6), "********", id.AsSpan(14, 4)) : "******";
}

public enum ResidentIdProblem
{
    Missing,
    Length,
    Characters,
    BirthDate,
    CheckDigit,
}

public sealed record ResidentIdCheck(
    bool IsValid,
    ResidentIdProblem? Problem,
    string? Normalized,
    DateOnly? BirthDate,
    Gender? Gender
)
{
    public static ResidentIdCheck Fail(ResidentIdProblem problem) =>
        new(false, problem, null, null, null);
}
