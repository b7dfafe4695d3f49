namespace Louyu.Web.Modules.PartyAffairs;

/// <summary>党务在线办 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class PartyAffairsModule
{
    public static IServiceCollection AddPartyAffairs(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app) => app;
}
