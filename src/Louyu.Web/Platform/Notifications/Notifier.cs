using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Platform.Notifications;

/// <summary>
/// Tells users something: an in-app notification row, a live push and (when the user has an address) an e-mail,
/// all added to the caller's unit of work — the pushes and e-mails go out through the outbox after commit.
/// </summary>
public sealed class Notifier(LouyuDbContext db, OutboxWriter outbox, TimeProvider clock)
{
    public async Task NotifyAsync(
        IReadOnlyCollection<string> userIds,
        string title,
        string body,
        string? link,
        CancellationToken ct
    )
    {
        if (userIds.Count == 0)
            return;
        var ids = userIds.Distinct().ToArray();
        var emails = await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.Email != null)
            .Select(u => new { u.Id, u.Email })
            .ToDictionaryAsync(u => u.Id, u => u.Email!, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in ids)
        {
            db.Add(
                new Notification
                {
                    Id = Guid.NewGuid(),
                    UserId = id,
                    Title = Cut(title, 200),
                    Body = Cut(body, 1000),
                    Link = link,
                    CreatedAtUtc = now,
                }
            );
            outbox.Push(new PushPayload(id, "notification", title, body, link));
            if (emails.TryGetValue(id, out var to))
                outbox.Email(to, title, body + (link is null ? "" : "\n\n" + link));
        }
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n];
}
