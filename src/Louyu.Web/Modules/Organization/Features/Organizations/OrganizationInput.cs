using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Organizations;

/// <summary>A party organisation as sent by a client (api.md "Organisation system"); ids and dates are strings so
/// that a bad value is a field-level message.</summary>
public sealed class OrganizationInput
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? ParentId { get; set; }
    public string? BuildingId { get; set; }
    public string? Grouping { get; set; }
    public string? FoundedOn { get; set; }
    public string? DissolvedOn { get; set; }
    public List<string>? EnterpriseIds { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

/// <summary>The checked values of an <see cref="OrganizationInput"/>.</summary>
public sealed record OrganizationValues(
    string Name,
    OrganizationType Type,
    Guid? ParentId,
    Guid BuildingId,
    JointGrouping? Grouping,
    DateOnly FoundedOn,
    DateOnly? DissolvedOn,
    IReadOnlyList<Guid> EnterpriseIds
);

/// <summary>
/// The field rules of an organisation: a known type; a branch covers exactly one enterprise, a joint branch at
/// least two (more than five is allowed and flagged by <see cref="OrganizationRules"/>); a grouping only for a joint
/// branch; founded not in the future; dissolved not before founded. Parent, building and enterprises are checked
/// against the database by the handler.
/// </summary>
public static class OrganizationInputRules
{
    public const int MaxEnterprises = 200;

    public static (OrganizationValues? Values, List<FieldError> Errors) Validate(
        OrganizationInput input,
        DateOnly today,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var name = FieldRules.Text(errors, "name", input.Name, 200, required: true);
        OrganizationType? type = null;
        if (string.IsNullOrWhiteSpace(input.Type))
            errors.Add(FieldError.Of("type", "Validation.Required"));
        else if (
            Enum.TryParse<OrganizationType>(input.Type.Trim(), ignoreCase: false, out var t)
            && Enum.IsDefined(t)
            && !int.TryParse(input.Type, out _)
        )
            type = t;
        else
            errors.Add(FieldError.Of("type", "Validation.OrganizationType"));
        var parent = FieldRules.Id(errors, "parentId", input.ParentId, required: false);
        var building = FieldRules.Id(errors, "buildingId", input.BuildingId, required: true);
        JointGrouping? grouping = null;
        if (!string.IsNullOrWhiteSpace(input.Grouping))
        {
            if (
                Enum.TryParse<JointGrouping>(input.Grouping.Trim(), false, out var g)
                && Enum.IsDefined(g)
                && !int.TryParse(input.Grouping, out _)
            )
                grouping = g;
            else
                errors.Add(FieldError.Of("grouping", "Validation.Grouping"));
            if (grouping is not null && type is not null && type != OrganizationType.JointBranch)
                errors.Add(FieldError.Of("grouping", "Validation.GroupingJointOnly"));
        }
        var founded = FieldRules.Date(errors, "foundedOn", input.FoundedOn, today, required: true);
        var dissolved = FieldRules.Date(
            errors,
            "dissolvedOn",
            input.DissolvedOn,
            today,
            required: false
        );
        if (founded is not null && dissolved is not null && dissolved < founded)
            errors.Add(FieldError.Of("dissolvedOn", "Validation.DissolvedBeforeFounded"));

        var enterprises = new List<Guid>();
        var badId = false;
        foreach (var raw in input.EnterpriseIds ?? [])
        {
            if (Guid.TryParse(raw?.Trim(), out var id))
            {
                if (!enterprises.Contains(id))
                    enterprises.Add(id);
            }
            else
                badId = true;
        }
        if (badId)
            errors.Add(FieldError.Of("enterpriseIds", "Validation.Id"));
        else if (enterprises.Count > MaxEnterprises)
            errors.Add(FieldError.Of("enterpriseIds", "Validation.Range", 0, MaxEnterprises));
        else if (type == OrganizationType.Branch && enterprises.Count != 1)
            errors.Add(FieldError.Of("enterpriseIds", "Validation.BranchOneEnterprise"));
        else if (type == OrganizationType.JointBranch && enterprises.Count < 2)
            errors.Add(FieldError.Of("enterpriseIds", "Validation.JointBranchEnterprises"));

        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (
            new OrganizationValues(
                name!,
                type!.Value,
                parent,
                building!.Value,
                grouping,
                founded!.Value,
                dissolved,
                enterprises
            ),
            errors
        );
    }
}
