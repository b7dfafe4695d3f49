using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Platform.Identity;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>
/// What a caller may do with buildings and enterprises: <see cref="Read"/> from all their staff grants (a branch
/// secretary reads their building), <see cref="Write"/> from the grants of the roles that keep the records
/// (committee secretary, party worker, administrator) only.
/// </summary>
public sealed record OrganizationAccess(BuildingScope Read, BuildingScope Write)
{
    public static readonly string[] WriterRoles =
    [
        LouyuRoles.CommitteeSecretary,
        LouyuRoles.PartyWorker,
        LouyuRoles.Administrator,
    ];

    public bool CanRead => !Read.IsEmpty;
    public bool CanWrite => !Write.IsEmpty;

    /// <summary>The title of a 403: read-only for a reader who may not write, out of scope otherwise.</summary>
    public string RefusalKey => CanRead && !CanWrite ? "Problem.ReadOnly" : "Problem.OutOfScope";

    public static async Task<OrganizationAccess> ResolveAsync(
        IBuildingScopeResolver scopes,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var read = await scopes.ResolveAsync(user, ct);
        if (read.IsEmpty)
            return new OrganizationAccess(read, BuildingScope.Nothing);
        var writerClaims = user.Claims.Where(c =>
            c.Type == ClaimTypes.NameIdentifier
            || (
                c.Type == RoleGrantClaims.ClaimType
                && WriterRoles.Contains(c.Value.Split('|')[0], StringComparer.Ordinal)
            )
        );
        var writer = new ClaimsPrincipal(new ClaimsIdentity(writerClaims, "grants"));
        var write = await scopes.ResolveAsync(writer, ct);
        return new OrganizationAccess(read, write);
    }
}

/// <summary>Why a request was refused, mapped to api.md's statuses.</summary>
public enum Refusal
{
    Invalid, // 400
    Forbidden, // 403
    NotFound, // 404
    Conflict, // 409
}

/// <summary>A handler's answer: the value, or a refusal with field errors (400) or a problem title key.</summary>
public sealed record Outcome<T>(
    T? Value,
    Refusal? Refusal,
    IReadOnlyList<FieldError> Errors,
    string? ProblemKey,
    object[]? DetailArgs
)
{
    public static Outcome<T> Ok(T value) => new(value, null, [], null, null);

    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) =>
        new(default, Enterprises.Refusal.Invalid, errors, null, null);

    public static Outcome<T> Invalid(string field, string key, params object[] args) =>
        Invalid([new FieldError(field, key, args)]);

    public static Outcome<T> Forbidden(string key = "Problem.OutOfScope") =>
        new(default, Enterprises.Refusal.Forbidden, [], key, null);

    public static Outcome<T> NotFound() =>
        new(default, Enterprises.Refusal.NotFound, [], "Problem.NotFound", null);

    public static Outcome<T> Conflict(string key, params object[] detailArgs) =>
        new(default, Enterprises.Refusal.Conflict, [], key, detailArgs);

    /// <summary>This refusal as the answer of a handler that returns another type.</summary>
    public Outcome<TOther> Refused<TOther>() =>
        new(default, Refusal, Errors, ProblemKey, DetailArgs);
}

/// <summary>A page of a server-paged list: <c>{items, page, pageSize, total}</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Paging of api.md: <c>?page=1&amp;pageSize=50</c>, at most 200 a page.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public static (int Page, int Size) Check(List<FieldError> errors, int? page, int? pageSize)
    {
        var p = FieldRules.Range(errors, "page", page ?? 1, 1, 1_000_000, required: true) ?? 1;
        var s =
            FieldRules.Range(errors, "pageSize", pageSize ?? DefaultSize, 1, MaxSize, true)
            ?? DefaultSize;
        return (p, s);
    }
}
