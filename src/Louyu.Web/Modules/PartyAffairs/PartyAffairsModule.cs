using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;
using Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;

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
        services.Configure<TransferOptions>(configuration.GetSection("PartyAffairs:Transfers"));
        services.AddScoped<TransferService>();
        services.AddScoped<MobileMemberService>();
        services.AddScoped<LostContactService>();
        services.AddScoped<Demo.TransferDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app)
    {
        app.MapDuesCalculator();
        app.MapDevelopmentEndpoints();
        app.MapTransferEndpoints();
        app.MapMobileMemberEndpoints();
        return app;
    }
}
