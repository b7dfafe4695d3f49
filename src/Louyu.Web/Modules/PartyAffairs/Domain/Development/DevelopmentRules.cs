using System.Globalization;
using Louyu.Web.Platform.Clock;

namespace Louyu.Web.Modules.PartyAffairs.Domain.Development;

/// <summary>An introducer as the rules see them: a full member, and whether under 留党察看.</summary>
public sealed record IntroducerFact(string Name, bool IsFullMember, bool UnderProbationWithinParty);

/// <summary>A branch meeting's tally. Written opinions sent before the meeting count as present and as votes.</summary>
public sealed record VoteTally(int Entitled, int Present, int Yes, int No, int Abstain);

/// <summary>
/// The facts of a case the rules need: birth date, the completed steps, an extension of probation, whether the
/// approval period was extended (3 → 6 months), whether probation was cancelled, and the dates of the activist's
/// half-yearly assessments on file.
/// </summary>
public sealed record CaseFacts(
    DateOnly BirthDate,
    IReadOnlyDictionary<int, DateOnly> Completed,
    int? ProbationExtensionMonths = null,
    bool ApprovalExtended = false,
    bool Cancelled = false,
    IReadOnlyList<DateOnly>? Assessments = null
);

/// <summary>Something of a case that needs attention: the rule, the day it is due, whether that day has passed.</summary>
public sealed record CaseAlert(DevelopmentRule Rule, DateOnly Due, bool Late);

/// <summary>A step being recorded, with the step-specific facts the rules check.</summary>
public sealed record StepSubmission(
    int StepNo,
    DateOnly CompletedOn,
    int? TrainingDays = null,
    decimal? TrainingHours = null,
    IReadOnlyList<IntroducerFact>? Introducers = null,
    VoteTally? Vote = null,
    DateOnly? PublicityFrom = null
);

/// <summary>A rule that refused or flagged a step: the rule, its source, and the figures for its message.</summary>
public sealed record RuleFinding(DevelopmentRule Rule, object[] Args)
{
    public string Message(bool chinese) =>
        string.Format(CultureInfo.InvariantCulture, chinese ? Rule.Zh : Rule.En, Args);
}

/// <summary>The outcome of a vote by the rule: quorum, pass (yes &gt; half of ALL entitled full members).</summary>
public sealed record VoteResult(bool Quorum, bool Passed);

public sealed record StepVerdict(
    IReadOnlyList<RuleFinding> Refusals,
    IReadOnlyList<RuleFinding> Flags,
    VoteResult? Vote
)
{
    public bool Accepted => Refusals.Count == 0;
}

/// <summary>What is due next in a case: the step, its earliest and latest dates by the rules (null when none).</summary>
public sealed record NextStep(int No, DateOnly? Earliest, DateOnly? Latest);

/// <summary>
/// Member development by the rule book (domain-rules §2, 《中国共产党发展党员工作细则》): judges a step against the order
/// and time rules, computes the branch meeting's vote, and says what is due next. Pure: the rule book, the holiday
/// calendar and the case's facts come in; nothing is read from a clock or a database.
/// </summary>
public static class DevelopmentRules
{
    /// <summary>Quorum: more than half of those entitled present; passes only with yes &gt; half of ALL entitled.</summary>
    public static VoteResult Count(VoteTally t)
    {
        var quorum = t.Present * 2 > t.Entitled;
        return new(quorum, quorum && t.Yes * 2 > t.Entitled);
    }

    /// <summary>A tally that cannot be (more votes than present, more present than entitled, negatives).</summary>
    public static bool IsConsistent(VoteTally t) =>
        t is { Entitled: > 0, Present: >= 0, Yes: >= 0, No: >= 0, Abstain: >= 0 }
        && t.Present <= t.Entitled
        && t.Yes + t.No + t.Abstain <= t.Present;

    /// <summary>Whole years of age on a date (a birthday on 29 February is reached on 1 March in other years).</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        if (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day))
            age--;
        return age;
    }

    public static StepVerdict Judge(
        DevelopmentRuleBook book,
        WorkingCalendar calendar,
        CaseFacts facts,
        StepSubmission s
    )
    {
        var refusals = new List<RuleFinding>();
        var flags = new List<RuleFinding>();
        VoteResult? vote = null;
        void Find(DevelopmentRule r, params object[] args) =>
            (r.Severity == RuleSeverity.Refuse ? refusals : flags).Add(new(r, args));

        var order = book.Rules.FirstOrDefault(r => r.Kind == RuleKind.Order);
        if (order is not null && s.StepNo > 1 && !facts.Completed.ContainsKey(s.StepNo - 1))
            Find(order, s.StepNo, s.StepNo - 1);
        // A step cannot be dated before the step it follows.
        if (
            order is not null
            && facts.Completed.TryGetValue(s.StepNo - 1, out var previous)
            && s.CompletedOn < previous
        )
            Find(order, s.StepNo, s.StepNo - 1);

        foreach (var r in book.RulesFor(s.StepNo))
        {
            switch (r.Kind)
            {
                case RuleKind.MinAge:
                    if (AgeOn(facts.BirthDate, s.CompletedOn) < r.Years)
                        Find(r, Iso(s.CompletedOn));
                    break;
                case RuleKind.Within:
                    if (
                        facts.Completed.TryGetValue(r.After!.Value, out var from)
                        && s.CompletedOn > from.AddMonths(WithinMonths(r, facts))
                    )
                        Find(r, Iso(from.AddMonths(WithinMonths(r, facts))));
                    break;
                case RuleKind.NotBefore:
                case RuleKind.Probation:
                    if (facts.Completed.TryGetValue(r.After!.Value, out var start))
                    {
                        var earliest = Earliest(r, start, facts);
                        if (s.CompletedOn < earliest)
                            Find(r, Iso(earliest));
                    }
                    break;
                case RuleKind.Introducers:
                    var ok = s.Introducers ?? [];
                    if (
                        ok.Count < r.Count
                        || ok.Any(i => !i.IsFullMember || i.UnderProbationWithinParty)
                    )
                        Find(r);
                    break;
                case RuleKind.Training:
                    if (!((s.TrainingDays ?? 0) >= r.Days || (s.TrainingHours ?? 0) >= r.Hours))
                        Find(r);
                    break;
                case RuleKind.Publicity:
                    var needed = r.WorkingDays!.Value;
                    if (s.PublicityFrom is not { } pub)
                        Find(r, needed, "—");
                    else
                    {
                        // The announcement runs from its first day; the step may come once N working days are over.
                        var done = calendar.AddWorkingDays(pub.AddDays(-1), needed);
                        if (s.CompletedOn <= done)
                            Find(r, needed, Iso(done.AddDays(1)));
                    }
                    break;
                case RuleKind.Vote:
                    if (s.Vote is null || !IsConsistent(s.Vote))
                        Find(r);
                    else
                    {
                        vote = Count(s.Vote);
                        if (!vote.Quorum)
                            Find(r);
                    }
                    break;
            }
        }
        return new(refusals, flags, vote);
    }

    /// <summary>Checks an extension of probation: once only, within the rule's months.</summary>
    public static RuleFinding? JudgeExtension(
        DevelopmentRuleBook book,
        int? alreadyExtendedMonths,
        int months
    )
    {
        var r = book.Rules.First(x => x.Kind == RuleKind.Extension);
        return alreadyExtendedMonths is not null || months < r.MinMonths || months > r.MaxMonths
            ? new(r, [months])
            : null;
    }

    /// <summary>
    /// Checks an extension of probation against the facts of the case: only between the branch meeting that admitted
    /// the member (step After) and the vote on conversion (step Step), once, within the rule's months.
    /// </summary>
    public static RuleFinding? JudgeExtension(DevelopmentRuleBook book, CaseFacts facts, int months)
    {
        var r = book.RuleOf(RuleKind.Extension);
        if (r is null)
            return null;
        var inProbation =
            !facts.Cancelled
            && (r.After is not { } a || facts.Completed.ContainsKey(a))
            && (r.Step is not { } b || !facts.Completed.ContainsKey(b));
        return !inProbation
            ? new(r, [months])
            : JudgeExtension(book, facts.ProbationExtensionMonths, months);
    }

    /// <summary>Probation may be cancelled between the admitting branch meeting and the conversion's approval.</summary>
    public static RuleFinding? JudgeCancellation(DevelopmentRuleBook book, CaseFacts facts)
    {
        var r = book.RuleOf(RuleKind.Cancellation);
        if (r is null)
            return null;
        var ok =
            !facts.Cancelled
            && (r.After is not { } a || facts.Completed.ContainsKey(a))
            && (r.Step is not { } b || !facts.Completed.ContainsKey(b));
        return ok ? null : new(r, []);
    }

    /// <summary>
    /// The approval period may be extended (to the Within rule's MaxMonths) while the approval it limits is pending:
    /// its step After done, its step not yet; once only.
    /// </summary>
    public static RuleFinding? JudgeApprovalExtension(DevelopmentRuleBook book, CaseFacts facts)
    {
        var r = book.Rules.FirstOrDefault(x => x is { Kind: RuleKind.Within, MaxMonths: not null });
        if (r is null)
            return null;
        var ok =
            !facts.Cancelled
            && !facts.ApprovalExtended
            && facts.Completed.ContainsKey(r.After!.Value)
            && !facts.Completed.ContainsKey(r.Step!.Value);
        return ok ? null : new(r, [Iso(facts.Completed.GetValueOrDefault(r.After!.Value))]);
    }

    /// <summary>
    /// The next half-yearly assessment of an activist (Periodic rule): due N months after the latest of the start
    /// step and the assessments on file, while the end step is not done; null outside that period.
    /// </summary>
    public static CaseAlert? AssessmentDue(
        DevelopmentRuleBook book,
        CaseFacts facts,
        DateOnly today
    )
    {
        var r = book.RuleOf(RuleKind.Periodic);
        if (
            r is null
            || facts.Cancelled
            || !facts.Completed.TryGetValue(r.After!.Value, out var since)
            || facts.Completed.ContainsKey(r.Step!.Value)
        )
            return null;
        var last = (facts.Assessments ?? []).Where(d => d >= since).DefaultIfEmpty(since).Max();
        var due = last.AddMonths(r.Months!.Value);
        return new(r, due, due < today);
    }

    /// <summary>
    /// What of a case needs attention on a day: the next step's deadline (a Within rule) and the half-yearly
    /// assessment, each with its due day and whether it is late.
    /// </summary>
    public static IReadOnlyList<CaseAlert> Alerts(
        DevelopmentRuleBook book,
        CaseFacts facts,
        DateOnly today
    )
    {
        var alerts = new List<CaseAlert>();
        if (facts.Cancelled)
            return alerts;
        var next = Next(book, facts);
        if (next is { Latest: { } latest })
        {
            var r = book.RulesFor(next.No)
                .Where(x =>
                    x.Kind == RuleKind.Within && x.After is { } a && facts.Completed.ContainsKey(a)
                )
                .OrderBy(x => facts.Completed[x.After!.Value].AddMonths(WithinMonths(x, facts)))
                .First();
            alerts.Add(new(r, latest, latest < today));
        }
        if (AssessmentDue(book, facts, today) is { } assessment)
            alerts.Add(assessment);
        return alerts;
    }

    /// <summary>The next step of a case and the window the rules give it (none once cancelled or finished).</summary>
    public static NextStep? Next(DevelopmentRuleBook book, CaseFacts facts)
    {
        if (facts.Cancelled)
            return null;
        var last = facts.Completed.Count == 0 ? 0 : facts.Completed.Keys.Max();
        var no = last + 1;
        if (no > book.Steps.Count)
            return null;
        DateOnly? earliest = facts.Completed.TryGetValue(last, out var prev) ? prev : null;
        DateOnly? latest = null;
        foreach (var r in book.RulesFor(no))
        {
            if (r.After is not { } after || !facts.Completed.TryGetValue(after, out var from))
                continue;
            if (r.Kind is RuleKind.NotBefore or RuleKind.Probation)
            {
                var e = Earliest(r, from, facts);
                if (earliest is null || e > earliest)
                    earliest = e;
            }
            else if (r.Kind == RuleKind.Within)
            {
                var l = from.AddMonths(WithinMonths(r, facts));
                if (latest is null || l < latest)
                    latest = l;
            }
        }
        return new(no, earliest, latest);
    }

    private static int WithinMonths(DevelopmentRule r, CaseFacts facts) =>
        facts.ApprovalExtended && r.MaxMonths is { } max ? max : r.Months!.Value;

    private static DateOnly Earliest(DevelopmentRule r, DateOnly start, CaseFacts facts) =>
        start.AddMonths(
            r.Months!.Value
                + (r.Kind == RuleKind.Probation ? facts.ProbationExtensionMonths ?? 0 : 0)
        );

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
