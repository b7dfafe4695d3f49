using Louyu.Web.Modules.PartyAffairs.Features.Development;
using Louyu.Web.Modules.PartyAffairs.Features.Dues;
using Louyu.Web.Modules.PartyAffairs.Features.Meetings;
using Louyu.Web.Modules.PartyAffairs.Features.MobileMembers;
using Louyu.Web.Modules.PartyAffairs.Features.Todo;
using Louyu.Web.Modules.PartyAffairs.Features.Transfers;
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
        services.AddScoped<TodoService>();
        services.Configure<MeetingOptions>(configuration.GetSection("PartyAffairs:Meetings"));
        services.AddScoped<MeetingService>();
        services.AddScoped<ComplianceService>();
        services.AddSingleton<BoardCache>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Demo.MeetingsDemo>();
        services.AddScoped<Platform.Data.IDemoSeedStep, Demo.DevelopmentDemo>();
        services.AddScoped<DuesService>();
        services.AddScoped<DuesSheets>();
        services.AddScoped<Demo.DuesDemoSeeder>();
        services.Configure<TransferOptions>(configuration.GetSection("PartyAffairs:Transfers"));
        services.AddScoped<TransferService>();
        services.AddScoped<MobileMemberService>();
        services.AddScoped<LostContactService>();
        services.AddScoped<Demo.TransferDemo>();
        services.AddScoped<DevelopmentRuleAdmin>();
        services.AddSingleton<DevelopmentRuleBookStore>();
        services.AddSingleton<IReferenceDataSeed, DevelopmentRuleSeed>();
        // The to-do list's deadlines (待办), one source per kind, each scoped like its feature's list.
        services.AddScoped<Platform.Todo.ITodoSource, DuesTodoSource>();
        services.AddScoped<Platform.Todo.ITodoSource, TransferTodoSource>();
        services.AddScoped<Platform.Todo.ITodoSource, LostContactTodoSource>();
        services.AddScoped<Platform.Todo.ITodoSource, MeetingTodoSource>();
        services.AddScoped<Platform.Todo.ITodoSource, DevelopmentTodoSource>();
        return services;
    }

    public static IEndpointRouteBuilder MapPartyAffairs(this IEndpointRouteBuilder app)
    {
        app.MapDuesCalculator();
        app.MapDuesEndpoints();
        app.MapDevelopmentEndpoints();
        app.MapTodoEndpoints();
        app.MapMeetingEndpoints();
        app.MapTransferEndpoints();
        app.MapMobileMemberEndpoints();
        return app;
    }
}
