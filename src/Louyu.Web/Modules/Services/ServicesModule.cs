using Louyu.Web.Modules.Services.Demo;
using Louyu.Web.Modules.Services.Features.OfficeDays;
using Louyu.Web.Modules.Services.Features.Policies;
using Louyu.Web.Platform.Data;

namespace Louyu.Web.Modules.Services;

/// <summary>资源整合 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class ServicesModule
{
    public static IServiceCollection AddServices(this IServiceCollection services)
    {
        services.AddSingleton<PolicySnapshot>();
        services.AddScoped<PolicyMatchRunner>();
        services.AddScoped<PolicyService>();
        services.AddScoped<OfficeDayService>();
        services.AddHostedService<PolicyRematchWorker>();
        services.AddScoped<IDemoSeedStep, PolicyDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        app.MapPolicyEndpoints();
        return app;
    }
}
