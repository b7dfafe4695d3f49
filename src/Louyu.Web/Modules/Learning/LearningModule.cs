namespace Louyu.Web.Modules.Learning;

/// <summary>学习教育 — registers the module's services and endpoints. The module's features arrive with their issues.</summary>
public static class LearningModule
{
    public static IServiceCollection AddLearning(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapLearning(this IEndpointRouteBuilder app) => app;
}
