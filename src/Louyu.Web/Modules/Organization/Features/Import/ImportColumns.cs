using System.Globalization;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>
/// One column of an import/export sheet: the API field it fills (camelCase, also the name of a row error's
/// <c>field</c>), its header in Chinese and in English (either is accepted on import; a header may end in "*", the
/// template's mark of a required column), and whether the column must be present in the file.
/// </summary>
public sealed record ImportColumn(string Field, string Chinese, string English, bool Required)
{
    public string Header(CultureInfo culture) =>
        (culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Chinese)
        + (Required ? " *" : "");
}

/// <summary>The columns of a kind of sheet (enterprises or members), in template order.</summary>
public sealed class ImportColumnSet
{
    private readonly Dictionary<string, int> _byHeader = new(StringComparer.Ordinal);

    public ImportColumnSet(string kind, IReadOnlyList<ImportColumn> columns)
    {
        Kind = kind;
        Columns = columns;
        for (var i = 0; i < columns.Count; i++)
        {
            _byHeader[Normalize(columns[i].Chinese)] = i;
            _byHeader[Normalize(columns[i].English)] = i;
            _byHeader[Normalize(columns[i].Field)] = i;
        }
    }

    /// <summary>"enterprises" or "members".</summary>
    public string Kind { get; }
    public IReadOnlyList<ImportColumn> Columns { get; }

    public int IndexOf(string field)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Field == field)
                return i;
        throw new ArgumentException($"No column {field}.", nameof(field));
    }

    /// <summary>The column a header names, or null for a column the import ignores.</summary>
    public int? Match(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        return _byHeader.TryGetValue(Normalize(header), out var i) ? i : null;
    }

    /// <summary>Case, spaces, underscores, the required mark and full-width brackets do not matter.</summary>
    public static string Normalize(string header)
    {
        var chars = header
            .Where(c =>
                !char.IsWhiteSpace(c)
                && c is not ('*' or '＊' or '_' or '-' or '（' or '）' or '(' or ')')
            )
            .Select(char.ToLowerInvariant);
        return new string([.. chars]);
    }

    /// <summary>
    /// Maps the header row (sheet column key → header text) to column indexes; returns the required columns that
    /// are missing. A column named twice keeps its first occurrence.
    /// </summary>
    public (Dictionary<string, int> Map, List<ImportColumn> Missing) MapHeader(
        IEnumerable<KeyValuePair<string, string?>> headerRow
    )
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<int>();
        foreach (var (key, text) in headerRow)
        {
            var i = Match(text);
            if (i is not null && seen.Add(i.Value))
                map[key] = i.Value;
        }
        var missing = Columns.Where((c, i) => c.Required && !seen.Contains(i)).ToList();
        return (map, missing);
    }

    public static readonly ImportColumnSet Enterprises = new(
        "enterprises",
        [
            new("unifiedSocialCreditCode", "统一社会信用代码", "Unified social credit code", true),
            new("name", "企业名称", "Name", true),
            new("buildingId", "所在楼宇", "Building", true),
            new("industry", "行业门类", "Industry", true),
            new("employeeCount", "从业人员数", "Employees", true),
            new("legalRepresentative", "法定代表人", "Legal representative", true),
            new(
                "legalRepresentativeIsMember",
                "法定代表人是否党员",
                "Legal representative is a party member",
                false
            ),
            new("floor", "楼层", "Floor", true),
            new("room", "房间号", "Room", false),
            new("movedInOn", "入驻日期", "Moved in on", true),
            new("movedOutOn", "迁出日期", "Moved out on", false),
            new("foundedOn", "成立日期", "Founded on", false),
            new("size", "企业规模", "Size", false),
            new("tags", "资质标签", "Tags", false),
        ]
    );

    public static readonly ImportColumnSet Members = new(
        "members",
        [
            new("name", "姓名", "Name", true),
            new("residentId", "公民身份号码", "Resident ID", true),
            new("gender", "性别", "Gender", false),
            new("birthDate", "出生日期", "Birth date", false),
            new("status", "人员类别", "Status", true),
            new("organizationalStatus", "组织状态", "Organisational status", false),
            new("organizationId", "所在党组织", "Party organisation", false),
            new("enterpriseId", "工作单位统一社会信用代码", "Workplace credit code", false),
            new("isMobile", "是否流动党员", "Mobile member", false),
            new("joinedOn", "入党日期", "Joined on", false),
            new("fullMemberOn", "转正日期", "Full member on", false),
            new("phone", "手机号码", "Phone", false),
            new("ethnicity", "民族", "Ethnicity", false),
            new("education", "学历", "Education", false),
            new("position", "职务", "Position", false),
        ]
    );
}

/// <summary>
/// Cell values of the sheets: how a spreadsheet cell reads as text, and the words accepted for genders, statuses
/// and yes/no in either language (exports write the caller's language; imports accept both and the API names).
/// </summary>
public static class ImportValues
{
    /// <summary>A cell as text: dates as yyyy-MM-dd, whole numbers without decimals, blanks as null.</summary>
    public static string? Text(object? cell)
    {
        switch (cell)
        {
            case null:
                return null;
            case string s:
                var t = s.Trim();
                return t.Length == 0 ? null : t;
            case DateTime d:
                return d.TimeOfDay == TimeSpan.Zero
                    ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            case DateOnly d:
                return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case double n when Math.Abs(n) < 1e15 && n == Math.Floor(n):
                return ((long)n).ToString(CultureInfo.InvariantCulture);
            case decimal m when m == decimal.Truncate(m):
                return decimal.Truncate(m).ToString(CultureInfo.InvariantCulture);
            case bool b:
                return b ? "true" : "false";
            case IFormattable f:
                return f.ToString(null, CultureInfo.InvariantCulture);
            default:
                var x = cell.ToString()?.Trim();
                return string.IsNullOrEmpty(x) ? null : x;
        }
    }

    private static readonly Dictionary<string, string> GenderWords = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["男"] = "Male",
        ["女"] = "Female",
        ["Male"] = "Male",
        ["Female"] = "Female",
        ["M"] = "Male",
        ["F"] = "Female",
    };

    private static readonly Dictionary<string, string> StatusWords = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["入党申请人"] = "Applicant",
        ["申请人"] = "Applicant",
        ["入党积极分子"] = "Activist",
        ["积极分子"] = "Activist",
        ["发展对象"] = "DevelopmentTarget",
        ["预备党员"] = "Probationary",
        ["正式党员"] = "Full",
        ["Development target"] = "DevelopmentTarget",
    };

    private static readonly Dictionary<string, string> OrganizationalStatusWords = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["正常"] = "Normal",
        ["流动"] = "Mobile",
        ["流动党员"] = "Mobile",
        ["失联"] = "LostContact",
        ["失去联系"] = "LostContact",
        ["停止党籍"] = "StandingStopped",
        ["Lost contact"] = "LostContact",
        ["Standing stopped"] = "StandingStopped",
    };

    private static readonly Dictionary<string, string> SizeWords = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ["大型"] = "Large",
        ["中型"] = "Medium",
        ["小型"] = "Small",
        ["微型"] = "Micro",
    };

    /// <summary>The API name for a size word (大型/中型/小型/微型, or the English name).</summary>
    public static string? Size(string? value) => Lookup(SizeWords, value);

    public static string SizeWord(Domain.EnterpriseSize size, CultureInfo culture) =>
        IsEnglish(culture) ? size.ToString() : SizeWords.First(w => w.Value == size.ToString()).Key;

    /// <summary>Tags typed in one cell (<see cref="EnterpriseRules.TypedTags"/>).</summary>
    public static List<string>? Tags(string? value) => EnterpriseRules.TypedTags(value);

    /// <summary>The API name for a gender word (男/女, Male/Female); an unknown word is returned unchanged.</summary>
    public static string? Gender(string? value) => Lookup(GenderWords, value);

    public static string? Status(string? value) => Lookup(StatusWords, value);

    public static string? OrganizationalStatus(string? value) =>
        Lookup(OrganizationalStatusWords, value);

    private static string? Lookup(Dictionary<string, string> words, string? value) =>
        value is null ? null
        : words.TryGetValue(value.Trim(), out var v) ? v
        : value.Trim();

    /// <summary>是/否, Yes/No, Y/N, true/false, 1/0; blank is null; anything else is invalid.</summary>
    public static bool TryYesNo(string? value, out bool? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        switch (value.Trim().ToLowerInvariant())
        {
            case "是":
            case "yes":
            case "y":
            case "true":
            case "1":
                result = true;
                return true;
            case "否":
            case "no":
            case "n":
            case "false":
            case "0":
                result = false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>An integer cell ("12", "12.0"); blank is null.</summary>
    public static bool TryInteger(string? value, out int? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
            return true;
        if (
            int.TryParse(
                value.Trim(),
                NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture,
                out var n
            )
        )
        {
            result = n;
            return true;
        }
        if (
            decimal.TryParse(
                value.Trim(),
                NumberStyles.Number,
                CultureInfo.InvariantCulture,
                out var d
            )
            && d == decimal.Truncate(d)
            && d is >= int.MinValue and <= int.MaxValue
        )
        {
            result = (int)d;
            return true;
        }
        return false;
    }

    public static bool IsEnglish(CultureInfo culture) =>
        culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string YesNo(bool value, CultureInfo culture) =>
        IsEnglish(culture) ? (value ? "Yes" : "No") : (value ? "是" : "否");

    public static string GenderWord(Domain.Gender g, CultureInfo culture) =>
        IsEnglish(culture) ? g.ToString()
        : g == Domain.Gender.Male ? "男"
        : "女";

    public static string StatusWord(Domain.MemberStatus s, CultureInfo culture) =>
        IsEnglish(culture)
            ? s.ToString()
            : s switch
            {
                Domain.MemberStatus.Applicant => "入党申请人",
                Domain.MemberStatus.Activist => "入党积极分子",
                Domain.MemberStatus.DevelopmentTarget => "发展对象",
                Domain.MemberStatus.Probationary => "预备党员",
                _ => "正式党员",
            };

    public static string OrganizationalStatusWord(
        Domain.OrganizationalStatus s,
        CultureInfo culture
    ) =>
        IsEnglish(culture)
            ? s.ToString()
            : s switch
            {
                Domain.OrganizationalStatus.Normal => "正常",
                Domain.OrganizationalStatus.Mobile => "流动",
                Domain.OrganizationalStatus.LostContact => "失联",
                _ => "停止党籍",
            };
}
