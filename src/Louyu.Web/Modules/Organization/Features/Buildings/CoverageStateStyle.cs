using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>How a coverage state looks on the building map and the enterprise page (colour class and label keys).</summary>
public static class CoverageStateStyle
{
    /// <summary>The CSS suffix shared with the coverage page's swatches: own, joint, instructor, members, nothing.</summary>
    public static string Css(CoverageState s) =>
        s switch
        {
            CoverageState.OwnOrganization => "own",
            CoverageState.JointOrganization => "joint",
            CoverageState.InstructorOnly => "instructor",
            CoverageState.MembersNoOrganization => "members",
            _ => "nothing",
        };

    /// <summary>The states in the order of the legend (most covered first).</summary>
    public static readonly CoverageState[] Order =
    [
        CoverageState.OwnOrganization,
        CoverageState.JointOrganization,
        CoverageState.InstructorOnly,
        CoverageState.MembersNoOrganization,
        CoverageState.Nothing,
    ];

    /// <summary>A shorter display name on a tile: "北京华信博远信息技术有限公司" → "华信博远信息技术".</summary>
    public static string ShortName(string name)
    {
        var n = name;
        if (n.StartsWith("北京", StringComparison.Ordinal) && n.Length > 6)
            n = n[2..];
        foreach (var suffix in new[] { "有限责任公司", "股份有限公司", "有限公司" })
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal) && n.Length > suffix.Length + 1)
                return n[..^suffix.Length];
        }
        return n;
    }
}
