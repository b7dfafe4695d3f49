using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Demo;
using Louyu.Web.Modules.Organization.Features.Buildings;
using Louyu.Web.Modules.Organization.Features.Coverage;
using Louyu.Web.Modules.Organization.Features.Enterprises;
using Louyu.Web.Modules.Organization.Features.Figures;
using Louyu.Web.Modules.Organization.Features.Import;
using Louyu.Web.Modules.Organization.Features.Members;
using Louyu.Web.Modules.Organization.Features.Organizations;
using Louyu.Web.Modules.Organization.Features.PocketMembers;
using Louyu.Web.Modules.Organization.Features.Scope;
using Louyu.Web.Modules.Organization.Features.Terms;
using Louyu.Web.Modules.Organization.Features.Visits;
using Louyu.Web.Modules.Organization.Features.Workers;

namespace Louyu.Web.Modules.Organization;

/// <summary>组织体系 — buildings, enterprises, party organisations, members, party workers, coverage.</summary>
public static class OrganizationModule
{
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddScoped<IOrganizationFigures, OrganizationFiguresQuery>();
        services.AddScoped<IBuildingScopeResolver, BuildingScopeResolver>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<BuildingService>();
        services.AddScoped<EnterpriseService>();
        services.AddScoped<MemberService>();
        services.AddScoped<IPartyDirectory, Features.PartyLookup.PartyDirectory>();
        services.AddScoped<IEnterpriseDirectory, Features.PartyLookup.EnterpriseDirectory>();
        services.AddScoped<RecordChoices>();
        services.AddScoped<CoverageQuery>();
        services.AddSingleton<CoverageStore>();
        services.AddSingleton<ListCounts>();
        services.AddSingleton<ListPages>();
        services.AddSingleton<Louyu.Web.Platform.Data.ISaveWatch, PlacementWatch>();
        services.AddHostedService<CoverageWarmer>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<RoomService>();
        services.AddScoped<ContactService>();
        services.AddScoped<EnterpriseProfileQuery>();
        services.AddScoped<MemberImporter>();
        services.AddScoped<EnterpriseImporter>();
        services.AddScoped<OrganizationSheets>();
        services.AddSingleton<ImportUploads>();
        services.AddScoped<TermService>();
        services.AddScoped<Louyu.Web.Platform.Todo.ITodoSource, TermTodoSource>();
        services.AddScoped<WorkerService>();
        services.AddScoped<VisitService>();
        services.AddScoped<PocketMemberQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganization(this IEndpointRouteBuilder app)
    {
        app.MapCoverageEndpoints();
        app.MapBuildingEndpoints();
        app.MapEnterpriseEndpoints();
        app.MapRoomEndpoints();
        app.MapContactEndpoints();
        app.MapOrganizationEndpoints();
        app.MapMemberEndpoints();
        app.MapImportEndpoints();
        app.MapTermEndpoints();
        app.MapWorkerEndpoints();
        app.MapVisitEndpoints();
        app.MapPocketMemberEndpoints();
        return app;
    }
}
