using System.Reflection;
using Louyu.Web.Platform.Data;
using NetArchTest.Rules;

namespace Louyu.Tests;

/// <summary>A module uses another module only through that module's Contracts namespace (architecture.md).</summary>
public sealed class ArchitectureTests
{
    private const string ModulesRoot = "Louyu.Web.Modules";
    private static readonly Assembly Web = typeof(LouyuDbContext).Assembly;

    private static readonly string[] ModuleNames =
    [
        "Organization",
        "PartyAffairs",
        "Learning",
        "Services",
        "Community",
        "Activities",
        "Insights",
    ];

    public static TheoryData<string> Modules => new(ModuleNames);

    private static IEnumerable<Type> WebTypes()
    {
        try
        {
            return Web.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>
    /// What a module must not touch in another module: every namespace below it except Contracts (and whatever
    /// lies below Contracts), plus the types that sit directly in its root namespace (e.g. OrganizationModule).
    /// </summary>
    internal static string[] ForbiddenIn(string otherModule)
    {
        var root = $"{ModulesRoot}.{otherModule}";
        var contracts = $"{root}.Contracts";
        var types = WebTypes().ToList();
        var namespaces = types
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(root + ".", StringComparison.Ordinal))
            .Where(ns =>
                ns != contracts && !ns.StartsWith(contracts + ".", StringComparison.Ordinal)
            );
        var rootTypes = types
            .Where(t => t.Namespace == root && !t.IsNested && t.FullName is not null)
            .Select(t => t.FullName!);
        return namespaces.Concat(rootTypes).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Full names of the types under <paramref name="sourceNamespace"/> that depend on any of the forbidden names.</summary>
    internal static IReadOnlyList<string> Violations(
        string sourceNamespace,
        IReadOnlyCollection<string> forbidden
    )
    {
        if (forbidden.Count == 0)
            return [];
        var result = Types
            .InAssembly(Web)
            .That()
            .ResideInNamespace(sourceNamespace)
            .ShouldNot()
            .HaveDependencyOnAny([.. forbidden])
            .GetResult();
        return result.IsSuccessful
            ? []
            : (result.FailingTypes ?? []).Select(t => $"{t.FullName}: {t.Explanation}").ToList();
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_uses_other_modules_only_through_their_contracts(string module)
    {
        var forbidden = ModuleNames
            .Where(other => other != module)
            .SelectMany(ForbiddenIn)
            .ToArray();
        var violations = Violations($"{ModulesRoot}.{module}", forbidden);
        Assert.True(
            violations.Count == 0,
            $"{module} reaches into other modules:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}"
        );
    }

    [Fact]
    public void Forbidden_list_covers_the_organisation_internals_but_not_its_contracts()
    {
        var forbidden = ForbiddenIn("Organization");
        Assert.Contains("Louyu.Web.Modules.Organization.Data", forbidden);
        Assert.Contains("Louyu.Web.Modules.Organization.Domain", forbidden);
        Assert.Contains("Louyu.Web.Modules.Organization.Demo", forbidden);
        Assert.Contains("Louyu.Web.Modules.Organization.OrganizationModule", forbidden);
        Assert.DoesNotContain(
            forbidden,
            f => f.StartsWith("Louyu.Web.Modules.Organization.Contracts", StringComparison.Ordinal)
        );
        Assert.DoesNotContain("Louyu.Web.Modules.Organization", forbidden);
    }

    [Fact]
    public void Checker_detects_a_known_dependency()
    {
        // LouyuDbContext (Platform) maps the organisation entities, so the checker must report it.
        var violations = Violations("Louyu.Web.Platform", ["Louyu.Web.Modules.Organization.Data"]);
        Assert.Contains(
            violations,
            v => v.StartsWith(typeof(LouyuDbContext).FullName!, StringComparison.Ordinal)
        );

        // Insights uses Organization.Contracts: allowed by the rule, but visible to the checker when forbidden.
        Assert.NotEmpty(
            Violations("Louyu.Web.Modules.Insights", ["Louyu.Web.Modules.Organization.Contracts"])
        );

        // And a forbidden namespace nobody uses is not reported.
        Assert.Empty(Violations("Louyu.Web.Platform", ["Louyu.Web.Modules.Insights.Features"]));
    }

    [Fact]
    public void Checker_selects_types_in_sub_namespaces_of_the_module()
    {
        // Organization.Demo depends on Organization.Data; selecting the module root must reach it.
        var violations = Violations(
            $"{ModulesRoot}.Organization",
            ["Louyu.Web.Modules.Organization.Data"]
        );
        Assert.Contains(
            violations,
            v => v.StartsWith("Louyu.Web.Modules.Organization.Demo.", StringComparison.Ordinal)
        );
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_module_has_a_static_module_class(string module)
    {
        var type = Web.GetType($"{ModulesRoot}.{module}.{module}Module");
        Assert.NotNull(type);
        Assert.True(
            type.IsClass && type.IsAbstract && type.IsSealed,
            $"{type.FullName} must be static"
        );
    }
}
