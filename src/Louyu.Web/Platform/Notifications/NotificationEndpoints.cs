using System.Security.Claims;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Platform.Notifications;

public sealed record NotificationView(
    Guid Id,
    string Title,
    string Body,
    string? Link,
    DateTime CreatedAt,
    bool Read
);

public sealed record NotificationPage(
    IReadOnlyList<NotificationView> Items,
    int Page,
    int PageSize,
    int Total,
    int Unread
);

/// <summary>GET /api/v1/notifications (the caller's own, newest first), POST /api/v1/notifications/{id}/read.</summary>
public static class NotificationEndpoints
{
    public static void MapNotifications(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/notifications")
            .WithTags("Notifications")
            .RequireAuthorization();
        g.MapGet(
                "/",
                async (
                    ClaimsPrincipal user,
                    LouyuDbContext db,
                    CancellationToken ct,
                    int page = 1,
                    int pageSize = 50
                ) => TypedResults.Ok(await ListAsync(db, user, page, pageSize, ct))
            )
            .WithSummary("The caller's notifications, newest first");
        g.MapPost(
                "/{id:guid}/read",
                async (
                    Guid id,
                    ClaimsPrincipal user,
                    LouyuDbContext db,
                    TimeProvider clock,
                    IStringLocalizer<SharedResource> text,
                    CancellationToken ct
                ) =>
                    await MarkReadAsync(db, user, id, clock, ct)
                        ? Results.NoContent()
                        : ProblemsSetup.Problem(text, 404, "Problem.NotFound")
            )
            .WithSummary("Marks one of the caller's notifications read");
    }

    /// <summary>Marks one of the caller's own notifications read; false when there is no such notification.</summary>
    public static async Task<bool> MarkReadAsync(
        LouyuDbContext db,
        ClaimsPrincipal user,
        Guid id,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var uid = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var n = await db.Set<Notification>()
            .FirstOrDefaultAsync(x => x.Id == id && x.UserId == uid, ct);
        if (n is null)
            return false;
        n.ReadAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static async Task<NotificationPage> ListAsync(
        LouyuDbContext db,
        ClaimsPrincipal user,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var uid = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var q = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == uid);
        var total = await q.CountAsync(ct);
        var unread = await q.CountAsync(n => n.ReadAtUtc == null, ct);
        var items = await q.OrderByDescending(n => n.CreatedAtUtc)
            .ThenBy(n => n.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(n => new NotificationView(
                n.Id,
                n.Title,
                n.Body,
                n.Link,
                DateTime.SpecifyKind(n.CreatedAtUtc, DateTimeKind.Utc),
                n.ReadAtUtc != null
            ))
            .ToListAsync(ct);
        return new NotificationPage(items, page, pageSize, total, unread);
    }
}
