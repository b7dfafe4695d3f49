using Louyu.Web.Modules.PartyAffairs.Domain;

namespace Louyu.Tests;

/// <summary>Quorum (domain-rules §2.5, §3.6), the compliance rule of the board and the evaluation result, by vectors.</summary>
public sealed class MeetingRulesTests
{
    [Theory]
    [InlineData(MeetingKind.BranchCommittee, 5, 3, true, 3)]
    [InlineData(MeetingKind.BranchCommittee, 5, 2, false, 3)]
    [InlineData(MeetingKind.BranchCommittee, 4, 2, false, 3)] // exactly half is not more than half
    [InlineData(MeetingKind.BranchCommittee, 4, 3, true, 3)]
    [InlineData(MeetingKind.BranchAssembly, 30, 16, true, 16)]
    [InlineData(MeetingKind.BranchAssembly, 30, 15, false, 16)]
    [InlineData(MeetingKind.BranchAssembly, 0, 0, false, 1)]
    public void Quorum_needs_more_than_half_of_the_entitled(
        MeetingKind kind,
        int entitled,
        int present,
        bool met,
        int needed
    )
    {
        var q = QuorumRules.Check(kind, entitled, present);
        Assert.True(q.Required);
        Assert.Equal(met, q.Met);
        Assert.Equal(needed, q.Needed);
    }

    [Theory]
    [InlineData(MeetingKind.PartyLecture)]
    [InlineData(MeetingKind.GroupMeeting)]
    [InlineData(MeetingKind.ThemedPartyDay)]
    public void Other_kinds_have_no_quorum(MeetingKind kind)
    {
        var q = QuorumRules.Check(kind, 10, 1);
        Assert.False(q.Required);
        Assert.True(q.Met);
    }

    [Theory]
    [InlineData(MeetingFrequency.Month, "2026-11-27", "2026-11-01")]
    [InlineData(MeetingFrequency.Quarter, "2026-11-27", "2026-10-01")]
    [InlineData(MeetingFrequency.Quarter, "2026-03-31", "2026-01-01")]
    [InlineData(MeetingFrequency.Quarter, "2026-04-01", "2026-04-01")]
    [InlineData(MeetingFrequency.Year, "2026-11-27", "2026-01-01")]
    public void Period_start(MeetingFrequency f, string day, string start) =>
        Assert.Equal(
            DateOnly.Parse(start),
            ComplianceRules.MonthStart(
                ComplianceRules.PeriodStart(f, ComplianceRules.MonthIndex(DateOnly.Parse(day)))
            )
        );

    private static readonly DateOnly Today = new(2026, 11, 27);

    /// <summary>Only 支委会 monthly is required (others switched off), to read one kind at a time.</summary>
    private static MeetingFrequencyOptions Only(MeetingKind kind, MeetingFrequency f)
    {
        var o = new MeetingFrequencyOptions
        {
            BranchAssembly = MeetingFrequency.None,
            BranchCommittee = MeetingFrequency.None,
            GroupMeeting = MeetingFrequency.None,
            PartyLecture = MeetingFrequency.None,
            ThemedPartyDay = MeetingFrequency.None,
            OrganizationalLife = MeetingFrequency.None,
            DemocraticEvaluation = MeetingFrequency.None,
        };
        typeof(MeetingFrequencyOptions).GetProperty(kind.ToString())!.SetValue(o, f);
        return o;
    }

    private static BranchCompliance Eval(
        MeetingFrequencyOptions f,
        string founded,
        params (MeetingKind, string)[] held
    )
    {
        var (anchor, masks) = ComplianceRules.Masks(
            Today,
            held.Select(h => (h.Item1, DateOnly.Parse(h.Item2)))
        );
        return ComplianceRules.Evaluate(f, DateOnly.Parse(founded), Today, anchor, masks);
    }

    private static (MeetingKind, string)[] Monthly(MeetingKind k, int fromMonth, int toMonth) =>
        [
            .. Enumerable
                .Range(fromMonth, toMonth - fromMonth + 1)
                .Select(i =>
                {
                    var d = new DateOnly(2025, 12, 10).AddMonths(i);
                    return (k, d.ToString("yyyy-MM-dd"));
                }),
        ];

    [Fact]
    public void Monthly_committee_every_month_of_the_last_year_is_green()
    {
        // Dec 2025 … Nov 2026: 11 past months and the current one.
        var c = Eval(
            Only(MeetingKind.BranchCommittee, MeetingFrequency.Month),
            "2020-01-01",
            Monthly(MeetingKind.BranchCommittee, 0, 11)
        );
        Assert.Equal(ComplianceState.Green, c.State);
        Assert.Equal(12, c.Kinds[(int)MeetingKind.BranchCommittee].Periods.Count);
    }

    [Fact]
    public void Current_month_not_held_is_amber()
    {
        var c = Eval(
            Only(MeetingKind.BranchCommittee, MeetingFrequency.Month),
            "2020-01-01",
            Monthly(MeetingKind.BranchCommittee, 0, 10)
        );
        Assert.Equal(ComplianceState.Amber, c.State);
        Assert.True(c.Kinds[(int)MeetingKind.BranchCommittee].CurrentDue);
    }

    [Fact]
    public void A_past_month_missed_is_red_even_when_this_month_is_held()
    {
        var held = Monthly(MeetingKind.BranchCommittee, 0, 11)
            .Where(h => h.Item2 != "2026-06-10")
            .ToArray();
        var c = Eval(Only(MeetingKind.BranchCommittee, MeetingFrequency.Month), "2020-01-01", held);
        Assert.Equal(ComplianceState.Red, c.State);
        var missed = Assert.Single(c.Kinds[(int)MeetingKind.BranchCommittee].Missed);
        Assert.Equal(
            "2026年6月",
            ComplianceRules.Label(MeetingFrequency.Month, missed.StartMonth, true)
        );
        Assert.Equal(
            "2026-06",
            ComplianceRules.Label(MeetingFrequency.Month, missed.StartMonth, false)
        );
    }

    [Fact]
    public void A_month_more_than_a_year_ago_does_not_count()
    {
        // Nov 2025 is outside the window (Dec 2025 … Nov 2026).
        var c = Eval(
            Only(MeetingKind.BranchCommittee, MeetingFrequency.Month),
            "2020-01-01",
            Monthly(MeetingKind.BranchCommittee, 0, 11)
        );
        Assert.Equal(
            ComplianceRules.MonthIndex(new DateOnly(2025, 12, 1)),
            c.Kinds[(int)MeetingKind.BranchCommittee].Periods[0].StartMonth
        );
    }

    [Fact]
    public void Periods_before_the_branch_was_founded_are_not_required()
    {
        // Founded 2026-09-15: October is the first required month.
        var c = Eval(
            Only(MeetingKind.BranchCommittee, MeetingFrequency.Month),
            "2026-09-15",
            (MeetingKind.BranchCommittee, "2026-10-20"),
            (MeetingKind.BranchCommittee, "2026-11-02")
        );
        Assert.Equal(ComplianceState.Green, c.State);
        Assert.Equal(2, c.Kinds[(int)MeetingKind.BranchCommittee].Periods.Count);
        // Founded on the first of a month: that month counts.
        var d = Eval(
            Only(MeetingKind.BranchCommittee, MeetingFrequency.Month),
            "2026-10-01",
            (MeetingKind.BranchCommittee, "2026-11-02")
        );
        Assert.Equal(ComplianceState.Red, d.State);
    }

    [Fact]
    public void Quarterly_assembly_any_month_of_the_quarter_counts()
    {
        var f = Only(MeetingKind.BranchAssembly, MeetingFrequency.Quarter);
        var c = Eval(
            f,
            "2020-01-01",
            (MeetingKind.BranchAssembly, "2026-03-31"),
            (MeetingKind.BranchAssembly, "2026-04-01"),
            (MeetingKind.BranchAssembly, "2026-09-30"),
            (MeetingKind.BranchAssembly, "2026-11-27")
        );
        Assert.Equal(ComplianceState.Green, c.State);
        var noQ4 = Eval(
            f,
            "2020-01-01",
            (MeetingKind.BranchAssembly, "2026-03-31"),
            (MeetingKind.BranchAssembly, "2026-04-01"),
            (MeetingKind.BranchAssembly, "2026-09-30")
        );
        Assert.Equal(ComplianceState.Amber, noQ4.State);
        var noQ2 = Eval(
            f,
            "2020-01-01",
            (MeetingKind.BranchAssembly, "2026-03-31"),
            (MeetingKind.BranchAssembly, "2026-09-30"),
            (MeetingKind.BranchAssembly, "2026-11-27")
        );
        Assert.Equal(ComplianceState.Red, noQ2.State);
        Assert.Equal(
            "2026年第2季度",
            ComplianceRules.Label(
                MeetingFrequency.Quarter,
                noQ2.Kinds[0].Missed.Single().StartMonth,
                true
            )
        );
    }

    [Fact]
    public void Yearly_life_meeting_last_year_missed_is_red_this_year_not_yet_is_amber()
    {
        var f = Only(MeetingKind.OrganizationalLife, MeetingFrequency.Year);
        Assert.Equal(
            ComplianceState.Red,
            Eval(f, "2020-01-01", (MeetingKind.OrganizationalLife, "2026-01-20")).State
        );
        Assert.Equal(
            ComplianceState.Amber,
            Eval(f, "2020-01-01", (MeetingKind.OrganizationalLife, "2025-12-20")).State
        );
        Assert.Equal(
            ComplianceState.Green,
            Eval(
                f,
                "2020-01-01",
                (MeetingKind.OrganizationalLife, "2025-12-20"),
                (MeetingKind.OrganizationalLife, "2026-01-20")
            ).State
        );
    }

    [Fact]
    public void Red_wins_over_amber_across_kinds_and_defaults_need_every_kind()
    {
        var defaults = new MeetingFrequencyOptions();
        Assert.Equal(ComplianceState.Red, Eval(defaults, "2020-01-01").State);
        // A branch founded on the first of this month has only current periods: amber, not red.
        Assert.Equal(ComplianceState.Amber, Eval(defaults, "2026-11-01").State);
        // Founded today: nothing required yet.
        Assert.Equal(ComplianceState.Green, Eval(defaults, "2026-11-27").State);
    }

    [Fact]
    public void Masks_ignore_months_more_than_64_back_and_a_later_anchor_shifts_the_bits()
    {
        var m = ComplianceRules.Set(0, 100, 100);
        Assert.Equal(1L, m);
        Assert.Equal(0L, ComplianceRules.Set(0, 100, 30));
        Assert.Equal(0L, ComplianceRules.Set(0, 100, 101));
        Assert.True(ComplianceRules.AnyHeld(m, 100, 100, 1));
        Assert.False(ComplianceRules.AnyHeld(m, 100, 101, 1));
        Assert.True(ComplianceRules.AnyHeld(ComplianceRules.Set(0, 101, 100), 101, 99, 3));
    }

    [Theory]
    [InlineData(5, 2, 0, 0, EvaluationGrade.Excellent)]
    [InlineData(2, 5, 0, 0, EvaluationGrade.Qualified)]
    [InlineData(3, 3, 0, 0, EvaluationGrade.Qualified)] // a tie goes to the lower grade
    [InlineData(0, 0, 1, 1, EvaluationGrade.Unqualified)]
    public void Evaluation_result_is_the_grade_with_most_votes(
        int ex,
        int q,
        int b,
        int u,
        EvaluationGrade expected
    ) => Assert.Equal(expected, EvaluationRules.Result(ex, q, b, u));

    [Fact]
    public void Evaluation_without_votes_has_no_result() =>
        Assert.Null(EvaluationRules.Result(0, 0, 0, 0));
}

public sealed class ComplianceFastPathTests
{
    [Theory]
    [InlineData("2020-01-01", 0L)]
    [InlineData("2026-11-01", 0L)]
    [InlineData("2026-11-27", 0L)]
    [InlineData("2020-01-01", -1L)]
    [InlineData("2020-01-01", -2L)]
    [InlineData("2020-01-01", -9L)]
    public void StateOf_agrees_with_Evaluate(string founded, long committee)
    {
        var today = new DateOnly(2026, 11, 27);
        var anchor = ComplianceRules.MonthIndex(today);
        long[] masks = [-1, committee, -1, -1, -1, -1, -1];
        var f = new MeetingFrequencyOptions();
        Assert.Equal(
            ComplianceRules.Evaluate(f, DateOnly.Parse(founded), today, anchor, masks).State,
            ComplianceRules.StateOf(f, DateOnly.Parse(founded), today, anchor, masks)
        );
    }

    [Theory]
    [InlineData(MeetingKind.BranchCommittee, false, Invitees.Committee)]
    [InlineData(MeetingKind.BranchCommittee, true, Invitees.Committee)]
    [InlineData(MeetingKind.GroupMeeting, false, Invitees.Members)]
    [InlineData(MeetingKind.GroupMeeting, true, Invitees.Group)]
    [InlineData(MeetingKind.BranchAssembly, false, Invitees.Members)]
    [InlineData(MeetingKind.PartyLecture, false, Invitees.Members)]
    public void A_group_meeting_for_a_group_invites_the_group(
        MeetingKind kind,
        bool forGroup,
        Invitees expected
    ) => Assert.Equal(expected, MeetingInvitations.Of(kind, forGroup));

    private static readonly Guid Branch = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid OtherBranch = Guid.Parse("22222222-2222-2222-2222-222222222222");

    public static TheoryData<MeetingKind, Guid?, string, string?, string, string?> GroupVectors =>
        new()
        {
            // kind, group's branch, founded, dissolved, meeting day, refusal
            { MeetingKind.GroupMeeting, Branch, "2020-01-01", null, "2026-11-27", null },
            { MeetingKind.GroupMeeting, Branch, "2026-11-27", null, "2026-11-27", null },
            { MeetingKind.GroupMeeting, Branch, "2020-01-01", "2026-11-28", "2026-11-27", null },
            {
                MeetingKind.GroupMeeting,
                Branch,
                "2020-01-01",
                "2026-11-27",
                "2026-11-27",
                MeetingGroupRules.GroupNotLive
            },
            {
                MeetingKind.GroupMeeting,
                Branch,
                "2026-11-28",
                null,
                "2026-11-27",
                MeetingGroupRules.GroupNotLive
            },
            {
                MeetingKind.GroupMeeting,
                OtherBranch,
                "2020-01-01",
                null,
                "2026-11-27",
                MeetingGroupRules.GroupNotOfBranch
            },
            {
                MeetingKind.GroupMeeting,
                null,
                "2020-01-01",
                null,
                "2026-11-27",
                MeetingGroupRules.GroupNotOfBranch
            },
            {
                MeetingKind.BranchAssembly,
                Branch,
                "2020-01-01",
                null,
                "2026-11-27",
                MeetingGroupRules.GroupMeetingOnly
            },
            {
                MeetingKind.BranchCommittee,
                Branch,
                "2020-01-01",
                null,
                "2026-11-27",
                MeetingGroupRules.GroupMeetingOnly
            },
        };

    [Theory]
    [MemberData(nameof(GroupVectors))]
    public void A_group_meeting_names_a_live_group_of_its_own_branch(
        MeetingKind kind,
        Guid? groupBranch,
        string founded,
        string? dissolved,
        string on,
        string? refusal
    )
    {
        var facts = new MeetingGroupFacts(
            groupBranch,
            DateOnly.Parse(founded),
            dissolved is null ? null : DateOnly.Parse(dissolved)
        );
        Assert.Equal(refusal, MeetingGroupRules.Check(kind, Branch, facts, DateOnly.Parse(on)));
    }

    [Fact]
    public void An_unknown_group_is_not_of_the_branch() =>
        Assert.Equal(
            MeetingGroupRules.GroupNotOfBranch,
            MeetingGroupRules.Check(
                MeetingKind.GroupMeeting,
                Branch,
                null,
                new DateOnly(2026, 11, 27)
            )
        );
}
