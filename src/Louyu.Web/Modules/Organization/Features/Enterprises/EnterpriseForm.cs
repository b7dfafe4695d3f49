using System.Globalization;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// The fields of the enterprise form (new and edit pages, <see cref="EnterpriseFormFields"/>); a checkbox needs a
/// plain bool, dates stay strings so that a bad value is a field message.
/// </summary>
public sealed class EnterpriseForm
{
    public string? UnifiedSocialCreditCode { get; set; }
    public string? Name { get; set; }
    public string? BuildingId { get; set; }
    public string? Industry { get; set; }
    public int? EmployeeCount { get; set; }
    public string? LegalRepresentative { get; set; }
    public bool LegalRepresentativeIsMember { get; set; }
    public int? Floor { get; set; }
    public string? Room { get; set; }
    public string? MovedInOn { get; set; }
    public string? MovedOutOn { get; set; }
    public string? FoundedOn { get; set; }
    public string? Size { get; set; }

    /// <summary>Tags as typed: separated by ';', '；', ',', '，' or '、'.</summary>
    public string? Tags { get; set; }

    /// <summary>The version read (edit page only).</summary>
    public int? Version { get; set; }

    public EnterpriseInput ToInput() =>
        new()
        {
            UnifiedSocialCreditCode = UnifiedSocialCreditCode,
            Name = Name,
            BuildingId = BuildingId,
            Industry = Industry,
            EmployeeCount = EmployeeCount,
            LegalRepresentative = LegalRepresentative,
            LegalRepresentativeIsMember = LegalRepresentativeIsMember,
            Floor = Floor,
            Room = Room,
            MovedInOn = MovedInOn,
            MovedOutOn = MovedOutOn,
            FoundedOn = FoundedOn,
            Size = Size,
            Tags = EnterpriseRules.TypedTags(Tags),
            Version = Version,
        };

    public static EnterpriseForm From(EnterpriseResponse e) =>
        new()
        {
            UnifiedSocialCreditCode = e.UnifiedSocialCreditCode,
            Name = e.Name,
            BuildingId = e.BuildingId.ToString(),
            Industry = e.Industry,
            EmployeeCount = e.EmployeeCount,
            LegalRepresentative = e.LegalRepresentative,
            LegalRepresentativeIsMember = e.LegalRepresentativeIsMember,
            Floor = e.Floor,
            Room = e.Room,
            MovedInOn = Iso(e.MovedInOn),
            MovedOutOn = e.MovedOutOn is { } d ? Iso(d) : null,
            FoundedOn = e.FoundedOn is { } f ? Iso(f) : null,
            Size = e.Size,
            Tags = e.Tags is { Count: > 0 } t ? string.Join('；', t) : null,
            Version = e.Version,
        };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
