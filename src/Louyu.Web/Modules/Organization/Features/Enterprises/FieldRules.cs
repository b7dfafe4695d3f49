using System.Globalization;
using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>A field-level message: the JSON field name, a resource key and its arguments.</summary>
public sealed record FieldError(string Field, string Key, object[] Args)
{
    public static FieldError Of(string field, string key, params object[] args) =>
        new(field, key, args);
}

/// <summary>
/// Field checks shared by the building and enterprise rules: pure functions (no EF, no HTTP), each adding its
/// message to a list, so a form shows every problem at once.
/// </summary>
public static class FieldRules
{
    public static string? Text(
        List<FieldError> errors,
        string field,
        string? value,
        int maxLength,
        bool required
    )
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
                errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (v.Length > maxLength)
        {
            errors.Add(FieldError.Of(field, "Validation.TooLong", maxLength));
            return null;
        }
        return v;
    }

    public static int? Range(
        List<FieldError> errors,
        string field,
        int? value,
        int min,
        int max,
        bool required
    )
    {
        if (value is null)
        {
            if (required)
                errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(FieldError.Of(field, "Validation.Range", min, max));
            return null;
        }
        return value;
    }

    /// <summary>A date as YYYY-MM-DD, not after <paramref name="today"/> (Asia/Shanghai).</summary>
    public static DateOnly? Date(
        List<FieldError> errors,
        string field,
        string? value,
        DateOnly today,
        bool required
    )
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (
            !DateOnly.TryParseExact(
                value.Trim(),
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
        {
            errors.Add(FieldError.Of(field, "Validation.Date"));
            return null;
        }
        if (d > today)
        {
            errors.Add(FieldError.Of(field, "Validation.DateInFuture"));
            return null;
        }
        return d;
    }

    public static Guid? Id(List<FieldError> errors, string field, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (!Guid.TryParse(value.Trim(), out var id))
        {
            errors.Add(FieldError.Of(field, "Validation.Id"));
            return null;
        }
        return id;
    }

    /// <summary>The unified social credit code, upper-cased, or a message naming GB 32100-2015.</summary>
    public static string? CreditCode(List<FieldError> errors, string field, string? value)
    {
        var problem = UnifiedSocialCreditCode.Validate(value);
        if (problem is null)
            return value!.Trim().ToUpperInvariant();
        errors.Add(FieldError.Of(field, CreditCodeKey(problem.Value)));
        return null;
    }

    public static string CreditCodeKey(CreditCodeProblem problem) =>
        problem switch
        {
            CreditCodeProblem.Missing => "Validation.Required",
            CreditCodeProblem.Length => "Validation.CreditCodeLength",
            CreditCodeProblem.Characters => "Validation.CreditCodeCharacters",
            CreditCodeProblem.CheckDigit => "Validation.CreditCodeCheck",
            _ => "Validation.CreditCodeOrganizationCheck",
        };

    /// <summary>GB/T 4754-2017 section letters A–T (国民经济行业分类门类).</summary>
    public const string IndustrySections = "ABCDEFGHIJKLMNOPQRST";

    public static string? Industry(List<FieldError> errors, string field, string? value)
    {
        var v = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(FieldError.Of(field, "Validation.Required"));
            return null;
        }
        if (v.Length != 1 || !IndustrySections.Contains(v[0], StringComparison.Ordinal))
        {
            errors.Add(FieldError.Of(field, "Validation.Industry"));
            return null;
        }
        return v;
    }

    /// <summary>企业规模 by name (Large, Medium, Small, Micro), optional.</summary>
    public static EnterpriseSize? Size(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (
            Enum.TryParse<EnterpriseSize>(value.Trim(), ignoreCase: true, out var size)
            && Enum.IsDefined(size)
            && !int.TryParse(value, out _)
        )
            return size;
        errors.Add(FieldError.Of(field, "Validation.EnterpriseSize"));
        return null;
    }

    public const int MaxTags = 10;
    public const int MaxTagLength = 30;

    /// <summary>
    /// Tags as stored (';'-separated, trimmed, duplicates and blanks dropped): at most <see cref="MaxTags"/>, each at
    /// most <see cref="MaxTagLength"/> characters and without a separator in it.
    /// </summary>
    public static string? Tags(List<FieldError> errors, string field, IEnumerable<string>? values)
    {
        var tags = (values ?? [])
            .Select(t => t?.Trim() ?? "")
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (tags.Count == 0)
            return null;
        if (tags.Count > MaxTags)
            errors.Add(FieldError.Of(field, "Validation.TooManyTags", MaxTags));
        else if (tags.Any(t => t.Length > MaxTagLength || t.IndexOfAny([';', '；']) >= 0))
            errors.Add(FieldError.Of(field, "Validation.Tag", MaxTagLength));
        else
            return string.Join(';', tags);
        return null;
    }
}
