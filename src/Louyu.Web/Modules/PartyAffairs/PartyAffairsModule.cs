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
        return services;
    }

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app)
    {
        app.MapDuesCalculator();
        return app;
    }
}
