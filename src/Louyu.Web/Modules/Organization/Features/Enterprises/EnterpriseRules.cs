using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// An enterprise as sent by a client or a form (api.md "Organisation system"); dates are YYYY-MM-DD strings and
/// the building id a string, so that a bad value is a field-level message rather than an unreadable request.
/// </summary>
public sealed class EnterpriseInput
{
    public string? UnifiedSocialCreditCode { get; set; }
    public string? Name { get; set; }
    public string? BuildingId { get; set; }
    public string? Industry { get; set; }
    public int? EmployeeCount { get; set; }
    public string? LegalRepresentative { get; set; }
    public bool? LegalRepresentativeIsMember { get; set; }
    public int? Floor { get; set; }
    public string? Room { get; set; }
    public string? MovedInOn { get; set; }
    public string? MovedOutOn { get; set; }

    /// <summary>成立日期 (YYYY-MM-DD), optional.</summary>
    public string? FoundedOn { get; set; }

    /// <summary>Large, Medium, Small or Micro (企业规模), optional.</summary>
    public string? Size { get; set; }

    /// <summary>Recognitions and labels (高新技术企业, 专精特新 …), optional.</summary>
    public List<string>? Tags { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

/// <summary>The checked values of an <see cref="EnterpriseInput"/>.</summary>
public sealed record EnterpriseValues(
    string UnifiedSocialCreditCode,
    string Name,
    Guid BuildingId,
    string Industry,
    int EmployeeCount,
    string LegalRepresentative,
    bool LegalRepresentativeIsMember,
    int Floor,
    string? Room,
    DateOnly MovedInOn,
    DateOnly? MovedOutOn,
    DateOnly? FoundedOn = null,
    EnterpriseSize? Size = null,
    string? Tags = null
);

/// <summary>
/// The rules of an enterprise record: credit code by GB 32100-2015, industry a GB/T 4754-2017 section letter,
/// 0–1,000,000 employees, dates not in the future and move-out not before move-in; size one of the four
/// 国统字〔2017〕213号 classes; at most 10 tags of at most 30 characters. Whether the building exists
/// (and has the floor) is checked by the handler against the database.
/// </summary>
public static class EnterpriseRules
{
    public const int MaxEmployees = 1_000_000;

    /// <summary>Tags as a person types them in one field or cell: separated by ';', '；', ',', '，' or '、'.</summary>
    public static List<string>? TypedTags(string? value) =>
        value?.Split([';', '；', ',', '，', '、'], StringSplitOptions.TrimEntries).ToList();

    public const int LowestFloor = -5;
    public const int HighestFloor = 200;

    public static (EnterpriseValues? Values, List<FieldError> Errors) Validate(
        EnterpriseInput input,
        DateOnly today,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var code = FieldRules.CreditCode(
            errors,
            "unifiedSocialCreditCode",
            input.UnifiedSocialCreditCode
        );
        var name = FieldRules.Text(errors, "name", input.Name, 200, required: true);
        var building = FieldRules.Id(errors, "buildingId", input.BuildingId, required: true);
        var industry = FieldRules.Industry(errors, "industry", input.Industry);
        var employees = FieldRules.Range(
            errors,
            "employeeCount",
            input.EmployeeCount,
            0,
            MaxEmployees,
            required: true
        );
        var legal = FieldRules.Text(
            errors,
            "legalRepresentative",
            input.LegalRepresentative,
            100,
            required: true
        );
        var floor = FieldRules.Range(
            errors,
            "floor",
            input.Floor,
            LowestFloor,
            HighestFloor,
            required: true
        );
        var room = FieldRules.Text(errors, "room", input.Room, 20, required: false);
        var movedIn = FieldRules.Date(errors, "movedInOn", input.MovedInOn, today, required: true);
        var movedOut = FieldRules.Date(
            errors,
            "movedOutOn",
            input.MovedOutOn,
            today,
            required: false
        );
        if (movedIn is not null && movedOut is not null && movedOut < movedIn)
            errors.Add(FieldError.Of("movedOutOn", "Validation.MovedOutBeforeMovedIn"));
        var founded = FieldRules.Date(errors, "foundedOn", input.FoundedOn, today, required: false);
        var size = FieldRules.Size(errors, "size", input.Size);
        var tags = FieldRules.Tags(errors, "tags", input.Tags);
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (
            new EnterpriseValues(
                code!,
                name!,
                building!.Value,
                industry!,
                employees!.Value,
                legal!,
                input.LegalRepresentativeIsMember ?? false,
                floor!.Value,
                room,
                movedIn!.Value,
                movedOut,
                founded,
                size,
                tags
            ),
            errors
        );
    }
}
