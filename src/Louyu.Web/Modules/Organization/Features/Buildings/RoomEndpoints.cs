using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Buildings;

/// <summary>
/// The rooms of a building and its map: <c>GET|POST /api/v1/buildings/{id}/rooms</c>,
/// <c>GET|PUT|DELETE /api/v1/buildings/{id}/rooms/{roomId}</c>, <c>POST /api/v1/buildings/{id}/rooms/generate</c>,
/// <c>GET /api/v1/buildings/{id}/map?date=</c>.
/// </summary>
public static class RoomEndpoints
{
    public static void MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/buildings/{id:guid}")
            .WithTags("Organisation")
            .RequireAuthorization();
        group
            .MapGet("/rooms", ListAsync)
            .WithSummary("The rooms of a building, top floor first, paged; filter floor");
        group.MapGet("/rooms/{roomId:guid}", GetAsync).WithSummary("One room");
        group
            .MapPost("/rooms", CreateAsync)
            .WithSummary("Adds a room (floor within the building, B5 to the top; number unique)");
        group
            .MapPut("/rooms/{roomId:guid}", UpdateAsync)
            .WithSummary("Updates a room; carries the version it read (409 when stale)");
        group
            .MapDelete("/rooms/{roomId:guid}", DeleteAsync)
            .WithSummary(
                "Deletes a room no enterprise occupies (409 naming the enterprise otherwise)"
            );
        group
            .MapPost("/rooms/generate", GenerateAsync)
            .WithSummary(
                "Numbers the rooms of floors fromFloor..toFloor, roomsPerFloor each (1201..1210), skipping existing ones"
            );
        group
            .MapGet("/map", MapAsync)
            .WithSummary(
                "The building map on a day: floors, rooms and the enterprises in them with their coverage state"
            );
    }

    private static async Task<IResult> ListAsync(
        Guid id,
        int? page,
        int? pageSize,
        int? floor,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.ListAsync(user, id, page, pageSize, floor, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> GetAsync(
        Guid id,
        Guid roomId,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.GetAsync(user, id, roomId, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> CreateAsync(
        Guid id,
        RoomInput input,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.CreateAsync(user, id, input, ct),
            text,
            r => TypedResults.Created($"/api/v1/buildings/{id}/rooms/{r.Id}", r)
        );

    private static async Task<IResult> UpdateAsync(
        Guid id,
        Guid roomId,
        RoomInput input,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.UpdateAsync(user, id, roomId, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> DeleteAsync(
        Guid id,
        Guid roomId,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.DeleteAsync(user, id, roomId, ct),
            text,
            _ => TypedResults.NoContent()
        );

    private static async Task<IResult> GenerateAsync(
        Guid id,
        RoomGenerationInput input,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    ) =>
        OutcomeResults.ToResult(
            await service.GenerateAsync(user, id, input, ct),
            text,
            TypedResults.Ok
        );

    private static async Task<IResult> MapAsync(
        Guid id,
        string? date,
        ClaimsPrincipal user,
        RoomService service,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        DateOnly? d = null;
        if (!string.IsNullOrEmpty(date))
        {
            if (
                !DateOnly.TryParseExact(
                    date,
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var parsed
                )
            )
                return ProblemsSetup.Validation(text, ("date", "Validation.Date", []));
            d = parsed;
        }
        return OutcomeResults.ToResult(
            await service.MapAsync(user, id, d, ct),
            text,
            TypedResults.Ok
        );
    }
}
