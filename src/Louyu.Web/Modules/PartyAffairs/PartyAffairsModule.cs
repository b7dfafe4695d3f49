using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;
using Louyu.Web.Platform.Data;

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
        services.Configure<DevelopmentOptions>(
            configuration.GetSection("PartyAffairs:Development")
        );
        services.AddScoped<DevelopmentService>();
        services.AddScoped<DevelopmentRuleAdmin>();
        services.AddSingleton<DevelopmentRuleBookStore>();
        services.AddSingleton<IReferenceDataSeed, DevelopmentRuleSeed>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app)
    {
        app.MapDuesCalculator();
        app.MapDevelopmentEndpoints();
        return app;
    }
}
