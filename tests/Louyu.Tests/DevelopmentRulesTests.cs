using Louyu.Web.Modules.PartyAffairs.Domain.Development;
using Louyu.Web.Platform.Clock;

namespace Louyu.Tests;

/// <summary>
/// Member development by the rule book (domain-rules §2): order, age, the one-year activist period, introducers,
/// training, the 公示 period in working days over a holiday with adjusted working days, the vote arithmetic with the
/// "all entitled members" denominator, probation and its extension, and what is due next. Exact dates throughout.
/// </summary>
public sealed class DevelopmentRulesTests
{
    private static readonly DevelopmentRuleBook Book = DevelopmentRuleBook.Default;

    // National Day 2024: 1–7 October off; Sunday 29 September and Saturday 12 October are working days.
    private static readonly WorkingCalendar NationalDay2024 = new(
        new HashSet<DateOnly>(Enumerable.Range(1, 7).Select(d => new DateOnly(2024, 10, d))),
        new HashSet<DateOnly> { new(2024, 9, 29), new(2024, 10, 12) }
    );

    private static DateOnly D(string iso) => DateOnly.Parse(iso);

    private static CaseFacts Facts(string birth, params (int Step, string On)[] done) =>
        new(D(birth), done.ToDictionary(x => x.Step, x => D(x.On)));

    /// <summary>Steps 1..n all done, one day apart from <paramref name="start"/>, with some dates overridden.</summary>
    private static CaseFacts Upto(int n, string start, params (int Step, string On)[] overrides)
    {
        var map = Enumerable.Range(1, n).ToDictionary(i => i, i => D(start).AddDays(i - 1));
        foreach (var (step, on) in overrides)
            map[step] = D(on);
        return new(D("1990-05-05"), map);
    }

    private static StepVerdict Judge(CaseFacts f, StepSubmission s) =>
        DevelopmentRules.Judge(Book, NationalDay2024, f, s);

    private static string Refused(StepVerdict v) => Assert.Single(v.Refusals).Rule.Id;

    [Fact]
    public void The_rule_book_has_5_stages_and_25_steps_and_every_rule_names_its_source()
    {
        Assert.Equal(5, Book.Stages.Count);
        Assert.Equal(Enumerable.Range(1, 25), Book.Steps.Select(s => s.No));
        Assert.All(Book.Steps, s => Assert.Contains(Book.Stages, g => g.No == s.Stage));
        Assert.All(
            Book.Rules,
            r =>
            {
                Assert.False(string.IsNullOrWhiteSpace(r.Source));
                Assert.False(string.IsNullOrWhiteSpace(r.Zh));
                Assert.False(string.IsNullOrWhiteSpace(r.En));
                Assert.True(r.Step is null or >= 1 and <= 25);
            }
        );
        Assert.Equal("确定发展对象", Book.StepNo(7).Zh);
        Assert.Equal(3, Book.StepNo(7).Stage);
    }

    [Theory]
    [InlineData("2006-11-27", "2024-11-26", false)] // the day before the 18th birthday
    [InlineData("2006-11-27", "2024-11-27", true)]
    [InlineData("2004-02-29", "2022-02-28", false)] // a leap-day birthday is reached on 1 March
    [InlineData("2004-02-29", "2022-03-01", true)]
    public void An_applicant_must_be_18_on_the_day_of_application(
        string birth,
        string applied,
        bool accepted
    )
    {
        var v = Judge(Facts(birth), new(1, D(applied)));
        Assert.Equal(accepted, v.Accepted);
        if (!accepted)
        {
            Assert.Equal("MinimumAge", Refused(v));
            Assert.Equal("《中国共产党发展党员工作细则》第五条", v.Refusals[0].Rule.Source);
            Assert.Contains(applied, v.Refusals[0].Message(chinese: true));
        }
    }

    [Fact]
    public void Steps_follow_in_order_and_are_not_dated_before_the_step_they_follow()
    {
        Assert.Equal("StepOrder", Refused(Judge(Upto(3, "2023-01-01"), new(5, D("2023-02-01")))));
        Assert.Equal("StepOrder", Refused(Judge(Upto(3, "2023-01-01"), new(4, D("2022-12-31")))));
        Assert.True(Judge(Upto(3, "2023-01-01"), new(4, D("2023-01-03"))).Accepted);
    }

    [Fact]
    public void A_talk_later_than_one_month_is_accepted_but_flagged_month_end_clamped()
    {
        var f = Facts("1990-01-01", (1, "2024-01-31"));
        var onTime = Judge(f, new(2, D("2024-02-29")));
        Assert.True(onTime.Accepted);
        Assert.Empty(onTime.Flags);
        var late = Judge(f, new(2, D("2024-03-01")));
        Assert.True(late.Accepted);
        var flag = Assert.Single(late.Flags);
        Assert.Equal("TalkWithinOneMonth", flag.Rule.Id);
        Assert.Contains("2024-02-29", flag.Message(chinese: false));
    }

    [Theory]
    [InlineData("2023-03-15", "2024-03-14", false)]
    [InlineData("2023-03-15", "2024-03-15", true)]
    [InlineData("2023-08-31", "2024-08-30", false)]
    [InlineData("2023-08-31", "2024-08-31", true)]
    [InlineData("2023-02-28", "2024-02-28", true)] // one year, not 365 days (2024 is a leap year)
    public void A_development_target_only_after_one_year_as_activist(
        string activistOn,
        string targetOn,
        bool accepted
    )
    {
        var f = Upto(
            6,
            "2022-01-01",
            (3, activistOn),
            (4, activistOn),
            (5, activistOn),
            (6, activistOn)
        );
        var v = Judge(f, new(7, D(targetOn)));
        Assert.Equal(accepted, v.Accepted);
        if (!accepted)
            Assert.Equal("ActivistOneYear", Refused(v));
    }

    [Fact]
    public void Two_full_members_not_under_discipline_introduce_a_development_target()
    {
        var f = Upto(8, "2022-01-01");
        var on = D("2022-02-01");
        IntroducerFact Full(string n) => new(n, true, false);
        Assert.Equal("TwoIntroducers", Refused(Judge(f, new(9, on, Introducers: [Full("甲")]))));
        Assert.Equal(
            "TwoIntroducers",
            Refused(Judge(f, new(9, on, Introducers: [Full("甲"), new("乙", false, false)])))
        );
        Assert.Equal(
            "TwoIntroducers",
            Refused(Judge(f, new(9, on, Introducers: [Full("甲"), new("乙", true, true)])))
        );
        Assert.True(Judge(f, new(9, on, Introducers: [Full("甲"), Full("乙")])).Accepted);
    }

    [Theory]
    [InlineData(2, 20.0, false)]
    [InlineData(3, null, true)]
    [InlineData(1, 24.0, true)]
    [InlineData(null, 23.5, false)]
    public void Training_lasts_three_days_or_24_class_hours(int? days, double? hours, bool accepted)
    {
        var v = Judge(
            Upto(10, "2022-01-01"),
            new(11, D("2022-02-01"), TrainingDays: days, TrainingHours: (decimal?)hours)
        );
        Assert.Equal(accepted, v.Accepted);
    }

    [Theory]
    // Announced Friday 27 Sep: 27, (Sun) 29, 30 Sep, then 8 and 9 Oct after the holiday = 5 working days.
    [InlineData("2024-09-27", "2024-10-09", false, "2024-10-10")]
    [InlineData("2024-09-27", "2024-10-10", true, null)]
    // Announced Monday 14 Oct: 14–18 = 5 working days; the step may come on Saturday 19.
    [InlineData("2024-10-14", "2024-10-18", false, "2024-10-19")]
    [InlineData("2024-10-14", "2024-10-19", true, null)]
    public void Admission_waits_for_five_working_days_of_publicity(
        string from,
        string step,
        bool accepted,
        string? earliest
    )
    {
        var v = Judge(Upto(12, "2024-01-01"), new(13, D(step), PublicityFrom: D(from)));
        Assert.Equal(accepted, v.Accepted);
        if (!accepted)
        {
            Assert.Equal("AdmissionPublicity", Refused(v));
            Assert.Contains(earliest!, v.Refusals[0].Message(chinese: true));
        }
    }

    [Theory]
    [InlineData(10, 5, 5, false, false)] // half present: no quorum
    [InlineData(10, 6, 5, true, false)] // yes = half of all entitled: not passed
    [InlineData(10, 6, 6, true, true)]
    [InlineData(9, 5, 5, true, true)] // 5 > 4.5
    [InlineData(9, 9, 4, true, false)] // most of those present, but not of all entitled
    public void The_branch_meeting_counts_against_all_entitled_members(
        int entitled,
        int present,
        int yes,
        bool quorum,
        bool passed
    )
    {
        var r = DevelopmentRules.Count(new(entitled, present, yes, present - yes, 0));
        Assert.Equal(quorum, r.Quorum);
        Assert.Equal(passed, r.Passed);
        var v = Judge(
            Upto(14, "2024-01-01"),
            new(15, D("2024-02-01"), Vote: new(entitled, present, yes, present - yes, 0))
        );
        Assert.Equal(quorum, v.Accepted);
        if (quorum)
            Assert.Equal(passed, v.Vote!.Passed);
        else
            Assert.Equal("AdmissionVote", Refused(v));
    }

    [Fact]
    public void An_impossible_tally_is_refused() =>
        Assert.Equal(
            "AdmissionVote",
            Refused(
                Judge(Upto(14, "2024-01-01"), new(15, D("2024-02-01"), Vote: new(10, 6, 7, 0, 0)))
            )
        );

    [Fact]
    public void Approval_after_three_months_is_flagged()
    {
        var f = Upto(16, "2024-01-01", (15, "2024-03-31"), (16, "2024-04-01"));
        Assert.Empty(Judge(f, new(17, D("2024-06-30"))).Flags);
        Assert.Equal(
            "ApprovalWithinThreeMonths",
            Assert.Single(Judge(f, new(17, D("2024-07-01"))).Flags).Rule.Id
        );
    }

    [Theory]
    [InlineData(null, "2024-06-29", false)]
    [InlineData(null, "2024-06-30", true)]
    [InlineData(6, "2024-12-29", false)]
    [InlineData(6, "2024-12-30", true)]
    public void Conversion_only_after_a_year_of_probation_plus_any_extension(
        int? extension,
        string on,
        bool accepted
    )
    {
        var f = Upto(22, "2023-01-01", (15, "2023-06-30")) with
        {
            ProbationExtensionMonths = extension,
        };
        var f2 = f with
        {
            Completed = f.Completed.ToDictionary(
                x => x.Key,
                x => x.Key > 15 ? D("2023-07-01").AddDays(x.Key) : x.Value
            ),
        };
        var v = Judge(
            f2,
            new(23, D(on), Vote: new(10, 8, 8, 0, 0), PublicityFrom: D("2023-12-01"))
        );
        Assert.Equal(accepted, v.Accepted);
        if (!accepted)
            Assert.Equal("ProbationOneYear", Refused(v));
    }

    [Theory]
    [InlineData(null, 5, false)]
    [InlineData(null, 6, true)]
    [InlineData(null, 12, true)]
    [InlineData(null, 13, false)]
    [InlineData(6, 6, false)] // only once
    public void Probation_is_extended_once_by_6_to_12_months(int? already, int months, bool ok) =>
        Assert.Equal(ok, DevelopmentRules.JudgeExtension(Book, already, months) is null);

    [Fact]
    public void Next_says_what_is_due_and_its_window()
    {
        var talk = DevelopmentRules.Next(Book, Facts("1990-01-01", (1, "2024-01-31")))!;
        Assert.Equal(new NextStep(2, D("2024-01-31"), D("2024-02-29")), talk);

        var target = DevelopmentRules.Next(
            Book,
            Upto(6, "2023-03-13", (3, "2023-03-15"), (6, "2023-09-01"))
        )!;
        Assert.Equal(new NextStep(7, D("2024-03-15"), null), target);

        Assert.Null(DevelopmentRules.Next(Book, Upto(25, "2020-01-01")));
        Assert.Equal(1, DevelopmentRules.Next(Book, Facts("1990-01-01"))!.No);
    }
}
