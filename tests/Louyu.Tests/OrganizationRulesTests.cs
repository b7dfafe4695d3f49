using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Tests;

/// <summary>The size and make-up rules of a branch (domain-rules §3.1–3.3, §6) at their boundaries.</summary>
public sealed class OrganizationRulesTests
{
    private static CoverageFacts Joint(int full = 0) => new(false, true, false, full, full);

    private static IReadOnlyList<string> Codes(
        OrganizationType type,
        int members,
        int full,
        int enterprises = 1
    ) =>
        [
            .. OrganizationRules
                .Check(
                    new OrganizationFacts(
                        type,
                        members,
                        full,
                        [.. Enumerable.Range(0, enterprises).Select(_ => Joint())]
                    )
                )
                .Select(c => c.Code),
        ];

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public void A_branch_needs_three_full_members(int full, bool flagged)
    {
        var checks = OrganizationRules.Check(
            new OrganizationFacts(OrganizationType.Branch, full, full, [])
        );
        var check = checks.SingleOrDefault(c => c.Code == OrganizationRules.TooFewFullMembers);
        Assert.Equal(flagged, check is not null);
        if (check is not null)
        {
            Assert.Equal(CheckSeverity.Violation, check.Severity);
            Assert.Equal("Organizations.Check.TooFewFullMembers", check.MessageKey);
            Assert.StartsWith("依据《中国共产党支部工作条例（试行）》第四条", check.Source);
            Assert.Equal(new object[] { full, 3 }, check.Args);
        }
    }

    [Fact]
    public void A_joint_branch_is_not_flagged_for_few_full_members() =>
        Assert.Empty(Codes(OrganizationType.JointBranch, 2, 2, enterprises: 2));

    [Theory]
    [InlineData(OrganizationType.Branch, 6, false)]
    [InlineData(OrganizationType.Branch, 7, true)]
    [InlineData(OrganizationType.JointBranch, 6, false)]
    [InlineData(OrganizationType.JointBranch, 7, true)]
    [InlineData(OrganizationType.Group, 7, false)]
    [InlineData(OrganizationType.Committee, 30, false)]
    public void Seven_full_members_call_for_a_committee(
        OrganizationType type,
        int full,
        bool flagged
    )
    {
        var codes = Codes(type, full, full);
        Assert.Equal(flagged, codes.Contains(OrganizationRules.CommitteeRequired));
        if (flagged)
            Assert.Equal(
                CheckSeverity.Warning,
                OrganizationRules
                    .Check(new OrganizationFacts(type, full, full, []))
                    .Single(c => c.Code == OrganizationRules.CommitteeRequired)
                    .Severity
            );
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)] // a secretary and a deputy are not a committee
    [InlineData(3, false)]
    [InlineData(5, false)]
    public void A_branch_with_an_elected_committee_of_three_or_more_is_not_flagged(
        int committeeMembers,
        bool flagged
    ) =>
        Assert.Equal(
            flagged,
            OrganizationRules
                .Check(new OrganizationFacts(OrganizationType.Branch, 9, 9, [], committeeMembers))
                .Any(c => c.Code == OrganizationRules.CommitteeRequired)
        );

    [Theory]
    [InlineData(OrganizationType.Branch, 50, false)]
    [InlineData(OrganizationType.Branch, 51, true)]
    [InlineData(OrganizationType.JointBranch, 51, true)]
    [InlineData(OrganizationType.GeneralBranch, 51, false)]
    public void More_than_fifty_members_suggest_a_general_branch(
        OrganizationType type,
        int members,
        bool flagged
    ) => Assert.Equal(flagged, Codes(type, members, 10).Contains(OrganizationRules.TooManyMembers));

    [Theory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(2, false)]
    public void A_joint_branch_covers_at_most_five_enterprises(int enterprises, bool flagged)
    {
        var checks = OrganizationRules.Check(
            new OrganizationFacts(
                OrganizationType.JointBranch,
                3,
                3,
                [.. Enumerable.Range(0, enterprises).Select(_ => Joint())]
            )
        );
        var check = checks.SingleOrDefault(c => c.Code == OrganizationRules.JointBranchTooLarge);
        Assert.Equal(flagged, check is not null);
        if (check is not null)
        {
            Assert.Equal(new object[] { enterprises, 5 }, check.Args);
            Assert.StartsWith("依据《中国共产党支部工作条例（试行）》第五条", check.Source);
        }
    }

    [Fact]
    public void A_branch_of_six_enterprises_is_not_a_joint_branch_check() =>
        Assert.DoesNotContain(
            OrganizationRules.JointBranchTooLarge,
            Codes(OrganizationType.Branch, 3, 3, enterprises: 6)
        );

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void An_enterprise_with_three_full_members_in_a_joint_branch_needs_its_own(
        int full,
        bool flagged
    )
    {
        var checks = OrganizationRules.Check(
            new OrganizationFacts(OrganizationType.JointBranch, 5, 5, [Joint(full), Joint(0)])
        );
        var check = checks.SingleOrDefault(c =>
            c.Code == OrganizationRules.EnterpriseNeedsOwnBranch
        );
        Assert.Equal(flagged, check is not null);
        if (check is not null)
        {
            Assert.Equal("依据" + CoverageRules.OwnBranchSource, check.Source);
            Assert.Equal(new object[] { 1, 3 }, check.Args);
        }
    }

    [Fact]
    public void An_enterprise_with_its_own_branch_is_not_flagged() =>
        Assert.Empty(
            OrganizationRules.Check(
                new OrganizationFacts(
                    OrganizationType.Branch,
                    5,
                    5,
                    [new CoverageFacts(true, false, false, 5, 5)]
                )
            )
        );

    [Fact]
    public void Every_check_names_its_source()
    {
        var all = OrganizationRules.Check(
            new OrganizationFacts(
                OrganizationType.JointBranch,
                60,
                8,
                [.. Enumerable.Range(0, 6).Select(_ => Joint(3))]
            )
        );
        Assert.Equal(
            [
                OrganizationRules.CommitteeRequired,
                OrganizationRules.TooManyMembers,
                OrganizationRules.JointBranchTooLarge,
                OrganizationRules.EnterpriseNeedsOwnBranch,
            ],
            all.Select(c => c.Code)
        );
        Assert.All(all, c => Assert.StartsWith("依据", c.Source));
    }
}
