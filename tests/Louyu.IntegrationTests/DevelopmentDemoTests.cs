using System.Net;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The demo's member-development cases: four cases at different stages in the demo branch, every step recorded
/// through the rules (none refused, none flagged), one due for conversion soon and one late; seeding again adds
/// nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DevelopmentDemoTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_demo_has_development_cases_at_four_stages_that_break_no_rule(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        var expected = new Dictionary<string, int>
        {
            ["林晓雯"] = 6, // activist
            ["周浩然"] = 11, // development target
            ["陈思远"] = 22, // probationary, conversion due soon
            ["王雨桐"] = 16, // approval late
        };
        List<(Guid Id, string Name)> cases;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var names = expected.Keys.ToArray();
            cases =
            [
                .. (
                    await db
                        .DevelopmentCases.Where(c => names.Contains(c.Name))
                        .Select(c => new { c.Id, c.Name })
                        .ToListAsync()
                ).Select(c => (c.Id, c.Name)),
            ];
            Assert.Equal(4, cases.Count);
            foreach (var (id, name) in cases)
            {
                var steps = await db.DevelopmentSteps.Where(s => s.CaseId == id).ToListAsync();
                Assert.Equal(expected[name], steps.Count);
                Assert.Equal(
                    Enumerable.Range(1, expected[name]),
                    steps.Select(s => s.StepNo).Order()
                );
                Assert.All(
                    steps,
                    s =>
                        Assert.True(
                            string.IsNullOrEmpty(s.Flags),
                            $"{name} step {s.StepNo}: {s.Flags}"
                        )
                );
            }
            // Idempotent: a second run adds nothing.
            var before = await db.DevelopmentCases.CountAsync();
            foreach (var step in scope.ServiceProvider.GetServices<IDemoSeedStep>())
                if (step is Louyu.Web.Modules.PartyAffairs.Demo.DevelopmentDemo)
                    await step.SeedAsync(default);
            Assert.Equal(before, await db.DevelopmentCases.CountAsync());
        }

        using var branch = Accounts.ClientWithToken(
            app,
            await fixture.DemoTokenAsync(provider, "branch")
        );
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var (id, name) in cases)
        {
            using var r = await branch.GetAsync($"/api/v1/development/cases/{id}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode); // the demo branch secretary's branch
            var c = await ResponseJson.ReadAsync(r);
            var next = c.GetProperty("next");
            Assert.Equal(expected[name] + 1, next.GetProperty("no").GetInt32());
            var late = next.GetProperty("late").GetBoolean();
            Assert.Equal(name == "王雨桐", late);
            if (name == "陈思远")
            {
                var earliest = DateOnly.Parse(next.GetProperty("earliest").GetString()!);
                Assert.InRange(earliest.DayNumber - today.DayNumber, 1, 31);
            }
        }
    }
}
