using System.Security.Claims;

namespace Louyu.Web.Modules.PartyAffairs.Features.Todo;

/// <summary>GET /api/v1/todo — the caller's to-do list (待办) across modules.</summary>
public static class TodoEndpoints
{
    public static void MapTodoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(
                "/api/v1/todo",
                async (ClaimsPrincipal user, int? limit, TodoService todo, CancellationToken ct) =>
                    Results.Ok(await todo.ListAsync(user, limit, ct))
            )
            .WithTags("Party affairs")
            .WithSummary(
                "The caller's deadlines (term expiry, development steps, dues arrears, transfer receipts, lost contact, meetings), late first"
            )
            .RequireAuthorization();
}
