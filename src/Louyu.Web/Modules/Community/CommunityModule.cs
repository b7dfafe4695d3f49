namespace Louyu.Web.Modules.Community;

/// <summary>社会服务 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class CommunityModule
{
    public static IServiceCollection AddCommunity(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app) => app;
}
