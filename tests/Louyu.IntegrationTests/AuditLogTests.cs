using System.Data.Common;
using System.Net;
using Louyu.IntegrationTests.Infrastructure;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Louyu.IntegrationTests;

/// <summary>The audit log records changes in the same transaction and refuses to be rewritten (domain-rules §8.2).</summary>
[Collection(AppCollection.Name)]
public sealed class AuditLogTests(AppFixture fixture)
{
    [Theory]
    [MemberData(nameof(DatabaseProviders.All), MemberType = typeof(DatabaseProviders))]
    public async Task A_failed_login_is_audited_and_the_log_refuses_update_and_delete(
        string provider
    )
    {
        var app = await fixture.AppAsync(provider);
        var user = await Accounts.CreateUserAsync(app);
        using (var client = app.CreateClient())
        {
            using var failed = await Accounts.RequestTokenAsync(
                client,
                user.UserName!,
                "Wrong@2021x"
            );
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LouyuDbContext>();
        var entry = await db
            .AuditEntries.AsNoTracking()
            .Where(a => a.Entity == "LouyuUser" && a.EntityId == user.Id && a.Action == "Modified")
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync();
        Assert.NotNull(entry);
        Assert.Contains("AccessFailedCount", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain(user.PasswordHash!, entry.After ?? "", StringComparison.Ordinal);

        Assert.ThrowsAny<DbException>(() =>
            db.Database.ExecuteSqlRaw(
                "UPDATE \"AuditEntries\" SET \"Action\" = 'Tampered' WHERE \"Id\" = {0}",
                entry.Id
            )
        );
        Assert.ThrowsAny<DbException>(() =>
            db.Database.ExecuteSqlRaw("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", entry.Id)
        );

        var after = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id);
        Assert.Equal("Modified", after.Action);
    }
}
