using Louyu.Web.Modules.Insights.Features.Overview;

namespace Louyu.Web.Modules.Insights;

/// <summary>信息管理 — the figures, their growth since 2009, dashboards and reports.</summary>
public static class InsightsModule
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddScoped<StatsService>();
        return services;
    }

    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder app)
    {
        app.MapStatsEndpoints();
        return app;
    }
}
