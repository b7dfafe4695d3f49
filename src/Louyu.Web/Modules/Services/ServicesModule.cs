using Louyu.Web.Modules.Services.Demo;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.OfficeDays;
using Louyu.Web.Modules.Services.Features.Open311;
using Louyu.Web.Modules.Services.Features.Policies;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Data;

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
        services.AddScoped<
            Platform.Identity.IScopeDescriber,
            Features.Workstation.DepartmentScopeDescriber
        >();
        services.AddScoped<Platform.Data.IDemoSeedStep, Demo.WorkstationDemo>();
        services.AddScoped<Platform.Todo.ITodoSource, TicketTodoSource>();
        services.AddSingleton<TicketReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<TicketReminders>());
        services.AddScoped<Open311Queries>();
        services.AddScoped<Open311Keys>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Open311DemoKey>();
        // The screens (deskui): adapters the pages use over the ticket and workstation services.
        Features.Ui.WorkstationScreensSetup.AddWorkstationScreens(services);
        // Policies (政策服务包): the enterprise snapshot, matching runs, catalogue, office days.
        services.AddSingleton<PolicySnapshot>();
        services.AddScoped<PolicyMatchRunner>();
        services.AddScoped<PolicyService>();
        services.AddScoped<OfficeDayService>();
        services.AddHostedService<PolicyRematchWorker>();
        services.AddScoped<IDemoSeedStep, PolicyDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapServices(this IEndpointRouteBuilder app)
    {
        app.MapTicketEndpoints();
        Features.Workstation.WorkstationEndpoints.MapWorkstationEndpoints(app);
        app.MapOpen311Endpoints();
        app.MapPolicyEndpoints();
        return app;
    }
}
