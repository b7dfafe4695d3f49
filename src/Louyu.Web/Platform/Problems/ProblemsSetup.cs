using Louyu.Web.Platform.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Platform.Problems;

/// <summary>
/// RFC 9457 problem details everywhere under /api: malformed input is a 400 with a message in the caller's
/// language, never a 500; empty 4xx responses get a problem body.
/// </summary>
public static class ProblemsSetup
{
    public static IServiceCollection AddLouyuProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>A 400 with field-level messages, each a resource key looked up in the caller's language.</summary>
    public static ValidationProblem Validation(
        IStringLocalizer<SharedResource> text,
        params (string Field, string Key, object[] Args)[] errors
    ) =>
        TypedResults.ValidationProblem(
            errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => text[e.Key, e.Args].Value).ToArray()),
            title: text["Problem.Validation"].Value
        );

    public static ProblemHttpResult Problem(
        IStringLocalizer<SharedResource> text,
        int status,
        string titleKey,
        string? detail = null
    ) => TypedResults.Problem(title: text[titleKey].Value, detail: detail, statusCode: status);
}

/// <summary>Turns a request that cannot be read (malformed JSON, wrong types) into a localised 400.</summary>
public sealed class BadRequestExceptionHandler(
    IProblemDetailsService problems,
    IStringLocalizer<SharedResource> text
) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(
        HttpContext ctx,
        Exception exception,
        CancellationToken ct
    )
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        ctx.Response.StatusCode = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : 400;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails = new ProblemDetails
                {
                    Status = ctx.Response.StatusCode,
                    Title = text["Problem.MalformedRequest"].Value,
                    Detail = text["Problem.MalformedRequestDetail"].Value,
                },
                Exception = exception,
            }
        );
    }
}
