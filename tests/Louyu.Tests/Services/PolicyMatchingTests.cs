using Louyu.Web.Modules.Services.Domain;

namespace Louyu.Tests.Services;

/// <summary>The policy matcher: each criterion's outcome and reason, the overall result, and the boundaries.</summary>
public sealed class PolicyMatchingTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);
    private static readonly Guid BuildingA = Guid.NewGuid();

    private static PolicySubject Subject(
        string industry = "I",
        string? size = "Small",
        int employees = 50,
        DateOnly? founded = null,
        Guid? building = null,
        params string[] tags
    ) =>
        new(
            Guid.NewGuid(),
            industry,
            size,
            employees,
            founded ?? new DateOnly(2020, 1, 1),
            building ?? BuildingA,
            "望京SOHO",
            tags
        );

    private static (MatchResult, IReadOnlyList<CriterionReason>) Check(
        PolicyCriteria c,
        PolicySubject s,
        DateOnly? day = null
    )
    {
        var d = day ?? Day;
        var explained = PolicyMatching.Explain(c, s, d);
        // The fast path of the district run agrees with the explained one.
        Assert.Equal(
            explained.Result,
            PolicyMatching.Evaluate(new PolicyMatching.Compiled(c), s, d)
        );
        // And so does the packed pass (integers and bits).
        var table = new PackingTable();
        var packed = table.Pack(s, d);
        Assert.Equal(
            explained.Result,
            PolicyMatching.Evaluate(table.Pack(new PolicyMatching.Compiled(c))!, in packed)
        );
        return explained;
    }

    [Fact]
    public void Empty_criteria_match_everyone()
    {
        var (result, reasons) = Check(PolicyCriteria.Everyone, Subject(size: null, founded: null));
        Assert.Equal(MatchResult.Eligible, result);
        Assert.Empty(reasons);
    }

    [Fact]
    public void Industry_any_of_passes_with_the_letters_in_the_reason()
    {
        var (result, reasons) = Check(new PolicyCriteria { Industries = ["I", "M"] }, Subject("I"));
        Assert.Equal(MatchResult.Eligible, result);
        var r = Assert.Single(reasons);
        Assert.Equal("Policy.Reason.Industry.Pass", r.Code);
        Assert.Equal(["I", "I|M"], r.Args);
        Assert.Equal(
            MatchResult.NotEligible,
            Check(new PolicyCriteria { Industries = ["I", "M"] }, Subject("C")).Item1
        );
    }

    [Fact]
    public void Size_unknown_makes_a_possible_match_unless_another_fails()
    {
        var c = new PolicyCriteria { Sizes = ["Small", "Micro"] };
        var (result, reasons) = Check(c, Subject(size: null));
        Assert.Equal(MatchResult.Possible, result);
        Assert.Equal(CriterionOutcome.Unknown, Assert.Single(reasons).Outcome);
        Assert.Equal("Policy.Reason.Size.Unknown", reasons[0].Code);
        var both = c with { Industries = ["M"] };
        Assert.Equal(MatchResult.NotEligible, Check(both, Subject("I", size: null)).Item1);
        Assert.Equal(MatchResult.NotEligible, Check(c, Subject(size: "Large")).Item1);
        Assert.Equal(MatchResult.Eligible, Check(c, Subject(size: "Micro")).Item1);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void Employee_bounds_are_inclusive(int employees, bool ok)
    {
        var c = new PolicyCriteria { MinEmployees = 10, MaxEmployees = 300 };
        var (result, reasons) = Check(c, Subject(employees: employees));
        Assert.Equal(ok ? MatchResult.Eligible : MatchResult.NotEligible, result);
        Assert.Equal([$"{employees}", "10", "300"], reasons[0].Args);
    }

    [Fact]
    public void Years_count_full_years_on_the_anniversary_and_not_the_day_before()
    {
        var founded = new DateOnly(2021, 11, 27);
        var c = new PolicyCriteria { MinYears = 5 };
        var before = Check(c, Subject(founded: founded), new DateOnly(2026, 11, 26));
        Assert.Equal(MatchResult.NotEligible, before.Item1);
        Assert.Equal("Policy.Reason.YearsFounded.Fail", before.Item2[0].Code);
        Assert.Equal(["4", "5", ""], before.Item2[0].Args);
        var on = Check(c, Subject(founded: founded), new DateOnly(2026, 11, 27));
        Assert.Equal(MatchResult.Eligible, on.Item1);
        Assert.Equal(["5", "5", ""], on.Item2[0].Args);
    }

    [Fact]
    public void Max_years_is_inclusive_up_to_the_next_anniversary()
    {
        var founded = new DateOnly(2023, 6, 1);
        var c = new PolicyCriteria { MaxYears = 3 };
        Assert.Equal(
            MatchResult.Eligible,
            Check(c, Subject(founded: founded), new DateOnly(2026, 6, 1)).Item1
        );
        Assert.Equal(
            MatchResult.Eligible,
            Check(c, Subject(founded: founded), new DateOnly(2027, 5, 31)).Item1
        );
        Assert.Equal(
            MatchResult.NotEligible,
            Check(c, Subject(founded: founded), new DateOnly(2027, 6, 1)).Item1
        );
    }

    [Fact]
    public void Founded_on_29_February_has_its_anniversary_on_28_February_in_common_years()
    {
        var leap = new DateOnly(2020, 2, 29);
        Assert.Equal(0, PolicyMatching.FullYears(leap, new DateOnly(2021, 2, 27)));
        Assert.Equal(1, PolicyMatching.FullYears(leap, new DateOnly(2021, 2, 28)));
        Assert.Equal(3, PolicyMatching.FullYears(leap, new DateOnly(2024, 2, 28)));
        Assert.Equal(4, PolicyMatching.FullYears(leap, new DateOnly(2024, 2, 29)));
        Assert.Equal(0, PolicyMatching.FullYears(leap, new DateOnly(2019, 1, 1)));
    }

    [Fact]
    public void Missing_founding_date_is_to_be_verified()
    {
        var s = Subject() with { FoundedOn = null };
        var (result, reasons) = Check(new PolicyCriteria { MinYears = 3 }, s);
        Assert.Equal(MatchResult.Possible, result);
        Assert.Equal("Policy.Reason.YearsFounded.Unknown", reasons[0].Code);
    }

    [Fact]
    public void Building_any_of()
    {
        var c = new PolicyCriteria { Buildings = [BuildingA] };
        Assert.Equal(MatchResult.Eligible, Check(c, Subject()).Item1);
        var (result, reasons) = Check(c, Subject(building: Guid.NewGuid()));
        Assert.Equal(MatchResult.NotEligible, result);
        Assert.Equal("Policy.Reason.Building.Fail", reasons[0].Code);
    }

    [Fact]
    public void Tags_all_of_name_the_missing_ones_and_any_of_the_held_ones()
    {
        var c = new PolicyCriteria
        {
            TagsAll = ["高新技术企业", "专精特新"],
            TagsAny = ["新能源", "节能环保"],
        };
        var (result, reasons) = Check(c, Subject(tags: ["高新技术企业", "新能源"]));
        Assert.Equal(MatchResult.NotEligible, result);
        Assert.Equal("Policy.Reason.TagsAll.Fail", reasons[0].Code);
        Assert.Equal("专精特新", reasons[0].Args[0]);
        Assert.Equal("Policy.Reason.TagsAny.Pass", reasons[1].Code);
        Assert.Equal("新能源", reasons[1].Args[0]);
        Assert.Equal(
            MatchResult.Eligible,
            Check(c, Subject(tags: ["高新技术企业", "专精特新", "节能环保"])).Item1
        );
        Assert.Equal(
            MatchResult.NotEligible,
            Check(c, Subject(tags: ["高新技术企业", "专精特新"])).Item1
        );
    }

    [Fact]
    public void Overall_is_eligible_only_when_every_criterion_passes()
    {
        var c = new PolicyCriteria
        {
            Industries = ["I"],
            Sizes = ["Small"],
            MinEmployees = 1,
            MinYears = 1,
            TagsAny = ["新能源"],
        };
        var (result, reasons) = Check(c, Subject(tags: ["新能源"]));
        Assert.Equal(MatchResult.Eligible, result);
        Assert.Equal(5, reasons.Count);
        Assert.All(reasons, r => Assert.Equal(CriterionOutcome.Pass, r.Outcome));
    }

    [Fact]
    public void Criteria_validation_names_each_bad_field()
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        var clean = PolicyRules.Criteria(
            errors,
            new PolicyCriteria
            {
                Industries = ["i", "Z"],
                Sizes = ["Huge"],
                MinEmployees = 10,
                MaxEmployees = 5,
                MinYears = -1,
                TagsAll = [new string('x', 41)],
            }
        );
        Assert.Null(clean);
        Assert.Contains(errors, e => e.Field == "criteria.industries");
        Assert.Contains(errors, e => e.Field == "criteria.sizes");
        Assert.Contains(
            errors,
            e => e.Field == "criteria.maxEmployees" && e.Key == "Policy.Error.MinAboveMax"
        );
        Assert.Contains(errors, e => e.Field == "criteria.minYears");
        Assert.Contains(errors, e => e.Field == "criteria.tagsAll");
    }

    [Fact]
    public void Criteria_validation_cleans_good_input()
    {
        var errors = new List<(string Field, string Key, object[] Args)>();
        var clean = PolicyRules.Criteria(
            errors,
            new PolicyCriteria
            {
                Industries = ["m", "I", "M"],
                Sizes = ["Micro", "Small"],
                TagsAny = [" 新能源 ", "", "新能源"],
            }
        );
        Assert.Empty(errors);
        Assert.NotNull(clean);
        Assert.Equal(["I", "M"], clean.Industries);
        Assert.Equal(["Small", "Micro"], clean.Sizes);
        Assert.Equal(["新能源"], clean.TagsAny);
    }

    [Theory]
    [InlineData(ApplicationStatus.Applied, ApplicationStatus.Accepted, true)]
    [InlineData(ApplicationStatus.Accepted, ApplicationStatus.Granted, true)]
    [InlineData(ApplicationStatus.Applied, ApplicationStatus.Granted, false)]
    [InlineData(ApplicationStatus.Granted, ApplicationStatus.Rejected, false)]
    [InlineData(ApplicationStatus.Applied, ApplicationStatus.Rejected, true)]
    public void Applications_move_applied_accepted_granted_or_rejected(
        ApplicationStatus from,
        ApplicationStatus to,
        bool ok
    ) => Assert.Equal(ok, PolicyRules.CanMove(from, to));

    [Fact]
    public void Full_years_agree_with_the_anniversary_by_AddYears_for_every_day_of_eight_years()
    {
        // The fast comparison against the plain definition: the largest n with foundedOn.AddYears(n) <= day.
        DateOnly[] founded =
        [
            new(2020, 2, 29),
            new(2019, 3, 1),
            new(2018, 12, 31),
            new(2021, 1, 1),
        ];
        foreach (var f in founded)
            for (var day = f; day < f.AddYears(8); day = day.AddDays(1))
            {
                var n = 0;
                while (f.AddYears(n + 1) <= day)
                    n++;
                Assert.Equal(n, PolicyMatching.FullYears(f, day));
            }
    }

    [Fact]
    public void Packed_pass_agrees_with_the_unpacked_one_on_random_facts_and_criteria()
    {
        // Edge cases drawn on purpose: unknown industry letters, sizes missing or not a size name, founding dates
        // missing, in the future or on 29 February, buildings only the criteria name, and more tags (90) than the
        // packed pass has bits (64) — criteria naming a tag without a bit cannot be packed and are counted unpacked.
        var rng = new Random(2026);
        string[] letters = ["C", "I", "M", "", "Z", "ab"];
        string?[] sizes = ["Large", "Medium", "Small", "Micro", null, "Huge"];
        var tags = Enumerable.Range(0, 90).Select(i => $"标签{i}").ToArray();
        var buildings = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        DateOnly? Founded() =>
            rng.Next(8) switch
            {
                0 => null,
                1 => new DateOnly(2020, 2, 29),
                2 => Day.AddDays(rng.Next(1, 400)),
                _ => new DateOnly(1995 + rng.Next(31), 1 + rng.Next(12), 1 + rng.Next(28)),
            };
        string[] Some(int oneIn) => [.. tags.Where(_ => rng.Next(oneIn) == 0)];
        var subjects = Enumerable
            .Range(0, 600)
            .Select(_ => new PolicySubject(
                Guid.NewGuid(),
                letters[rng.Next(letters.Length)],
                sizes[rng.Next(sizes.Length)],
                rng.Next(0, 500),
                Founded(),
                buildings[rng.Next(4)], // the last two buildings only appear in criteria
                "楼",
                Some(10)
            ))
            .ToList();
        int packedPolicies = 0,
            unpacked = 0;
        foreach (var day in new[] { Day, new DateOnly(2028, 2, 28), new DateOnly(2028, 2, 29) })
        {
            var table = new PackingTable();
            var facts = subjects.Select(s => table.Pack(s, day)).ToArray();
            for (var k = 0; k < 300; k++)
            {
                var c = new PolicyCriteria
                {
                    Industries =
                        rng.Next(2) == 0 ? [] : [letters[rng.Next(3)], letters[rng.Next(6)]],
                    Sizes = rng.Next(2) == 0 ? [] : [sizes[rng.Next(4)]!],
                    MinEmployees = rng.Next(3) == 0 ? rng.Next(300) : null,
                    MaxEmployees = rng.Next(3) == 0 ? rng.Next(200, 500) : null,
                    MinYears = rng.Next(3) == 0 ? rng.Next(10) : null,
                    MaxYears = rng.Next(4) == 0 ? rng.Next(5, 30) : null,
                    Buildings =
                        rng.Next(3) == 0 ? [buildings[rng.Next(6)], buildings[rng.Next(6)]] : [],
                    TagsAll = rng.Next(4) == 0 ? [tags[rng.Next(tags.Length)]] : [],
                    TagsAny = rng.Next(3) == 0 ? Some(30) : [],
                };
                var compiled = new PolicyMatching.Compiled(c);
                var packed = table.Pack(compiled);
                if (packed is null)
                {
                    unpacked++;
                    continue;
                }
                packedPolicies++;
                for (var i = 0; i < subjects.Count; i++)
                    Assert.Equal(
                        PolicyMatching.Evaluate(compiled, subjects[i], day),
                        PolicyMatching.Evaluate(packed, in facts[i])
                    );
            }
        }
        Assert.True(packedPolicies > 500, $"{packedPolicies} packed");
        Assert.True(unpacked > 20, $"{unpacked} unpacked");
    }
}
