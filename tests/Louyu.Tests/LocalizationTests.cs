using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Louyu.Tests;

/// <summary>zh-CN default, en-US complete: a missing or empty key fails the build (architecture.md).</summary>
public sealed partial class LocalizationTests
{
    private static readonly string[] Cultures = ["zh-CN", "en-US"];

    private static readonly Lazy<string> RepoRoot = new(() =>
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Louyu.slnx")))
                return dir.FullName;
        throw new InvalidOperationException(
            "Louyu.slnx not found above " + AppContext.BaseDirectory
        );
    });

    private static string WebRoot => Path.Combine(RepoRoot.Value, "src", "Louyu.Web");

    private static readonly Lazy<Dictionary<string, List<(string Key, string Value)>>> Entries =
        new(() =>
            Cultures.ToDictionary(
                c => c,
                c =>
                    XDocument
                        .Load(
                            Path.Combine(
                                WebRoot,
                                "Platform",
                                "Localization",
                                $"SharedResource.{c}.resx"
                            )
                        )
                        .Root!.Elements("data")
                        .Select(d =>
                            ((string?)d.Attribute("name") ?? "", (string?)d.Element("value") ?? "")
                        )
                        .ToList()
            )
        );

    private static HashSet<string> Keys(string culture) =>
        Entries.Value[culture].Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Keys missing (or empty) in any culture, as "culture: key" lines.</summary>
    private static List<string> Missing(IEnumerable<(string Key, string Where)> used) =>
        (
            from u in used
            from c in Cultures
            where !Entries.Value[c].Any(e => e.Key == u.Key && !string.IsNullOrWhiteSpace(e.Value))
            select $"{c}: {u.Key} (used in {u.Where})"
        )
            .Distinct()
            .ToList();

    [Fact]
    public void Both_resource_files_have_the_same_keys_all_with_values()
    {
        var problems = new List<string>();
        var all = Cultures.SelectMany(Keys).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(all);
        foreach (var culture in Cultures)
        {
            var entries = Entries.Value[culture];
            problems.AddRange(all.Except(Keys(culture)).Select(k => $"{culture}: missing {k}"));
            problems.AddRange(
                entries
                    .Where(e => string.IsNullOrWhiteSpace(e.Value))
                    .Select(e => $"{culture}: empty {e.Key}")
            );
            problems.AddRange(
                entries
                    .GroupBy(e => e.Key)
                    .Where(g => g.Count() > 1 || string.IsNullOrWhiteSpace(g.Key))
                    .Select(g => $"{culture}: duplicate or unnamed key '{g.Key}'")
            );
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Order()));
    }

    [Fact]
    public void Placeholders_agree_between_cultures()
    {
        var zh = Entries.Value["zh-CN"].ToDictionary(e => e.Key, e => e.Value);
        var wrong = Entries
            .Value["en-US"]
            .Where(e => zh.ContainsKey(e.Key))
            .Where(e => !Placeholders(e.Value).SetEquals(Placeholders(zh[e.Key])))
            .Select(e => e.Key)
            .ToList();
        Assert.Empty(wrong);
    }

    private static HashSet<string> Placeholders(string value) =>
        PlaceholderPattern().Matches(value).Select(m => m.Value).ToHashSet();

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory
            .EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f =>
                f.EndsWith(".razor", StringComparison.Ordinal)
                || f.EndsWith(".cs", StringComparison.Ordinal)
            )
            .Where(f =>
            {
                var rel = Path.GetRelativePath(WebRoot, f).Replace('\\', '/');
                return !rel.StartsWith("bin/", StringComparison.Ordinal)
                    && !rel.StartsWith("obj/", StringComparison.Ordinal);
            })
            .Select(f => (Path.GetRelativePath(WebRoot, f), File.ReadAllText(f)));

    [Fact]
    public void Every_literal_key_used_through_the_localizer_exists()
    {
        var used = SourceFiles()
            .SelectMany(f =>
                LocalizerKeyPattern().Matches(f.Text).Select(m => (m.Groups["key"].Value, f.Path))
            )
            .ToList();
        // The regex must find the keys we know are used, or this test would pass vacuously.
        Assert.Contains(used, u => u.Item1 == "Dashboard.Title");
        Assert.Contains(used, u => u.Item1 == "Problem.MalformedRequest");
        var missing = Missing(used);
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_key_shaped_literal_exists()
    {
        // Keys handed to helpers (ProblemsSetup.Validation(text, ("asOf", "Validation.Date", [])), TitleKey="…")
        // are not indexer calls; catch them as string literals that start with a known key prefix.
        var prefixes = Cultures
            .SelectMany(Keys)
            .Select(k => k[..k.IndexOf('.', StringComparison.Ordinal)])
            .ToHashSet();
        prefixes.Remove("");
        var used = SourceFiles()
            .SelectMany(f =>
                KeyShapedLiteral().Matches(f.Text).Select(m => (Key: m.Groups["key"].Value, f.Path))
            )
            .Where(u => prefixes.Contains(u.Key[..u.Key.IndexOf('.', StringComparison.Ordinal)]))
            .ToList();
        Assert.Contains(used, u => u.Key == "Validation.Date");
        var missing = Missing(used);
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Keys_built_at_run_time_exist()
    {
        var used = new List<(string, string)>();
        foreach (
            var section in new[]
            {
                "Section.Organization",
                "Section.PartyAffairs",
                "Section.Learning",
                "Section.Services",
                "Section.Community",
                "Section.Activities",
            }
        )
        {
            used.Add((section, "ComingSection TitleKey"));
            foreach (var suffix in new[] { ".Blurb", ".Coming1", ".Coming2", ".Coming3" })
                used.Add((section + suffix, "ComingSection.razor"));
        }
        used.Add(("Section.Insights", "section title"));
        used.Add(("Section.Insights.Blurb", "section blurb"));
        foreach (var area in new[] { "Learning", "Activities", "Services", "Me" })
            used.Add(($"Member.{area}.Coming", "member pages"));
        var missing = Missing(used);
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Missing_reports_an_unknown_key()
    {
        // Proves the helper the tests above rely on is not vacuous.
        var missing = Missing([("No.Such.Key", "test"), ("App.Name", "test")]);
        Assert.Equal(
            ["zh-CN: No.Such.Key (used in test)", "en-US: No.Such.Key (used in test)"],
            missing
        );
    }

    [Theory]
    [InlineData("@T[\"Home.Title\"]", "Home.Title")]
    [InlineData("text[\"Problem.Validation\"].Value", "Problem.Validation")]
    [InlineData("T[\"Dashboard.AsOfCaption\", figures.AsOf]", "Dashboard.AsOfCaption")]
    [InlineData("T[ \"A.B\" ]", "A.B")]
    [InlineData("T[TitleKey + \".Blurb\"]", null)]
    [InlineData("T[$\"{TitleKey}.Coming{i}\"]", null)]
    [InlineData("LT[\"X.Y\"]", null)]
    public void Localizer_key_pattern(string source, string? key)
    {
        var m = LocalizerKeyPattern().Match(source);
        Assert.Equal(key, m.Success ? m.Groups["key"].Value : null);
    }

    [GeneratedRegex("""\b(?:T|text)\[\s*"(?<key>[^"\\]+)"\s*[,\]]""")]
    private static partial Regex LocalizerKeyPattern();

    [GeneratedRegex("""(?<![\w$@])"(?<key>[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)+)"(?!\s*\+)""")]
    private static partial Regex KeyShapedLiteral();

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
