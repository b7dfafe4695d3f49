using System.Text.Json.Serialization;

namespace Louyu.Web.Modules.Services.Domain;

/// <summary>Where a policy is in its life: only published policies are matched and shown to enterprises.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PolicyStatus>))]
public enum PolicyStatus
{
    Draft,
    Published,
    Withdrawn,
}

/// <summary>An application's way: applied → accepted → granted or rejected (rejected also straight from applied).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))]
public enum ApplicationStatus
{
    Applied,
    Accepted,
    Granted,
    Rejected,
}

/// <summary>
/// The checks of a policy's conditions on save: pure functions adding field errors (JSON field, resource key,
/// arguments) so a form shows every problem at once. Industries are GB/T 4754-2017 section letters A–T; sizes the four
/// classes of 国统字〔2017〕213号; bounds inclusive, a minimum never above its maximum.
/// </summary>
public static class PolicyRules
{
    public const int MaxEmployees = 1_000_000;
    public const int MaxYears = 200;
    public const int MaxTags = 20;
    public const int MaxTagLength = 40;

    /// <summary>The criteria cleaned (trimmed, upper-case letters, duplicates dropped) or null with errors added.</summary>
    public static PolicyCriteria? Criteria(
        List<(string Field, string Key, object[] Args)> errors,
        PolicyCriteria? c
    )
    {
        c ??= PolicyCriteria.Everyone;
        var start = errors.Count;
        var industries = (c.Industries ?? [])
            .Select(i => (i ?? "").Trim().ToUpperInvariant())
            .Distinct()
            .ToArray();
        if (industries.Any(i => i.Length != 1 || i[0] is < 'A' or > 'T'))
            errors.Add(("criteria.industries", "Policy.Error.Industry", []));
        var sizes = (c.Sizes ?? []).Select(s => (s ?? "").Trim()).Distinct().ToArray();
        if (sizes.Any(s => !PolicyMatching.SizeNames.Contains(s)))
            errors.Add(("criteria.sizes", "Policy.Error.Size", []));
        Bounds(errors, "criteria.minEmployees", c.MinEmployees, c.MaxEmployees, MaxEmployees);
        Bounds(errors, "criteria.minYears", c.MinYears, c.MaxYears, MaxYears);
        var all = Tags(errors, "criteria.tagsAll", c.TagsAll);
        var any = Tags(errors, "criteria.tagsAny", c.TagsAny);
        if (errors.Count > start)
            return null;
        return new PolicyCriteria
        {
            Industries = [.. industries.Order(StringComparer.Ordinal)],
            Sizes = [.. PolicyMatching.SizeNames.Where(sizes.Contains)],
            MinEmployees = c.MinEmployees,
            MaxEmployees = c.MaxEmployees,
            MinYears = c.MinYears,
            MaxYears = c.MaxYears,
            Buildings = [.. (c.Buildings ?? []).Distinct()],
            TagsAll = all,
            TagsAny = any,
        };
    }

    private static void Bounds(
        List<(string, string, object[])> errors,
        string minField,
        int? min,
        int? max,
        int limit
    )
    {
        var maxField = minField.Replace(".min", ".max", StringComparison.Ordinal);
        if (min is < 0 || min > limit)
            errors.Add((minField, "Validation.Range", [0, limit]));
        if (max is < 0 || max > limit)
            errors.Add((maxField, "Validation.Range", [0, limit]));
        if (min is { } a && max is { } b && a > b)
            errors.Add((maxField, "Policy.Error.MinAboveMax", []));
    }

    private static string[] Tags(
        List<(string, string, object[])> errors,
        string field,
        string[]? tags
    )
    {
        var clean = (tags ?? [])
            .Select(t => (t ?? "").Trim())
            .Where(t => t.Length > 0)
            .Distinct()
            .ToArray();
        if (clean.Length > MaxTags || clean.Any(t => t.Length > MaxTagLength))
            errors.Add((field, "Policy.Error.Tags", [MaxTags, MaxTagLength]));
        return clean;
    }

    /// <summary>Whether a policy is in force on <paramref name="day"/> (valid from/until inclusive).</summary>
    public static bool InForce(DateOnly validFrom, DateOnly? validUntil, DateOnly day) =>
        validFrom <= day && (validUntil is null || day <= validUntil);

    /// <summary>The next statuses an application may take (staff decide; the contact only applies).</summary>
    public static bool CanMove(ApplicationStatus from, ApplicationStatus to) =>
        (from, to) switch
        {
            (ApplicationStatus.Applied, ApplicationStatus.Accepted) => true,
            (ApplicationStatus.Applied, ApplicationStatus.Rejected) => true,
            (ApplicationStatus.Accepted, ApplicationStatus.Granted) => true,
            (ApplicationStatus.Accepted, ApplicationStatus.Rejected) => true,
            _ => false,
        };
}
