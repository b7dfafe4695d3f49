using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Platform.Clock;

namespace Louyu.Tests;

/// <summary>
/// The rules that finish a case (domain-rules §2.2, §2.6, §2.7): half-yearly assessments of an activist, the approval
/// within 3 months extendable to 6, probation extended once by 6–12 months or cancelled, the conversion vote, what is
/// due and late on a day (a fixed "today", no clock), and the rule book read back from its table rows.
/// </summary>
public sealed class DevelopmentCaseRulesTests
{
    private static readonly DevelopmentRuleBook Book = DevelopmentRuleBook.Default;
    private static readonly WorkingCalendar Cal = OfficialHolidays.Calendar(2025, 2026);

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    private static Dictionary<int, DateOnly> Steps(params (int Step, string On)[] done) =>
        done.ToDictionary(x => x.Step, x => D(x.On));

    /// <summary>Steps 1..n, with step <c>n</c> on <paramref name="last"/> and the others a day apart before it.</summary>
    private static Dictionary<int, DateOnly> Upto(int n, string last) =>
        Enumerable.Range(1, n).ToDictionary(i => i, i => D(last).AddDays(i - n));

    [Theory]
    // Activist since 15 Mar 2025, nothing on file: due 15 Sep 2025; late from 16 Sep.
    [InlineData(new string[0], "2025-09-15", "2025-09-15", false)]
    [InlineData(new string[0], "2025-09-16", "2025-09-15", true)]
    // An assessment dated 10 Sep 2025 moves the next one to 10 Mar 2026.
    [InlineData(new[] { "2025-09-10" }, "2026-03-10", "2026-03-10", false)]
    [InlineData(new[] { "2025-09-10" }, "2026-03-11", "2026-03-10", true)]
    // An assessment dated before the person became an activist does not count.
    [InlineData(new[] { "2025-01-01" }, "2025-09-16", "2025-09-15", true)]
    // Two assessments: the latest counts (31 Aug 2025 + 6 months = 28 Feb 2026, month end clamped).
    [InlineData(new[] { "2025-08-31", "2025-06-01" }, "2026-02-28", "2026-02-28", false)]
    public void An_activist_is_assessed_every_half_year(
        string[] assessments,
        string today,
        string due,
        bool late
    )
    {
        var facts = new CaseFacts(
            D("1995-01-01"),
            Steps((1, "2025-01-02"), (2, "2025-01-20"), (3, "2025-03-15"), (4, "2025-03-20")),
            Assessments: [.. assessments.Select(D)]
        );
        var a = DevelopmentRules.AssessmentDue(Book, facts, D(today))!;
        Assert.Equal("HalfYearlyAssessment", a.Rule.Id);
        Assert.Equal(RuleSeverity.Flag, a.Rule.Severity);
        Assert.Equal(D(due), a.Due);
        Assert.Equal(late, a.Late);
    }

    [Fact]
    public void Half_yearly_assessments_stop_once_a_development_target()
    {
        var before = new CaseFacts(D("1995-01-01"), Steps((1, "2025-01-02"), (2, "2025-01-20")));
        Assert.Null(DevelopmentRules.AssessmentDue(Book, before, D("2026-01-01")));
        var target = new CaseFacts(D("1995-01-01"), Upto(7, "2026-04-01"));
        Assert.Null(DevelopmentRules.AssessmentDue(Book, target, D("2027-01-01")));
    }

    [Theory]
    // Branch meeting 10 Jan 2025: approval by 10 Apr 2025, or by 10 Jul 2025 when extended (special reasons).
    [InlineData(false, "2025-04-10", false)]
    [InlineData(false, "2025-04-11", true)]
    [InlineData(true, "2025-07-10", false)]
    [InlineData(true, "2025-07-11", true)]
    public void Approval_within_three_months_extendable_to_six(
        bool extended,
        string on,
        bool flagged
    )
    {
        var facts = new CaseFacts(
            D("1990-01-01"),
            Upto(16, "2025-01-20") is var m ? With(m, 15, "2025-01-10") : m,
            ApprovalExtended: extended
        );
        var v = DevelopmentRules.Judge(Book, Cal, facts, new(17, D(on)));
        Assert.True(v.Accepted);
        Assert.Equal(flagged, v.Flags.Any(f => f.Rule.Id == "ApprovalWithinThreeMonths"));
        var next = DevelopmentRules.Next(Book, facts)!;
        Assert.Equal(extended ? D("2025-07-10") : D("2025-04-10"), next.Latest);
    }

    private static Dictionary<int, DateOnly> With(Dictionary<int, DateOnly> m, int step, string on)
    {
        m[step] = D(on);
        return m;
    }

    [Fact]
    public void The_approval_period_is_extended_once_while_the_approval_is_pending()
    {
        var pending = new CaseFacts(D("1990-01-01"), Upto(16, "2025-02-01"));
        Assert.Null(DevelopmentRules.JudgeApprovalExtension(Book, pending));
        Assert.Equal(
            "ApprovalWithinThreeMonths",
            DevelopmentRules
                .JudgeApprovalExtension(Book, pending with { ApprovalExtended = true })!
                .Rule.Id
        );
        Assert.NotNull(
            DevelopmentRules.JudgeApprovalExtension(
                Book,
                new(D("1990-01-01"), Upto(14, "2025-02-01"))
            )
        );
        Assert.NotNull(
            DevelopmentRules.JudgeApprovalExtension(
                Book,
                new(D("1990-01-01"), Upto(17, "2025-02-01"))
            )
        );
    }

    [Theory]
    [InlineData(14, null, 6, false)] // not yet admitted by the branch meeting
    [InlineData(15, null, 6, true)]
    [InlineData(20, null, 12, true)]
    [InlineData(20, null, 5, false)]
    [InlineData(20, null, 13, false)]
    [InlineData(20, 6, 6, false)] // only once
    [InlineData(22, null, 9, true)]
    [InlineData(23, null, 6, false)] // the conversion vote was held
    public void Probation_is_extended_once_by_6_to_12_months_while_probationary(
        int upto,
        int? already,
        int months,
        bool ok
    )
    {
        var facts = new CaseFacts(D("1990-01-01"), Upto(upto, "2025-06-01"), already);
        var f = DevelopmentRules.JudgeExtension(Book, facts, months);
        Assert.Equal(ok, f is null);
        if (!ok)
            Assert.Equal("ProbationExtension", f!.Rule.Id);
    }

    [Theory]
    [InlineData(14, false, false)]
    [InlineData(15, false, true)]
    [InlineData(23, false, true)] // voted down at conversion: cancelled before approval
    [InlineData(24, false, false)] // conversion approved
    [InlineData(20, true, false)] // already cancelled
    public void Probation_is_cancelled_only_while_probationary(int upto, bool cancelled, bool ok)
    {
        var facts = new CaseFacts(D("1990-01-01"), Upto(upto, "2025-06-01"), Cancelled: cancelled);
        var f = DevelopmentRules.JudgeCancellation(Book, facts);
        Assert.Equal(ok, f is null);
        if (!ok)
            Assert.Equal("ProbationCancellation", f!.Rule.Id);
    }

    [Fact]
    public void A_cancelled_case_has_nothing_due()
    {
        var facts = new CaseFacts(D("1990-01-01"), Upto(18, "2025-06-01"), Cancelled: true);
        Assert.Null(DevelopmentRules.Next(Book, facts));
        Assert.Empty(DevelopmentRules.Alerts(Book, facts, D("2027-01-01")));
    }

    [Fact]
    public void Conversion_after_an_extension_is_discussed_only_when_it_ends()
    {
        // Admitted 10 Jan 2025, extended by 6 months: conversion not before 10 Jul 2026.
        var facts = new CaseFacts(
            D("1990-01-01"),
            With(Upto(22, "2025-12-01"), 15, "2025-01-10"),
            6
        );
        var v = DevelopmentRules.Judge(
            Book,
            Cal,
            facts,
            new(23, D("2026-07-09"), Vote: new(9, 7, 6, 1, 0), PublicityFrom: D("2026-06-01"))
        );
        Assert.Equal("ProbationOneYear", Assert.Single(v.Refusals).Rule.Id);
        Assert.Equal(D("2026-07-10"), DevelopmentRules.Next(Book, facts)!.Earliest);
    }

    [Theory]
    // 9 entitled: quorum needs 5 present; passing needs 5 yes of ALL 9 entitled (not of those present).
    [InlineData(9, 4, 4, "ConversionVote", false)]
    [InlineData(9, 5, 4, null, false)] // quorum, but 4 yes of 9 fails
    [InlineData(9, 5, 5, null, true)]
    [InlineData(10, 6, 5, null, false)] // 5 of 10 is not more than half
    [InlineData(10, 10, 6, null, true)]
    public void The_conversion_vote_uses_the_same_quorum_and_threshold(
        int entitled,
        int present,
        int yes,
        string? refused,
        bool passed
    )
    {
        var facts = new CaseFacts(D("1990-01-01"), With(Upto(22, "2026-01-20"), 15, "2025-01-10"));
        var v = DevelopmentRules.Judge(
            Book,
            Cal,
            facts,
            new(
                23,
                D("2026-02-26"),
                Vote: new(entitled, present, yes, present - yes, 0),
                PublicityFrom: D("2026-02-12")
            )
        );
        if (refused is null)
        {
            Assert.True(v.Accepted);
            Assert.Equal(passed, v.Vote!.Passed);
        }
        else
            Assert.Equal(refused, Assert.Single(v.Refusals).Rule.Id);
    }

    [Fact]
    public void Alerts_say_what_is_due_and_what_is_late_on_a_day()
    {
        // Applied 31 Jan 2025, no talk yet: due 28 Feb 2025 (month end clamped).
        var applied = new CaseFacts(D("1995-01-01"), Steps((1, "2025-01-31")));
        var due = Assert.Single(DevelopmentRules.Alerts(Book, applied, D("2025-02-28")));
        Assert.Equal(
            ("TalkWithinOneMonth", D("2025-02-28"), false),
            (due.Rule.Id, due.Due, due.Late)
        );
        Assert.True(Assert.Single(DevelopmentRules.Alerts(Book, applied, D("2025-03-01"))).Late);

        // An activist (steps 1–6) with no assessment for a year: the assessment is late; step 7 has no deadline.
        var activist = new CaseFacts(
            D("1995-01-01"),
            Upto(6, "2025-03-20") is var m ? With(m, 3, "2025-03-15") : m
        );
        var late = Assert.Single(DevelopmentRules.Alerts(Book, activist, D("2026-03-16")));
        Assert.Equal(
            ("HalfYearlyAssessment", D("2025-09-15"), true),
            (late.Rule.Id, late.Due, late.Late)
        );
    }

    [Fact]
    public void The_rule_book_round_trips_through_its_table_rows_and_a_revision_is_a_data_change()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rows = Book.Rules.Select((r, i) => DevelopmentRuleBookStore.ToRow(r, i, now)).ToList();
        Assert.Equal(Book.Rules, rows.Select(DevelopmentRuleBookStore.ToRule));

        // A revision sets the activist period to 18 months: only the row changes.
        rows.Single(r => r.Id == "ActivistOneYear").Months = 18;
        var revised = Book with { Rules = [.. rows.Select(DevelopmentRuleBookStore.ToRule)] };
        var facts = new CaseFacts(
            D("1995-01-01"),
            Upto(6, "2025-03-20") is var m ? With(m, 3, "2025-03-15") : m
        );
        Assert.Equal(D("2026-09-15"), DevelopmentRules.Next(revised, facts)!.Earliest);
        Assert.Equal(D("2026-03-15"), DevelopmentRules.Next(Book, facts)!.Earliest);
        var v = DevelopmentRules.Judge(revised, Cal, facts, new(7, D("2026-03-16")));
        Assert.Equal("ActivistOneYear", Assert.Single(v.Refusals).Rule.Id);
    }

    [Theory]
    [InlineData("a.pdf", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData(
        "A.PNG",
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A },
        "image/png"
    )]
    [InlineData("scan.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData("a.pdf", new byte[] { 0x4D, 0x5A, 0x90 }, null)] // an executable named .pdf
    [InlineData("a.exe", new byte[] { 0x25, 0x50, 0x44, 0x46 }, null)]
    [InlineData(
        "a.docx",
        new byte[] { 0x50, 0x4B, 0x03, 0x04 },
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )]
    public void Documents_are_checked_by_name_and_content(string name, byte[] head, string? type) =>
        Assert.Equal(type, DevelopmentDocuments.ContentTypeOf(name, head));

    [Fact]
    public void Document_names_lose_their_folders()
    {
        Assert.Equal("考察.pdf", DevelopmentDocuments.CleanName(@"C:\Users\x\考察.pdf"));
        Assert.Equal("a.pdf", DevelopmentDocuments.CleanName("../../a.pdf"));
    }
}
