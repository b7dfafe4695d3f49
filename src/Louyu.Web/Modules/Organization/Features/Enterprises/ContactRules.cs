using System.Text.RegularExpressions;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>An enterprise contact as sent by a client or a form.</summary>
public sealed class ContactInput
{
    public string? Name { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool? IsPrimary { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

/// <summary>The checked values of a <see cref="ContactInput"/>.</summary>
public sealed record ContactValues(
    string Name,
    string? Title,
    string? Phone,
    string? Email,
    bool IsPrimary
);

/// <summary>
/// The rules of an enterprise contact: a name; a phone that is a mainland mobile number (11 digits, 1[3-9]…, as
/// allotted under the MIIT numbering plan 《电信网编号计划》) or a landline with its area code (0 + 2–3 digits, a
/// hyphen, 7–8 digits, optionally "-extension": 010-12345678, 0755-8765432-801); an e-mail address of the usual
/// local@domain.tld form. At most one contact of an enterprise is primary (the handler clears the old one).
/// </summary>
public static partial class ContactRules
{
    [GeneratedRegex(@"^1[3-9]\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0\d{2,3}-\d{7,8}(-\d{1,6})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Landline();

    [GeneratedRegex(
        @"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex EmailPattern();

    /// <summary>A mainland mobile number (13800138000) or a landline with area code (010-12345678).</summary>
    public static bool IsPhone(string phone) =>
        Mobile().IsMatch(phone) || Landline().IsMatch(phone);

    public static bool IsEmail(string email) =>
        email.Length <= 200 && EmailPattern().IsMatch(email);

    /// <summary>
    /// The phone as stored: spaces removed, a leading +86 / 0086 dropped from a mobile number; null when blank.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        var p = phone?.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(p))
            return null;
        if (p.StartsWith("+86", StringComparison.Ordinal))
            p = p[3..].TrimStart('-');
        else if (p.StartsWith("0086", StringComparison.Ordinal))
            p = p[4..].TrimStart('-');
        return p;
    }

    public static (ContactValues? Values, List<FieldError> Errors) Validate(
        ContactInput input,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var name = FieldRules.Text(errors, "name", input.Name, 100, required: true);
        var title = FieldRules.Text(errors, "title", input.Title, 100, required: false);
        var phone = NormalisePhone(input.Phone);
        if (phone is not null && (phone.Length > 20 || !IsPhone(phone)))
        {
            errors.Add(FieldError.Of("phone", "Validation.ContactPhone"));
            phone = null;
        }
        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email))
            email = null;
        else if (!IsEmail(email))
        {
            errors.Add(FieldError.Of("email", "Validation.Email"));
            email = null;
        }
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (new ContactValues(name!, title, phone, email, input.IsPrimary ?? false), errors);
    }
}
