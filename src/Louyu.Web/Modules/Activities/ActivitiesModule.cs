namespace Louyu.Web.Modules.Activities;

/// <summary>活动开展 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class ActivitiesModule
{
    public static IServiceCollection AddActivities(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app) => app;
}
