namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>
/// Unified social credit code (统一社会信用代码), GB 32100-2015: registration department, organisation type,
/// 6-digit region code, 9-character organisation code (GB 11714, with its own check character) and a MOD 31
/// check character. Source: domain-rules.md §7.2.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const string Source = "GB 32100-2015";
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights =
    [
        1,
        3,
        9,
        27,
        19,
        26,
        16,
        17,
        20,
        29,
        25,
        13,
        8,
        24,
        10,
        30,
        28,
    ];
    private static readonly int[] OrgCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
            throw new ArgumentException("17 characters expected", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
                throw new ArgumentException(
                    "character outside the GB 32100 alphabet",
                    nameof(first17)
                );
            sum += v * Weights[i];
        }
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Check character of the 8-character body of an organisation code (GB 11714): 0–9 or X.</summary>
    public static char OrganizationCodeCheck(ReadOnlySpan<char> body8)
    {
        if (body8.Length != 8)
            throw new ArgumentException("8 characters expected", nameof(body8));
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += CharValue(body8[i]) * OrgCodeWeights[i];
        var c = 11 - (sum % 11);
        return c switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + c),
        };
    }

    private static int CharValue(char c) =>
        c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'Z' => c - 'A' + 10,
            _ => throw new ArgumentException("invalid organisation code character", nameof(c)),
        };

    /// <summary>Builds a valid code: department + type + region + organisation code body (8 chars).</summary>
    public static string Compose(char department, char type, string regionCode, string orgCodeBody8)
    {
        var first17 =
            $"{department}{type}{regionCode}{orgCodeBody8}{OrganizationCodeCheck(orgCodeBody8)}";
        return first17 + CheckCharacter(first17);
    }

    public static CreditCodeProblem? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return CreditCodeProblem.Missing;
        var code = value.Trim().ToUpperInvariant();
        if (code.Length != 18)
            return CreditCodeProblem.Length;
        foreach (var c in code)
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
                return CreditCodeProblem.Characters;
        for (var i = 2; i < 8; i++)
            if (code[i] is < '0' or > '9')
                return CreditCodeProblem.Characters;
        if (CheckCharacter(code.AsSpan(0, 17)) != code[17])
            return CreditCodeProblem.CheckDigit;
        if (OrganizationCodeCheck(code.AsSpan(8, 8)) != code[16])
            return CreditCodeProblem.OrganizationCodeCheck;
        return null;
    }
}

public enum CreditCodeProblem
{
    Missing,
    Length,
    Characters,
    CheckDigit,
    OrganizationCodeCheck,
}
