using System.Security.Claims;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Louyu.Web.Modules.Services.Features.Ui;

/// <summary>
/// The admin pages' writes (departments, services, officers, the SLA table), passed on to the workstation's admin
/// services. Only administrators write; the pages show everything read-only to the other workstation managers.
/// </summary>
public sealed class WorkstationAdminScreens(IStringLocalizer<SharedResource> text)
{
    public Task<ActionOutcome> SaveDepartmentAsync(
        ClaimsPrincipal user,
        Guid? id,
        IFormCollection form,
        CancellationToken ct
    ) => Pending(user);

    public Task<ActionOutcome> SaveServiceAsync(
        ClaimsPrincipal user,
        Guid? id,
        Guid departmentId,
        IFormCollection form,
        CancellationToken ct
    ) => Pending(user);

    public Task<ActionOutcome> GrantOfficerAsync(
        ClaimsPrincipal user,
        Guid departmentId,
        string userName,
        CancellationToken ct
    ) => Pending(user);

    public Task<ActionOutcome> RevokeOfficerAsync(
        ClaimsPrincipal user,
        Guid departmentId,
        string userName,
        CancellationToken ct
    ) => Pending(user);

    public Task<ActionOutcome> SaveSlaAsync(
        ClaimsPrincipal user,
        IReadOnlyList<(Guid DepartmentId, ServiceType Type, int? Days)> table,
        CancellationToken ct
    ) => Pending(user);

    private Task<ActionOutcome> Pending(ClaimsPrincipal user) =>
        Task.FromResult(
            new ActionOutcome(
                false,
                new Dictionary<string, string[]>(),
                WorkstationUi.IsAdministrator(user)
                    ? text["WsUi.AdminPending"].Value
                    : text["WsUi.AdminReadOnly"].Value
            )
        );
}

public static class WorkstationScreensSetup
{
    /// <summary>The screens' adapters over the ticket and workstation services.</summary>
    public static IServiceCollection AddWorkstationScreens(this IServiceCollection services) =>
        services.AddScoped<TicketScreens>().AddScoped<WorkstationAdminScreens>();
}
