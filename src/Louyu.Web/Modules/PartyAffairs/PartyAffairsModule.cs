using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;

namespace Louyu.Web.Modules.PartyAffairs;

/// <summary>党务在线办 — registers the module's services and endpoints.</summary>
public static class PartyAffairsModule
{
    public static IServiceCollection AddPartyAffairs(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.Configure<DuesOptions>(configuration.GetSection("PartyAffairs:Dues"));
        services.AddScoped<DevelopmentService>();
        services.AddScoped<DuesService>();
        services.AddScoped<DuesSheets>();
        services.AddScoped<Demo.DuesDemoSeeder>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app)
    {
        app.MapDuesCalculator();
        app.MapDuesEndpoints();
        app.MapDevelopmentEndpoints();
        return app;
    }
}
