using System.Text.Json;
using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Tests;

/// <summary>
/// The demo generator must reproduce the report's figures exactly, counted from the generated rows with the rules of
/// OrganizationFiguresQuery, and it must be deterministic.
/// </summary>
public sealed class DemoScenarioTests
{
    private static readonly Lazy<DemoScenario> Report = new(() =>
        DemoScenarioGenerator.Generate(DemoTargets.Report2021)
    );
    private static readonly DemoTargets SmallDistrict = DemoTargets.District(0.02);
    private static readonly Lazy<DemoScenario> District = new(() =>
        DemoScenarioGenerator.Generate(SmallDistrict)
    );

    /// <summary>An in-memory mirror of OrganizationFiguresQuery.AsOfAsync's five figures.</summary>
    internal static DemoFigures Count(DemoScenario s, DateOnly d)
    {
        var buildings = s
            .Buildings.Where(b =>
                b.CoveredFrom <= d && (b.CoveredUntil == null || b.CoveredUntil > d)
            )
            .Select(b => b.Id)
            .ToHashSet();
        var enterprises = s.Enterprises.Count(e =>
            buildings.Contains(e.BuildingId)
            && e.MovedInOn <= d
            && (e.MovedOutOn == null || e.MovedOutOn > d)
        );
        var branches = s
            .Organizations.Where(o =>
                o.Type is OrganizationType.Branch or OrganizationType.JointBranch
                && buildings.Contains(o.BuildingId)
                && o.FoundedOn <= d
                && (o.DissolvedOn == null || o.DissolvedOn > d)
            )
            .Select(o => o.Id)
            .ToHashSet();
        var joined = s.Members.ToDictionary(m => m.Member.Id, m => m.Member.JoinedOn);
        var members = s.Spells.Count(sp =>
            branches.Contains(sp.OrganizationId)
            && sp.FromDate <= d
            && (sp.ToDate == null || sp.ToDate > d)
            && joined[sp.MemberId] <= d
        );
        var workers = s.Workers.Count(w =>
            buildings.Contains(w.BuildingId)
            && w.StartedOn <= d
            && (w.EndedOn == null || w.EndedOn > d)
        );
        return new DemoFigures(buildings.Count, enterprises, branches.Count, members, workers);
    }

    [Fact]
    public void Report_scenario_shows_the_reports_figures_at_its_start_and_on_the_report_date()
    {
        Assert.Equal(
            new DemoFigures(1, 162, 1, 32, 1),
            Count(Report.Value, new DateOnly(2009, 12, 31))
        );
        Assert.Equal(
            new DemoFigures(14, 1314, 47, 432, 17),
            Count(Report.Value, new DateOnly(2021, 8, 21))
        );
    }

    [Fact]
    public void Counter_follows_the_dated_rows()
    {
        // A private copy: changing one row of each kind must move the matching figure by one.
        var s = DemoScenarioGenerator.Generate(DemoTargets.Report2021);
        var d = DemoTargets.ReportDate;
        var before = Count(s, d);

        s.Enterprises.First(e => e.MovedOutOn is null && e.MovedInOn <= d).MovedOutOn = d;
        var spell = s.Spells.First(sp => sp.ToDate is null && sp.FromDate <= d);
        s.Members.Single(m => m.Member.Id == spell.MemberId).Member.JoinedOn = d.AddDays(1);
        s.Workers.First(w => w.EndedOn is null && w.StartedOn <= d).StartedOn = d.AddDays(1);

        Assert.Equal(
            before with
            {
                Enterprises = before.Enterprises - 1,
                Members = before.Members - 1,
                PartyWorkers = before.PartyWorkers - 1,
            },
            Count(s, d)
        );
        var last = s.Buildings.OrderBy(b => b.CoveredFrom).Last(b => b.CoveredFrom <= d);
        last.CoveredUntil = d;
        Assert.Equal(before.Buildings - 1, Count(s, d).Buildings);
    }

    [Fact]
    public void Checkpoints_include_the_start_and_the_report_date_with_the_targets()
    {
        var checkpoints = DemoScenarioGenerator.Checkpoints(DemoTargets.Report2021);
        Assert.Contains((DemoTargets.StartDate, DemoTargets.Report2021.Start), checkpoints);
        Assert.Contains((DemoTargets.ReportDate, DemoTargets.Report2021.Report), checkpoints);
        Assert.Equal(DemoTargets.HistoryEnd, checkpoints[^1].Date);
        Assert.Equal(checkpoints.Select(c => c.Date).Order(), checkpoints.Select(c => c.Date));
    }

    [Fact]
    public void Report_scenario_matches_every_checkpoint() =>
        AssertCheckpoints(Report.Value, DemoTargets.Report2021);

    [Fact]
    public void Small_district_scenario_matches_every_checkpoint() =>
        AssertCheckpoints(District.Value, SmallDistrict);

    private static void AssertCheckpoints(DemoScenario scenario, DemoTargets targets)
    {
        var wrong = DemoScenarioGenerator
            .Checkpoints(targets)
            .Select(c => (c.Date, Expected: c.Figures, Actual: Count(scenario, c.Date)))
            .Where(c => c.Expected != c.Actual)
            .Select(c => $"{c.Date:yyyy-MM-dd}: expected {c.Expected}, counted {c.Actual}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var a = Project(DemoScenarioGenerator.Generate(DemoTargets.Report2021));
        var b = Project(DemoScenarioGenerator.Generate(DemoTargets.Report2021));
        Assert.Equal(a, b);
        Assert.Equal(a, Project(Report.Value));
        // A different seed gives a different history (the projection is not vacuous).
        Assert.NotEqual(
            a,
            Project(DemoScenarioGenerator.Generate(DemoTargets.Report2021 with { Seed = 2010 }))
        );
    }

    private static string Project(DemoScenario s) =>
        JsonSerializer.Serialize(
            new
            {
                s.CommitteeId,
                s.FirstBranchId,
                s.NamedEnterpriseId,
                Buildings = s.Buildings.Select(b => new
                {
                    b.Id,
                    b.Name,
                    b.Address,
                    b.CoveredFrom,
                    b.CoveredUntil,
                }),
                Enterprises = s.Enterprises.Select(e => new
                {
                    e.Id,
                    e.Name,
                    e.UnifiedSocialCreditCode,
                    e.BuildingId,
                    e.MovedInOn,
                    e.MovedOutOn,
                }),
                Organizations = s.Organizations.Select(o => new
                {
                    o.Id,
                    o.Name,
                    o.Type,
                    o.BuildingId,
                    o.ParentId,
                    o.FoundedOn,
                    o.DissolvedOn,
                }),
                Links = s.OrganizationEnterprises.Select(l => new
                {
                    l.OrganizationId,
                    l.EnterpriseId,
                    l.FromDate,
                    l.ToDate,
                }),
                Members = s.Members.Select(m => new
                {
                    m.Member.Id,
                    m.Member.Name,
                    m.ResidentId,
                    m.Member.BirthDate,
                    m.Member.Gender,
                    m.Member.JoinedOn,
                    m.Member.FullMemberOn,
                    m.Member.EnterpriseId,
                }),
                Spells = s.Spells.Select(sp => new
                {
                    sp.Id,
                    sp.MemberId,
                    sp.OrganizationId,
                    sp.FromDate,
                    sp.ToDate,
                    sp.Reason,
                }),
                Workers = s.Workers.Select(w => new
                {
                    w.Id,
                    w.Name,
                    w.BuildingId,
                    w.StartedOn,
                    w.EndedOn,
                }),
                Instructors = s.Instructors.Select(i => new
                {
                    i.Id,
                    i.EnterpriseId,
                    i.PartyWorkerId,
                    i.FromDate,
                    i.ToDate,
                }),
            }
        );

    public static TheoryData<string> Scenarios => ["Report2021", "District(0.02)"];

    private static DemoScenario Scenario(string name) =>
        name == "Report2021" ? Report.Value : District.Value;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Resident_ids_are_valid_unique_and_agree_with_the_member(string name)
    {
        var s = Scenario(name);
        Assert.NotEmpty(s.Members);
        var wrong = new List<string>();
        foreach (var (member, id) in s.Members)
        {
            var check = ResidentIdNumber.Check(id, DemoTargets.HistoryEnd);
            if (
                !check.IsValid
                || check.BirthDate != member.BirthDate
                || check.Gender != member.Gender
                || member.ResidentIdMasked != ResidentIdNumber.Mask(id)
            )
                wrong.Add($"{member.Name} {id}: {check.Problem} {check.BirthDate} {check.Gender}");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong.Take(20)));
        Assert.Equal(s.Members.Count, s.Members.Select(m => m.ResidentId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Credit_codes_are_valid_and_unique(string name)
    {
        var s = Scenario(name);
        Assert.NotEmpty(s.Enterprises);
        var invalid = s
            .Enterprises.Where(e =>
                UnifiedSocialCreditCode.Validate(e.UnifiedSocialCreditCode) is not null
            )
            .Select(e => e.UnifiedSocialCreditCode)
            .ToList();
        Assert.Empty(invalid);
        var duplicates = s
            .Enterprises.GroupBy(e => e.UnifiedSocialCreditCode)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Dated_rows_are_consistent(string name)
    {
        var s = Scenario(name);
        var organizations = s.Organizations.ToDictionary(o => o.Id);
        var early = s
            .Spells.Where(sp => sp.FromDate < organizations[sp.OrganizationId].FoundedOn)
            .Select(sp =>
                $"spell {sp.Id} from {sp.FromDate} in {organizations[sp.OrganizationId].Name}"
            )
            .ToList();
        Assert.Empty(early);
        Assert.DoesNotContain(s.Spells, sp => sp.ToDate < sp.FromDate);
        Assert.DoesNotContain(s.Enterprises, e => e.MovedOutOn < e.MovedInOn);
        Assert.DoesNotContain(s.Workers, w => w.EndedOn < w.StartedOn);
        Assert.DoesNotContain(s.Organizations, o => o.DissolvedOn < o.FoundedOn);
        var members = s.Members.Select(m => m.Member.Id).ToHashSet();
        Assert.All(s.Spells, sp => Assert.Contains(sp.MemberId, members));
        Assert.All(s.Members, m => Assert.True(m.Member.BirthDate < m.Member.JoinedOn));
    }

    [Fact]
    public void Report_people_and_enterprise_exist()
    {
        var s = Report.Value;
        var han = Assert.Single(s.Workers, w => w.Name == "韩青");
        Assert.Equal(new DateOnly(2009, 3, 2), han.StartedOn);
        Assert.Single(s.Workers, w => w.Name == "刘再周");
        var zhao = Assert.Single(s.Workers, w => w.Name == "赵鑫");
        Assert.Equal(new DateOnly(2021, 2, 22), zhao.StartedOn);
        var onReportDate = s.Workers.Where(w =>
            w.StartedOn <= DemoTargets.ReportDate
            && (w.EndedOn == null || w.EndedOn > DemoTargets.ReportDate)
        );
        Assert.Contains(han, onReportDate);
        Assert.Contains(zhao, onReportDate);

        var enterprise = Assert.Single(
            s.Enterprises,
            e => e.Name == "乐居乐筑(北京)新能源科技有限公司"
        );
        Assert.Equal(enterprise.Id, s.NamedEnterpriseId);
        Assert.Contains(
            s.Organizations,
            o => o.Id == s.CommitteeId && o.Type == OrganizationType.Committee
        );
        Assert.Contains(
            s.Organizations,
            o => o.Id == s.FirstBranchId && o.Type == OrganizationType.Branch
        );
    }
}
