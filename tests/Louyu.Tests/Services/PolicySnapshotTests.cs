using System.Runtime.CompilerServices;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Policies;
using Louyu.Web.Platform.Data;

namespace Louyu.Tests.Services;

/// <summary>
/// The in-memory matching state keeps every policy's counts exact under enterprise and policy changes: after any
/// sequence of changes, the counts equal a recount from scratch.
/// </summary>
public sealed class PolicySnapshotTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    private sealed class FakeDirectory : IEnterpriseDirectory
    {
        public readonly Dictionary<Guid, EnterpriseFacts> Rows = [];

        public Task<EnterpriseFacts?> EnterpriseAsync(Guid id, CancellationToken ct) =>
            Task.FromResult(Rows.GetValueOrDefault(id));

        public Task<IReadOnlyList<EnterpriseFacts>> EnterprisesAsync(
            IReadOnlyCollection<Guid> ids,
            CancellationToken ct
        ) =>
            Task.FromResult<IReadOnlyList<EnterpriseFacts>>([
                .. ids.Where(Rows.ContainsKey).Select(id => Rows[id]),
            ]);

        public async IAsyncEnumerable<EnterpriseFacts> ResidentAsync(
            DateOnly day,
            [EnumeratorCancellation] CancellationToken ct
        )
        {
            foreach (var f in Rows.Values.OrderBy(f => f.Id))
                if (f.MovedInOn <= day && (f.MovedOutOn is null || f.MovedOutOn > day))
                    yield return f;
            await Task.CompletedTask;
        }

        public Task<IReadOnlyList<EnterpriseFacts>> SearchAsync(
            string text,
            int take,
            CancellationToken ct
        ) => throw new NotSupportedException();

        public Task<IReadOnlyList<EnterpriseFacts>> SearchAsync(
            string text,
            IReadOnlyCollection<Guid>? buildingIds,
            int take,
            CancellationToken ct
        ) => throw new NotSupportedException();

        public IQueryable<DirectoryEnterprise> Enterprises() => throw new NotSupportedException();

        public Task<IReadOnlyList<Guid>> EnterprisesOfUserAsync(
            string userId,
            CancellationToken ct
        ) => throw new NotSupportedException();

        public Task<IReadOnlyList<EnterpriseContactFacts>> ContactsAsync(
            Guid enterpriseId,
            CancellationToken ct
        ) => throw new NotSupportedException();
    }

    private static readonly string[] Letters = ["C", "I", "M", "L"];
    private static readonly string[] TagPool = ["高新技术企业", "专精特新", "新能源"];

    // More tags than the packed pass has bits (64): criteria naming the later ones are counted unpacked.
    private static readonly string[] ManyTags =
    [
        .. Enumerable.Range(0, 80).Select(i => $"标签{i}"),
    ];

    private static EnterpriseFacts Random(Random rng, Guid id, Guid building) =>
        Random(rng, id, building, TagPool);

    private static EnterpriseFacts Random(Random rng, Guid id, Guid building, string[] tags) =>
        new(
            id,
            $"企业{rng.Next(1000)}",
            "91110105MA01ABCD1X",
            building,
            "望京SOHO",
            "",
            1,
            null,
            Letters[rng.Next(Letters.Length)],
            rng.Next(0, 400),
            rng.Next(5) == 0 ? null : new DateOnly(2005 + rng.Next(21), 1 + rng.Next(12), 1),
            rng.Next(5) == 0 ? null : (EnterpriseSize)rng.Next(4),
            [.. tags.Where(_ => rng.Next(tags.Length > 3 ? 12 : 3) == 0)],
            new DateOnly(2020, 1, 1),
            rng.Next(10) == 0 ? new DateOnly(2026, 6, 1) : null
        );

    private static PolicyDef Def(Guid id, PolicyCriteria c) =>
        new(id, "政策", false, null, c, new PolicyMatching.Compiled(c));

    private static PolicyCriteria RandomCriteria(Random rng) => RandomCriteria(rng, TagPool, []);

    private static PolicyCriteria RandomCriteria(Random rng, string[] tags, Guid[] buildings) =>
        new()
        {
            Industries = rng.Next(2) == 0 ? [] : [Letters[rng.Next(Letters.Length)]],
            Sizes = rng.Next(2) == 0 ? [] : ["Small", "Micro"],
            MinEmployees = rng.Next(3) == 0 ? rng.Next(100) : null,
            MinYears = rng.Next(3) == 0 ? rng.Next(8) : null,
            TagsAny =
                rng.Next(2) == 0 ? [] : [tags[rng.Next(tags.Length)], tags[rng.Next(tags.Length)]],
            TagsAll = rng.Next(4) == 0 ? [tags[rng.Next(tags.Length)]] : [],
            Buildings =
                buildings.Length == 0 || rng.Next(3) > 0
                    ? []
                    : [buildings[rng.Next(buildings.Length)], Guid.NewGuid()],
        };

    private static (int, int) Recount(PolicyDef p, IEnumerable<EnterpriseFacts> rows)
    {
        var results = rows.Where(f =>
                f.MovedInOn <= Day && (f.MovedOutOn is null || f.MovedOutOn > Day)
            )
            .Select(f => PolicyMatching.Evaluate(p.Compiled, PolicySnapshot.Subject(f), Day))
            .ToList();
        return (
            results.Count(r => r == MatchResult.Eligible),
            results.Count(r => r == MatchResult.Possible)
        );
    }

    [Theory]
    [InlineData(3)]
    [InlineData(80)]
    public async Task Counts_stay_equal_to_a_recount_through_enterprise_and_policy_changes(
        int tagCount
    )
    {
        var rng = new Random(7);
        var directory = new FakeDirectory();
        var tags = tagCount == 3 ? TagPool : ManyTags[..tagCount];
        Guid[] buildings = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        Guid Building() => buildings[rng.Next(buildings.Length)];
        for (var i = 0; i < 400; i++)
        {
            var id = Guid.NewGuid();
            directory.Rows[id] = Random(rng, id, Building(), tags);
        }
        var policies = Enumerable
            .Range(0, 20)
            .Select(_ => Def(Guid.NewGuid(), RandomCriteria(rng, tags, buildings)))
            .ToList();
        var snapshot = new PolicySnapshot(new DataChangeSignal());
        await snapshot.LoadAsync(directory, policies, Day, default);
        Assert.True(snapshot.Counting(Day));
        void Check()
        {
            foreach (var p in policies)
            {
                var (e, q) = Recount(p, directory.Rows.Values);
                Assert.Equal((e, q), snapshot.CountsOf(p.Id));
                Assert.Equal(e + q, snapshot.Hits(p).Count);
                Assert.Equal(e, snapshot.Hits(p).Count(h => h.Result == MatchResult.Eligible));
            }
        }
        Check();

        for (var round = 0; round < 30; round++)
        {
            // Some enterprises change, move out, or move in (new ones); one policy changes.
            var changed = new List<Guid>();
            foreach (var id in directory.Rows.Keys.OrderBy(_ => rng.Next()).Take(7).ToList())
            {
                directory.Rows[id] = Random(rng, id, Building(), tags);
                changed.Add(id);
            }
            var added = Guid.NewGuid();
            directory.Rows[added] = Random(rng, added, Building(), tags);
            changed.Add(added);
            await snapshot.ReplaceAsync(directory, changed, Day, default);
            var which = rng.Next(policies.Count);
            policies[which] = Def(policies[which].Id, RandomCriteria(rng, tags, buildings));
            snapshot.SetPolicy(policies[which].Id, policies[which]);
            var unsaved = snapshot.TakeUnsaved();
            Assert.Contains(unsaved, u => u.Id == policies[which].Id);
            foreach (var u in unsaved)
                Assert.Equal((u.Eligible, u.Possible), snapshot.CountsOf(u.Id));
            Check();
        }
    }

    [Fact]
    public async Task A_withdrawn_policy_counts_nothing_and_hits_are_ordered_eligible_first()
    {
        var rng = new Random(11);
        var directory = new FakeDirectory();
        var building = Guid.NewGuid();
        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid();
            directory.Rows[id] = Random(rng, id, building);
        }
        var p = Def(Guid.NewGuid(), new PolicyCriteria { Sizes = ["Small", "Micro"] });
        var snapshot = new PolicySnapshot(new DataChangeSignal());
        await snapshot.LoadAsync(directory, [p], Day, default);
        var hits = snapshot.Hits(p);
        Assert.Contains(hits, h => h.Result == MatchResult.Possible); // no size registered
        Assert.Equal(hits.OrderBy(h => h.Result).Select(h => h.Result), hits.Select(h => h.Result));
        snapshot.TakeUnsaved();
        snapshot.SetPolicy(p.Id, null);
        Assert.Equal((p.Id, 0, 0), Assert.Single(snapshot.TakeUnsaved()));
        Assert.Empty(snapshot.PolicyIds());
    }
}
