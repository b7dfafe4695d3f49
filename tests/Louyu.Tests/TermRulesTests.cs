using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Tests;

/// <summary>Terms of grassroots organisations (domain-rules §3.5) with exact vectors.</summary>
public sealed class TermRulesTests
{
    private static DateOnly D(string s) =>
        DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(OrganizationType.Committee, "2021-07-01", "2026-07-01")]
    [InlineData(OrganizationType.GeneralBranch, "2021-07-01", "2024-07-01")]
    [InlineData(OrganizationType.Branch, "2021-07-01", "2024-07-01")]
    [InlineData(OrganizationType.JointBranch, "2019-12-31", "2022-12-31")]
    // Leap day: three years on there is no 29 February, the term ends on 28 February.
    [InlineData(OrganizationType.Branch, "2020-02-29", "2023-02-28")]
    // Five years on from a leap day is a common year too; four years on would be a leap year.
    [InlineData(OrganizationType.Committee, "2020-02-29", "2025-02-28")]
    public void Due_date_adds_the_term_of_the_type(
        OrganizationType type,
        string elected,
        string due
    )
    {
        Assert.Equal(D(due), TermRules.DueOn(type, D(elected)));
    }

    [Fact]
    public void A_party_group_has_no_term()
    {
        Assert.Null(TermRules.DueOn(OrganizationType.Group, D("2021-01-01")));
        Assert.False(TermRules.HasTerm(OrganizationType.Group));
        var refusal = TermRules.CheckElection(OrganizationType.Group, null, D("2021-01-01"), "批");
        Assert.Equal(TermRules.NoTermForGroup, refusal?.Code);
        Assert.Contains("关于党的基层组织任期的意见", refusal!.Source, StringComparison.Ordinal);
    }

    [Theory]
    // Due 2024-07-01, reminder window 180 days: due soon from 2024-01-03 (2024 is a leap year).
    [InlineData("2024-01-02", TermState.Current)]
    [InlineData("2024-01-03", TermState.DueSoon)]
    [InlineData("2024-07-01", TermState.DueSoon)]
    [InlineData("2024-07-02", TermState.Overdue)]
    [InlineData("2026-01-01", TermState.Overdue)]
    public void State_follows_the_reminder_window(string day, TermState expected)
    {
        Assert.Equal(expected, TermRules.StateOn(D("2024-07-01"), null, D(day), 180));
    }

    [Fact]
    public void A_term_ends_on_the_next_election()
    {
        var due = D("2024-07-01");
        Assert.Equal(
            TermState.Overdue,
            TermRules.StateOn(due, D("2024-09-01"), D("2024-08-31"), 180)
        );
        Assert.Equal(
            TermState.Ended,
            TermRules.StateOn(due, D("2024-09-01"), D("2024-09-01"), 180)
        );
        Assert.Equal(
            TermState.Ended,
            TermRules.StateOn(due, D("2024-03-01"), D("2024-05-01"), 180)
        );
        Assert.Equal(-61, TermRules.DaysLeft(due, D("2024-08-31")));
        Assert.Equal(0, TermRules.DaysLeft(due, due));
    }

    [Theory]
    // The first recorded term needs no check.
    [InlineData(null, "2010-01-01", null, null)]
    // On schedule: the last 90 days of the term up to the due date.
    [InlineData("2024-07-01", "2024-07-01", null, null)]
    [InlineData("2024-07-01", "2024-04-02", null, null)]
    // Early by 91 days up to exactly one year: approval needed.
    [InlineData("2024-07-01", "2024-04-01", null, TermRules.NeedsApproval)]
    [InlineData("2024-07-01", "2023-07-01", null, TermRules.NeedsApproval)]
    [InlineData("2024-07-01", "2023-07-01", "丰组发〔2023〕12号", null)]
    // More than a year early: refused without approval, named as such.
    [InlineData("2024-07-01", "2023-06-30", null, TermRules.BeyondOneYear)]
    [InlineData("2024-07-01", "2023-06-30", "丰组发〔2023〕12号", null)]
    // Late by a day up to exactly one year: approval needed.
    [InlineData("2024-07-01", "2024-07-02", null, TermRules.NeedsApproval)]
    [InlineData("2024-07-01", "2025-07-01", null, TermRules.NeedsApproval)]
    [InlineData("2024-07-01", "2025-07-01", "批复", null)]
    [InlineData("2024-07-01", "2025-07-02", null, TermRules.BeyondOneYear)]
    [InlineData("2024-07-01", "2025-07-02", "  ", TermRules.BeyondOneYear)]
    public void Off_schedule_elections_need_approval(
        string? due,
        string elected,
        string? approval,
        string? code
    )
    {
        var refusal = TermRules.CheckElection(
            OrganizationType.Branch,
            due is null ? null : D(due),
            D(elected),
            approval
        );
        Assert.Equal(code, refusal?.Code);
        if (refusal is not null)
            Assert.Equal(TermRules.Source, refusal.Source);
    }

    [Fact]
    public void Refusal_names_the_due_date_and_the_days()
    {
        var late = TermRules.CheckElection(
            OrganizationType.Committee,
            D("2024-07-01"),
            D("2024-08-10"),
            null
        )!;
        Assert.Equal("Terms.Rule.LateNeedsApproval", late.MessageKey);
        Assert.Equal(["2024-07-01", 40], late.Args);
        var early = TermRules.CheckElection(
            OrganizationType.Committee,
            D("2024-07-01"),
            D("2022-07-01"),
            null
        )!;
        Assert.Equal("Terms.Rule.TooEarly", early.MessageKey);
        Assert.Equal(731, early.Args[1]);
    }
}
