using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Louyu.Web.Modules.Services.Features.Open311;

/// <summary>
/// Open311 GeoReport v2, JSON format (api.md; http://wiki.open311.org/GeoReport_v2): GET services.json,
/// GET services/{service_code}.json, POST requests.json (api_key), GET requests.json, GET requests/{id}.json,
/// GET discovery.json. Every error is a 4xx with the spec's body <c>[{"code", "description"}]</c> — never problem
/// details, never a 500. The administrators' key API is GET|POST /api/v1/open311/keys, POST …/{id}/revoke.
/// </summary>
public static class Open311Endpoints
{
    public const string Base = "/open311/v2";

    public static void MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Base).WithTags("Open311").AllowAnonymous();
        group
            .MapGet("/discovery.json", Discovery)
            .WithSummary("Open311 service discovery: this endpoint and its format");
        group
            .MapGet("/services.json", ServicesAsync)
            .WithSummary(
                "The services of the workstation's active departments (group = department)"
            );
        group
            .MapGet("/services/{service_code}.json", DefinitionAsync)
            .WithSummary("A service definition: its attributes (extra questions)");
        group
            .MapPost("/requests.json", Open311Intake.PostAsync)
            .WithSummary(
                "Files a service request (form-urlencoded; api_key required; Idempotency-Key honoured)"
            );
        group
            .MapGet("/requests.json", RequestsAsync)
            .WithSummary(
                "Requests by service_request_id, or by service_code, start_date, end_date (≤ 90 days), status; ≤ 1,000"
            );
        group
            .MapGet("/requests/{service_request_id}.json", RequestAsync)
            .WithSummary("One request with its public history (notes[], our extension)");
        app.MapMethods(
                "/open311/{**rest}",
                ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
                NotFound
            )
            .AllowAnonymous()
            .ExcludeFromDescription();

        var keys = app.MapGroup("/api/v1/open311/keys")
            .WithTags("Open311")
            .RequireAuthorization("Administrator");
        keys.MapGet("/", ListKeysAsync).WithSummary("Open311 API keys (never the keys themselves)");
        keys.MapPost("/", IssueKeyAsync)
            .WithSummary("Issues a key for a client {clientName}; the key is in this answer only");
        keys.MapPost("/{id:guid}/revoke", RevokeKeyAsync)
            .WithSummary("Revokes a key: requests with it are refused (403) from now on");
    }

    /// <summary>An Open311 error: the HTTP status and the body <c>[{"code": status, "description": …}]</c>.</summary>
    public static IResult Error(int status, string description) => Errors(status, [description]);

    public static IResult Errors(int status, IEnumerable<string> descriptions) =>
        TypedResults.Json(
            descriptions.Select(d => new Open311Error(status, d)).ToArray(),
            statusCode: status
        );

    private static IResult Discovery(HttpContext ctx, TimeProvider clock)
    {
        var root = $"{ctx.Request.Scheme}://{ctx.Request.Host}{Base}/";
        return TypedResults.Json(
            new Dictionary<string, object>
            {
                ["changeset"] = "2026-11-27T00:00:00+08:00",
                ["contact"] = "楼宇政务服务工作站 Louyu workstation — docs/open311.md",
                ["key_service"] = "/admin/open311-keys",
                ["endpoints"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["specification"] = "http://wiki.open311.org/GeoReport_v2",
                        ["url"] = root,
                        ["changeset"] = "2026-11-27T00:00:00+08:00",
                        ["type"] = "production",
                        ["formats"] = new[] { "application/json" },
                    },
                },
            }
        );
    }

    private static async Task<IResult> ServicesAsync(
        Open311Queries queries,
        CancellationToken ct
    ) => TypedResults.Json(await queries.ServicesAsync(ct));

    private static async Task<IResult> DefinitionAsync(
        HttpContext ctx,
        Open311Queries queries,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var code = ctx.Request.RouteValues["service_code"] as string ?? "";
        var definition = await queries.DefinitionAsync(code, ct);
        return definition is null
            ? Error(404, text["Open311.Error.UnknownService", code].Value)
            : TypedResults.Json(definition);
    }

    private static async Task<IResult> RequestsAsync(
        HttpContext ctx,
        Open311Queries queries,
        IStringLocalizer<SharedResource> text,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var q = ctx.Request.Query;
        var errors = new List<string>();
        var ids = Open311Mapping.List(q["service_request_id"]);
        var codes = Open311Mapping.List(q["service_code"]);
        var start = Date(q["start_date"], "start_date", errors, text);
        var end = Date(q["end_date"], "end_date", errors, text);
        TicketStatusFilter(q["status"], errors, text, out var statuses);
        if (errors.Count > 0 && ids.Count == 0)
            return Errors(400, errors);
        var (from, to) = Open311Mapping.Window(start, end, clock.GetUtcNow().UtcDateTime);
        if (ids.Count == 0)
        {
            if (from > to)
                return Error(400, text["Open311.Error.DateOrder"].Value);
            if (to - from > TimeSpan.FromDays(Open311Mapping.MaxWindowDays))
                return Error(
                    400,
                    text["Open311.Error.DateSpan", Open311Mapping.MaxWindowDays].Value
                );
        }
        return TypedResults.Json(
            await queries.RequestsAsync(new Open311RequestQuery(ids, codes, from, to, statuses), ct)
        );
    }

    private static DateTime? Date(
        StringValues values,
        string field,
        List<string> errors,
        IStringLocalizer<SharedResource> text
    )
    {
        var v = values.LastOrDefault();
        if (string.IsNullOrWhiteSpace(v))
            return null;
        var parsed = Open311Mapping.ParseW3c(v);
        if (parsed is null)
            errors.Add(text["Open311.Error.BadDate", field, v].Value);
        return parsed;
    }

    private static void TicketStatusFilter(
        StringValues values,
        List<string> errors,
        IStringLocalizer<SharedResource> text,
        out Domain.TicketStatus[]? statuses
    )
    {
        statuses = null;
        var list = Open311Mapping.List(values);
        if (list.Count == 0)
            return;
        var all = new HashSet<Domain.TicketStatus>();
        foreach (var v in list)
        {
            var s = Open311Mapping.StatusesOf(v);
            if (s is null)
            {
                errors.Add(text["Open311.Error.BadStatus", v].Value);
                continue;
            }
            all.UnionWith(s);
        }
        statuses = [.. all];
    }

    private static async Task<IResult> RequestAsync(
        HttpContext ctx,
        Open311Queries queries,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var id = ctx.Request.RouteValues["service_request_id"] as string ?? "";
        var request = id.Length is > 0 and <= 30 ? await queries.RequestAsync(id, ct) : null;
        return request is null
            ? Error(404, text["Open311.Error.UnknownRequest", id].Value)
            : TypedResults.Json(new[] { request });
    }

    private static IResult NotFound(HttpContext ctx, IStringLocalizer<SharedResource> text)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            return Error(400, text["Open311.Error.JsonOnly"].Value);
        return Error(404, text["Open311.Error.NotFound", ctx.Request.Method, path].Value);
    }

    private static async Task<IResult> ListKeysAsync(Open311Keys keys, CancellationToken ct) =>
        TypedResults.Ok(await keys.ListAsync(ct));

    private static async Task<IResult> IssueKeyAsync(
        Open311KeyInput input,
        ClaimsPrincipal user,
        Open311Keys keys,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var (issued, error) = await keys.IssueAsync(user, input.ClientName, ct);
        if (issued is null)
            return ProblemsSetup.Validation(
                text,
                ("clientName", error!, [Open311Keys.MaxClientName])
            );
        return TypedResults.Created($"/api/v1/open311/keys/{issued.Key.Id}", issued);
    }

    private static async Task<IResult> RevokeKeyAsync(
        Guid id,
        ClaimsPrincipal user,
        Open311Keys keys,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var revoked = await keys.RevokeAsync(user, id, ct);
        return revoked is null
            ? ProblemsSetup.Problem(text, 404, "Problem.NotFound")
            : TypedResults.Ok(revoked);
    }
}
