using System.Security.Claims;
using System.Text.Json;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Features.Terms;
using Louyu.Web.Modules.PartyAffairs.Features.Todo;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Todo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// The to-do list resolves the caller's scope once per request (a memo on the unit of work) and the term source
/// counts from its first page: the list must be exactly what each source answers alone, in a unit of work of its
/// own (the behaviour before the memo), for a branch secretary, a party worker and the committee secretary; and the
/// term reminders' counts must not depend on the page asked.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TodoScopeOnceTests(AppFixture fixture)
{
    private static async Task<ClaimsPrincipal> PrincipalAsync(LouyuAppFactory app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LouyuUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.NotNull(user);
        return await scope
            .ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<LouyuUser>>()
            .CreateAsync(user);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task The_list_is_what_each_source_answers_alone(string provider)
    {
        var app = await fixture.AppAsync(provider);
        foreach (var userName in new[] { "branch", "worker", "secretary" })
        {
            var user = await PrincipalAsync(app, userName);
            TodoResponse together;
            string[] kinds;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                together = await scope
                    .ServiceProvider.GetRequiredService<TodoService>()
                    .ListAsync(user, TodoService.MaxLimit, default);
                kinds =
                [
                    .. scope
                        .ServiceProvider.GetRequiredService<IEnumerable<ITodoSource>>()
                        .Select(s => s.Kind),
                ];
            }
            Assert.True(together.Total > 0, $"{userName} has nothing to do in the demo");
            // Each source alone, in a fresh unit of work: no scope resolved by another source before it.
            var items = new List<TodoItem>();
            var byKind = new Dictionary<string, int>();
            var total = 0;
            var late = 0;
            foreach (var kind in kinds)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var source = scope
                    .ServiceProvider.GetRequiredService<IEnumerable<ITodoSource>>()
                    .First(s => s.Kind == kind);
                var today = ShanghaiTime.Today(
                    scope.ServiceProvider.GetRequiredService<TimeProvider>()
                );
                var slice = await source.ItemsAsync(user, today, TodoService.MaxLimit, default);
                total += slice.Total;
                late += slice.Late;
                if (slice.Total > 0)
                    byKind[kind] = byKind.GetValueOrDefault(kind) + slice.Total;
                items.AddRange(slice.Items);
            }
            Assert.Equal(total, together.Total);
            Assert.Equal(late, together.Late);
            Assert.Equal(
                Json(byKind.OrderBy(k => k.Key, StringComparer.Ordinal)),
                Json(together.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
            );
            var alone = items
                .OrderByDescending(i => i.Late)
                .ThenBy(i => i.DueOn ?? DateOnly.MaxValue)
                .ThenBy(i => i.Kind, StringComparer.Ordinal)
                .ThenBy(i => i.Subject, StringComparer.Ordinal)
                .Take(TodoService.MaxLimit)
                .ToList();
            Assert.Equal(Json(alone), Json(together.Items));
        }
    }

    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Term_reminder_counts_do_not_depend_on_the_page(string provider)
    {
        var app = await fixture.AppAsync(provider);
        var user = await PrincipalAsync(app, "secretary");
        async Task<DueTermsResponse> Page(int page, int size)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var answer = await scope
                .ServiceProvider.GetRequiredService<TermService>()
                .DueAsync(user, 3650, page, size, default);
            Assert.NotNull(answer.Value);
            return answer.Value;
        }
        var whole = await Page(1, 200);
        Assert.True(whole.Total > 2, "the demo district has terms to renew");
        Assert.True(whole.Total < 200, "one page holds every row");
        // A first page that holds every row counts from its rows; a full page or a later page counts in SQL.
        foreach (var (page, size) in new[] { (1, 1), (2, 1), (1, whole.Total - 1), (2, 2) })
        {
            var part = await Page(page, size);
            Assert.Equal(
                (whole.Overdue, whole.DueWithin, whole.NoTerm, whole.Total),
                (part.Overdue, part.DueWithin, part.NoTerm, part.Total)
            );
            Assert.Equal(Json(whole.Items.Skip((page - 1) * size).Take(size)), Json(part.Items));
        }
        // The database's own count of current terms due, for the committee secretary (the whole district).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
            var today = whole.AsOf;
            var limit = today.AddDays(whole.WithinDays);
            var due = await db
                .CommitteeTerms.Where(t => t.EndedOn == null && t.DueOn <= limit)
                .Join(
                    db.PartyOrganizations.Where(o =>
                        o.FoundedOn <= today && (o.DissolvedOn == null || o.DissolvedOn > today)
                    ),
                    t => t.OrganizationId,
                    o => o.Id,
                    (t, o) => new { t.DueOn, o.Type }
                )
                .Where(x => x.Type != Louyu.Web.Modules.Organization.Domain.OrganizationType.Group)
                .ToListAsync();
            Assert.Equal(due.Count, whole.Overdue + whole.DueWithin);
            Assert.Equal(due.Count(x => x.DueOn < today), whole.Overdue);
        }
    }
}
