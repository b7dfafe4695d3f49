using Louyu.Web.Modules.Services.Features.Open311;

namespace Louyu.Web.Modules.Services;

/// <summary>资源整合 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class ServicesModule
{
    public static IServiceCollection AddServices(this IServiceCollection services)
    {
        services.AddScoped<Open311Queries>();
        services.AddScoped<Open311Keys>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Open311DemoKey>();
        return services;
    }

    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        app.MapOpen311Endpoints();
        return app;
    }
}
