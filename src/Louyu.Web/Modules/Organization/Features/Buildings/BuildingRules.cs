using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>A building as sent by a client; dates are YYYY-MM-DD strings.</summary>
public sealed class BuildingInput
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public int? Floors { get; set; }
    public string? PropertyManager { get; set; }
    public string? CoveredFrom { get; set; }
    public string? CoveredUntil { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

public sealed record BuildingValues(
    string Name,
    string Address,
    int Floors,
    string? PropertyManager,
    DateOnly CoveredFrom,
    DateOnly? CoveredUntil
);

/// <summary>A building has a name and an address, 1–200 floors, and a coverage period not in the future.</summary>
public static class BuildingRules
{
    public const int MaxFloors = 200;

    public static (BuildingValues? Values, List<FieldError> Errors) Validate(
        BuildingInput input,
        DateOnly today,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var name = FieldRules.Text(errors, "name", input.Name, 200, required: true);
        var address = FieldRules.Text(errors, "address", input.Address, 400, required: true);
        var floors = FieldRules.Range(errors, "floors", input.Floors, 1, MaxFloors, required: true);
        var manager = FieldRules.Text(
            errors,
            "propertyManager",
            input.PropertyManager,
            200,
            required: false
        );
        var from = FieldRules.Date(errors, "coveredFrom", input.CoveredFrom, today, required: true);
        var until = FieldRules.Date(
            errors,
            "coveredUntil",
            input.CoveredUntil,
            today,
            required: false
        );
        if (from is not null && until is not null && until < from)
            errors.Add(FieldError.Of("coveredUntil", "Validation.CoveredUntilBeforeFrom"));
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (
            new BuildingValues(name!, address!, floors!.Value, manager, from!.Value, until),
            errors
        );
    }
}
