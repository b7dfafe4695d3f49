using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Louyu.Web.Platform.Web;

/// <summary>GET /health → 200 {"status":"Healthy","checks":{...}} when the database answers, 503 otherwise.</summary>
public static class HealthResponse
{
    public static readonly HealthCheckOptions Options = new()
    {
        ResponseWriter = async (ctx, report) =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(
                JsonSerializer.Serialize(
                    new
                    {
                        status = report.Status.ToString(),
                        totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                        checks = report.Entries.ToDictionary(
                            e => e.Key,
                            e => e.Value.Status.ToString()
                        ),
                    }
                )
            );
        },
    };
}
