using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>
/// <see cref="IEnterpriseDirectory"/>, the organisation system's enterprises for the workstation and policy matching:
/// the streamed resident list is every resident enterprise exactly once (keyset pages), lookups and search agree,
/// and the demo enterprise contact acts for the demo enterprise.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EnterpriseDirectoryTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task Resident_enterprises_stream_once_each_and_lookups_agree(string provider)
    {
        var app = await fixture.AppAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var directory = scope.ServiceProvider.GetRequiredService<IEnterpriseDirectory>();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        var expected = await db
            .Enterprises.Where(e =>
                e.MovedInOn <= day && (e.MovedOutOn == null || e.MovedOutOn > day)
            )
            .Select(e => e.Id)
            .ToListAsync();
        var streamed = new List<Guid>();
        await foreach (var e in directory.ResidentAsync(day, CancellationToken.None))
            streamed.Add(e.Id);

        Assert.NotEmpty(expected);
        Assert.Equal(streamed.Count, streamed.Distinct().Count());
        Assert.Equal(expected.OrderBy(x => x), streamed.OrderBy(x => x));

        var one = await directory.EnterpriseAsync(streamed[0], CancellationToken.None);
        Assert.NotNull(one);
        Assert.False(string.IsNullOrEmpty(one.BuildingName));
        var found = await directory.SearchAsync(one.Name, 10, CancellationToken.None);
        Assert.Contains(found, f => f.Id == one.Id);
        var byIds = await directory.EnterprisesAsync([one.Id, one.Id], CancellationToken.None);
        Assert.Single(byIds);

        var contact = await db.Users.SingleAsync(u => u.UserName == "enterprise");
        var acts = await directory.EnterprisesOfUserAsync(contact.Id, CancellationToken.None);
        Assert.NotEmpty(acts);
    }

    [Fact]
    public void Tags_split_on_either_semicolon_and_drop_blanks() =>
        Assert.Equal(
            ["高新技术企业", "专精特新", "小巨人"],
            EnterpriseFacts.SplitTags(" 高新技术企业;专精特新；; 小巨人 ")
        );
}
