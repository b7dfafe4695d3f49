using System.Reflection;
using System.Security.Claims;
using System.Xml.Linq;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Modules.Services.Features.Ui;
using Louyu.Web.Platform.Identity;

namespace Louyu.Tests.Services;

/// <summary>The workstation screens: the keys they build at run time exist in both languages; who sees what.</summary>
public sealed class WorkstationScreensTests
{
    private static readonly Lazy<Dictionary<string, HashSet<string>>> Keys = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Louyu.slnx")))
            dir = dir.Parent;
        var root = Path.Combine(dir!.FullName, "src", "Louyu.Web", "Platform", "Localization");
        return new[] { "zh-CN", "en-US" }.ToDictionary(
            c => c,
            c =>
                XDocument
                    .Load(Path.Combine(root, $"SharedResource.{c}.resx"))
                    .Root!.Elements("data")
                    .Select(d => (string)d.Attribute("name")!)
                    .ToHashSet()
        );
    });

    public static TheoryData<string> RunTimeKeys()
    {
        var keys = new TheoryData<string>();
        foreach (var s in Enum.GetNames<TicketStatus>())
            keys.Add($"WsUi.Status.{s}");
        foreach (var t in Enum.GetNames<ServiceType>())
            keys.Add($"WsUi.Type.{t}");
        foreach (var g in Enum.GetNames<SatisfactionGrade>())
            keys.Add($"WsUi.Grade.{g}");
        foreach (var c in Enum.GetNames<TicketChannel>())
            keys.Add($"WsUi.Channel.{c}");
        foreach (
            var kind in typeof(TicketEventKinds)
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
        )
            keys.Add($"WsUi.Event.{kind}");
        foreach (
            var step in new[]
            {
                "Sign",
                "SendBack",
                "Reroute",
                "Note",
                "RequestDocuments",
                "DocumentsReceived",
                "Reply",
                "Close",
                "Extension",
                "Approve",
                "Refuse",
                "Attach",
            }
        )
            keys.Add($"WsUi.Done.{step}");
        return keys;
    }

    [Theory]
    [MemberData(nameof(RunTimeKeys))]
    public void A_key_built_at_run_time_exists_in_both_languages(string key)
    {
        foreach (var (culture, keys) in Keys.Value)
            Assert.True(keys.Contains(key), $"{culture}: {key}");
    }

    [Fact]
    public void Every_state_has_its_own_tag_style()
    {
        var classes = Enum.GetValues<TicketStatus>().Select(WorkstationUi.StatusClass).ToList();
        Assert.Equal(classes.Count, classes.Distinct().Count());
        Assert.All(classes, c => Assert.StartsWith("ws-status ", c, StringComparison.Ordinal));
    }

    [Fact]
    public void The_five_grades_run_from_very_satisfied_to_very_dissatisfied()
    {
        Assert.Equal(5, WorkstationUi.Grades.Length);
        Assert.Equal(WorkstationUi.Grades.OrderByDescending(g => (int)g), WorkstationUi.Grades);
    }

    [Fact]
    public void An_officer_works_for_the_departments_of_their_grants_only()
    {
        var officer = User(
            [LouyuRoles.DepartmentOfficer],
            ("DepartmentOfficer|Department|tax"),
            ("DepartmentOfficer|Department|market"),
            ("EnterpriseContact|Enterprise|" + Guid.Empty)
        );
        Assert.Equal(["tax", "market"], WorkstationUi.OfficerDepartments(officer));
        Assert.True(WorkstationUi.IsDesk(officer));
        Assert.False(WorkstationUi.IsManager(officer));

        var secretary = User([LouyuRoles.CommitteeSecretary]);
        Assert.Empty(WorkstationUi.OfficerDepartments(secretary));
        Assert.True(WorkstationUi.IsManager(secretary));
        Assert.False(WorkstationUi.IsAdministrator(secretary));

        var contact = User([LouyuRoles.EnterpriseContact]);
        Assert.False(WorkstationUi.IsDesk(contact));
    }

    private static ClaimsPrincipal User(string[] roles, params string[] grants) =>
        new(
            new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.NameIdentifier, "u1"),
                    .. roles.Select(r => new Claim(ClaimTypes.Role, r)),
                    .. grants.Select(g => new Claim(RoleGrantClaims.ClaimType, g)),
                ],
                "test"
            )
        );
}
