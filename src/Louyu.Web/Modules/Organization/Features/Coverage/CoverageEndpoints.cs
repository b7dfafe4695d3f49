using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Problems;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Organization.Features.Coverage;

/// <summary>GET /api/v1/coverage and /api/v1/coverage/buildings (api.md "Organisation system").</summary>
public static class CoverageEndpoints
{
    public sealed record TodoItemResponse(
        Guid Id,
        string Name,
        Guid BuildingId,
        string BuildingName,
        int FullMembers,
        int Members
    );

    public sealed record TodoResponse(
        int Total,
        int Page,
        int PageSize,
        IReadOnlyList<TodoItemResponse> Items
    )
    {
        public static TodoResponse From(CoverageTodoPage p) =>
            new(
                p.Total,
                p.Page,
                p.PageSize,
                [
                    .. p.Items.Select(i => new TodoItemResponse(
                        i.Id,
                        i.Name,
                        i.BuildingId,
                        i.BuildingName,
                        i.FullMembers,
                        i.Members
                    )),
                ]
            );
    }

    public sealed record TodoListsResponse(
        TodoResponse FullMembersNoOwnOrganization,
        TodoResponse MembersNoOrganization,
        TodoResponse Uncovered
    );

    public sealed record CoverageResponse(
        string AsOf,
        int Enterprises,
        int OwnOrganization,
        int JointOrganization,
        int InstructorOnly,
        int MembersNoOrganization,
        int Nothing,
        double OrganizationCoverageRate,
        double WorkCoverageRate,
        TodoListsResponse Todo
    )
    {
        public static CoverageResponse From(CoverageReport r) =>
            new(
                r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Counts.Enterprises,
                r.Counts.OwnOrganization,
                r.Counts.JointOrganization,
                r.Counts.InstructorOnly,
                r.Counts.MembersNoOrganization,
                r.Counts.Nothing,
                r.OrganizationCoverageRate,
                r.WorkCoverageRate,
                new TodoListsResponse(
                    TodoResponse.From(r.FullMembersNoOwnOrganization),
                    TodoResponse.From(r.MembersNoOrganization),
                    TodoResponse.From(r.Uncovered)
                )
            );
    }

    public static void MapCoverageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/coverage")
            .WithTags("Organisation system")
            .RequireAuthorization();
        group
            .MapGet("", CoverageAsync)
            .WithSummary(
                "The two coverages at the end of a day: enterprises by state, the two rates and the to-do lists"
            );
        group
            .MapGet("/buildings", BuildingsAsync)
            .WithSummary("The two coverage rates of each building in the caller's scope, paged");
    }

    private static async Task<IResult> CoverageAsync(
        string? asOf,
        string? buildingId,
        string? todo,
        string? page,
        string? pageSize,
        ClaimsPrincipal user,
        CoverageQuery coverage,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        if (!TryDate(asOf, out var date))
            errors.Add(("asOf", "Validation.Date", []));
        if (!TryId(buildingId, out var building))
            errors.Add(("buildingId", "Validation.Id", []));
        if (!TryTodo(todo, out var list))
            errors.Add(("todo", "Validation.CoverageTodo", []));
        AddPaging(page, pageSize, errors, out var p, out var size);
        if (errors.Count > 0)
            return ProblemsSetup.Validation(text, [.. errors]);
        var outcome = await coverage.ReportAsync(user, date, building, list, p, size, ct);
        return Answer(outcome, CoverageResponse.From, text);
    }

    private static async Task<IResult> BuildingsAsync(
        string? asOf,
        string? page,
        string? pageSize,
        ClaimsPrincipal user,
        CoverageQuery coverage,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        if (!TryDate(asOf, out var date))
            errors.Add(("asOf", "Validation.Date", []));
        AddPaging(page, pageSize, errors, out var p, out var size);
        if (errors.Count > 0)
            return ProblemsSetup.Validation(text, [.. errors]);
        var outcome = await coverage.BuildingsAsync(user, date, p, size, ct);
        return Answer(outcome, x => x, text);
    }

    private static IResult Answer<T, TOut>(
        CoverageOutcome<T> o,
        Func<T, TOut> map,
        IStringLocalizer<SharedResource> text
    ) =>
        o.Failure switch
        {
            null => TypedResults.Ok(map(o.Value!)),
            CoverageFailure.Invalid => ProblemsSetup.Validation(
                text,
                (o.Field!, o.MessageKey!, [])
            ),
            CoverageFailure.NotFound => ProblemsSetup.Problem(text, 404, "Problem.NotFound"),
            _ => ProblemsSetup.Problem(text, 403, "Problem.OutOfScope"),
        };

    private static bool TryDate(string? s, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(s))
            return true;
        if (
            !DateOnly.TryParseExact(
                s,
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
            return false;
        date = d;
        return true;
    }

    private static bool TryId(string? s, out Guid? id)
    {
        id = null;
        if (string.IsNullOrEmpty(s))
            return true;
        if (!Guid.TryParse(s, out var g))
            return false;
        id = g;
        return true;
    }

    /// <summary>The <c>?todo=</c> names of api.md: fullMembersNoOwnOrganization, membersNoOrganization, uncovered.</summary>
    public static bool TryTodo(string? s, out CoverageTodoList? list)
    {
        list = s switch
        {
            null or "" => null,
            "fullMembersNoOwnOrganization" => CoverageTodoList.FullMembersNoOwnOrganization,
            "membersNoOrganization" => CoverageTodoList.MembersNoOrganization,
            "uncovered" => CoverageTodoList.Uncovered,
            _ => null,
        };
        return list is not null || string.IsNullOrEmpty(s);
    }

    /// <summary>Reads the page (≥ 1) and page size (1–200), adding a field error for a bad one.</summary>
    private static void AddPaging(
        string? page,
        string? pageSize,
        List<(string, string, object[])> errors,
        out int p,
        out int size
    )
    {
        p = 1;
        size = CoverageQuery.DefaultPageSize;
        if (!string.IsNullOrEmpty(page))
        {
            if (
                !int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out p)
                || p < 1
                || p > 100_000
            )
            {
                errors.Add(("page", "Validation.Page", []));
            }
        }
        if (!string.IsNullOrEmpty(pageSize))
        {
            if (
                !int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size)
                || size < 1
                || size > CoverageQuery.MaxPageSize
            )
            {
                errors.Add(("pageSize", "Validation.PageSize", [CoverageQuery.MaxPageSize]));
            }
        }
    }
}
