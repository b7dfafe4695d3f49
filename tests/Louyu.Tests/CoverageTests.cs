using System.Xml.Linq;
using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Tests;

/// <summary>The two coverages (domain-rules §3.1, §3.2, §6): the classifier, the to-do flags and the rates.</summary>
public sealed class CoverageTests
{
    private static CoverageFacts Facts(
        bool own = false,
        bool joint = false,
        bool instructor = false,
        int members = 0,
        int full = 0
    ) => new(own, joint, instructor, members, full);

    [Theory]
    // own > joint > instructor > members > nothing
    [InlineData(true, true, true, 5, 5, CoverageState.OwnOrganization)]
    [InlineData(true, false, false, 0, 0, CoverageState.OwnOrganization)]
    [InlineData(false, true, true, 2, 2, CoverageState.JointOrganization)]
    [InlineData(false, true, false, 0, 0, CoverageState.JointOrganization)]
    [InlineData(false, false, true, 4, 3, CoverageState.InstructorOnly)]
    [InlineData(false, false, true, 0, 0, CoverageState.InstructorOnly)]
    [InlineData(false, false, false, 1, 0, CoverageState.MembersNoOrganization)]
    [InlineData(false, false, false, 3, 3, CoverageState.MembersNoOrganization)]
    [InlineData(false, false, false, 0, 0, CoverageState.Nothing)]
    public void Classify_follows_the_precedence(
        bool own,
        bool joint,
        bool instructor,
        int members,
        int full,
        CoverageState expected
    ) =>
        Assert.Equal(
            expected,
            CoverageRules.Classify(Facts(own, joint, instructor, members, full))
        );

    [Theory]
    // Full members 0 / 2 / 3 without any organisation and without an instructor.
    [InlineData(0, 0, CoverageTodo.Uncovered)]
    [InlineData(2, 0, CoverageTodo.MembersNoOrganization | CoverageTodo.Uncovered)]
    [InlineData(2, 2, CoverageTodo.MembersNoOrganization | CoverageTodo.Uncovered)]
    [InlineData(
        3,
        3,
        CoverageTodo.FullMembersNoOwnOrganization
            | CoverageTodo.MembersNoOrganization
            | CoverageTodo.Uncovered
    )]
    // Probationary members count as members, not toward the three full members.
    [InlineData(5, 2, CoverageTodo.MembersNoOrganization | CoverageTodo.Uncovered)]
    public void Flags_without_organisation_or_instructor(
        int members,
        int full,
        CoverageTodo expected
    ) => Assert.Equal(expected, CoverageRules.Todo(Facts(members: members, full: full)));

    [Fact]
    public void An_instructor_takes_an_enterprise_off_the_uncovered_list_only()
    {
        var f = Facts(instructor: true, members: 3, full: 3);
        Assert.Equal(CoverageState.InstructorOnly, CoverageRules.Classify(f));
        Assert.Equal(
            CoverageTodo.FullMembersNoOwnOrganization | CoverageTodo.MembersNoOrganization,
            CoverageRules.Todo(f)
        );
    }

    [Fact]
    public void A_joint_organisation_leaves_three_full_members_still_short_of_their_own_branch()
    {
        Assert.Equal(
            CoverageTodo.FullMembersNoOwnOrganization,
            CoverageRules.Todo(Facts(joint: true, members: 3, full: 3))
        );
        Assert.Equal(
            CoverageTodo.None,
            CoverageRules.Todo(Facts(joint: true, members: 2, full: 2))
        );
    }

    [Fact]
    public void An_own_organisation_clears_every_flag()
    {
        Assert.Equal(CoverageTodo.None, CoverageRules.Todo(Facts(own: true, members: 9, full: 9)));
        Assert.Equal(CoverageTodo.None, CoverageRules.Todo(Facts(own: true)));
    }

    [Fact]
    public void The_threshold_is_three_full_members_per_the_branch_regulations()
    {
        Assert.Equal(3, CoverageRules.FullMembersForOwnBranch);
        Assert.Contains("《中国共产党支部工作条例（试行）》第四条", CoverageRules.OwnBranchSource);
        Assert.Contains("第五条", CoverageRules.JointBranchSource);
        Assert.Contains("中办发〔2012〕11号", CoverageRules.CoverageSource);
    }

    [Fact]
    public void Rates_are_shares_rounded_to_four_decimals()
    {
        // 1,314 enterprises: 400 own, 300 joint, 100 instructor-only, 214 members-only, 300 nothing.
        var c = new CoverageCounts(400, 300, 100, 214, 300);
        Assert.Equal(1314, c.Enterprises);
        Assert.Equal(0.5327, CoverageRules.OrganizationCoverageRate(c)); // 700 / 1314 = 0.532724…
        Assert.Equal(0.6088, CoverageRules.WorkCoverageRate(c)); // 800 / 1314 = 0.608828…
        Assert.Equal(0.6667, CoverageRules.Rate(2, 3));
        Assert.Equal(0.3333, CoverageRules.Rate(1, 3));
        Assert.Equal(1.0, CoverageRules.Rate(7, 7));
        Assert.Equal(0.0, CoverageRules.Rate(0, 0));
        Assert.Equal(
            0.0,
            CoverageRules.OrganizationCoverageRate(new CoverageCounts(0, 0, 0, 0, 0))
        );
    }

    [Fact]
    public void Counts_add_up_from_classified_groups()
    {
        var c = CoverageCounts.From([
            (CoverageState.JointOrganization, 2),
            (CoverageState.OwnOrganization, 5),
            (CoverageState.JointOrganization, 3),
            (CoverageState.Nothing, 1),
        ]);
        Assert.Equal(new CoverageCounts(5, 5, 0, 0, 1), c);
        Assert.Equal(11, c.Enterprises);
    }

    [Fact]
    public void Counts_matter_only_through_the_two_thresholds()
    {
        // The query classifies one representative per group of (members > 0, full ≥ 3); this must hold.
        foreach (var own in new[] { false, true })
        foreach (var joint in new[] { false, true })
        foreach (var instructor in new[] { false, true })
            for (var members = 0; members <= 8; members++)
            for (var full = 0; full <= members; full++)
            {
                var f = Facts(own, joint, instructor, members, full);
                var representative = Facts(
                    own,
                    joint,
                    instructor,
                    members > 0 ? 1 : 0,
                    full >= CoverageRules.FullMembersForOwnBranch
                        ? CoverageRules.FullMembersForOwnBranch
                        : 0
                );
                Assert.Equal(CoverageRules.Classify(representative), CoverageRules.Classify(f));
                Assert.Equal(CoverageRules.Todo(representative), CoverageRules.Todo(f));
            }
    }

    [Fact]
    public void Every_state_has_a_name_in_both_languages()
    {
        var root = FindWebRoot();
        foreach (var culture in new[] { "zh-CN", "en-US" })
        {
            var keys = XDocument
                .Load(
                    Path.Combine(root, "Platform", "Localization", $"SharedResource.{culture}.resx")
                )
                .Root!.Elements("data")
                .Where(d => !string.IsNullOrWhiteSpace((string?)d.Element("value")))
                .Select(d => (string?)d.Attribute("name"))
                .ToHashSet();
            foreach (var state in Enum.GetNames<CoverageState>())
                Assert.Contains($"Coverage.State.{state}", keys);
        }
    }

    private static string FindWebRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Louyu.slnx")))
                return Path.Combine(dir.FullName, "src", "Louyu.Web");
        throw new InvalidOperationException("Louyu.slnx not found");
    }
}
