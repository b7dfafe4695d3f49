using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Open311;
using Louyu.Web.Modules.Services.Features.Tickets;

namespace Louyu.Web.Modules.Services;

/// <summary>资源整合 — registers the module's services and endpoints (the workstation's departments, services and tickets).</summary>
public static class ServicesModule
{
    public static IServiceCollection AddServices(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        services.Configure<SlaOptions>(configuration.GetSection("Services:Sla"));
        services.AddScoped<SlaPolicy>();
        services.AddScoped<TicketPush>();
        services.AddScoped<TicketFiling>();
        services.AddScoped<TicketService>();
        services.AddScoped<Features.Workstation.WorkstationAdmin>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Demo.WorkstationDemo>();
        services.AddScoped<Platform.Todo.ITodoSource, TicketTodoSource>();
        services.AddSingleton<TicketReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketReminders>());
        services.AddScoped<Open311Queries>();
        services.AddScoped<Open311Keys>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Open311DemoKey>();
        // The screens (deskui): adapters the pages use over the ticket and workstation services.
        Features.Ui.WorkstationScreensSetup.AddWorkstationScreens(services);
        return services;
    }

    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        app.MapTicketEndpoints();
        Features.Workstation.WorkstationEndpoints.MapWorkstationEndpoints(app);
        app.MapOpen311Endpoints();
        return app;
    }
}
