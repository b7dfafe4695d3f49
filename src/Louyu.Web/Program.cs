using Louyu.Web.Components;
using Louyu.Web.Modules.Activities;
using Louyu.Web.Modules.Community;
using Louyu.Web.Modules.Insights;
using Louyu.Web.Modules.Learning;
using Louyu.Web.Modules.Organization;
using Louyu.Web.Modules.PartyAffairs;
using Louyu.Web.Modules.Services;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Louyu.Web.Platform.Outbox;
using Louyu.Web.Platform.Problems;
using Louyu.Web.Platform.Realtime;
using Louyu.Web.Platform.Security;
using Louyu.Web.Platform.Web;
using Microsoft.AspNetCore.DataProtection;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

// Platform: what every module uses.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(
        System.Text.Unicode.UnicodeRanges.All
    )
);
builder.Services.AddHttpContextAccessor();
builder.Services.AddMemoryCache();
builder.Services.AddLouyuDatabase(config);
builder.Services.AddLouyuCalendar();
builder.Services.AddSingleton<DataFiles>();
builder
    .Services.AddDataProtection()
    .SetApplicationName("Louyu")
    .PersistKeysToDbContext<LouyuDbContext>();
builder.Services.AddSingleton(_ => PersonalDataProtector.FromConfiguration(config));
builder.Services.AddLouyuIdentity();
builder.Services.AddLouyuLocalization();
builder.Services.AddLouyuProblems();
builder.Services.AddLouyuRealtime(config);
builder.Services.AddLouyuOutbox(config);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddDbContextCheck<LouyuDbContext>("database");
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAntiforgery();

// The six integrations and party affairs online: each module adds itself.
builder.Services.AddOrganization();
builder.Services.AddPartyAffairs(builder.Configuration);
builder.Services.AddLearning();
builder.Services.AddServices(builder.Configuration);
builder.Services.AddCommunity();
builder.Services.AddActivities();
builder.Services.AddInsights();

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args))
    return;

await DatabaseInitializer.InitializeAsync(app.Services, DatabaseInitializer.DemoEnabled(config));

app.UseRequestLocalization();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseMiddleware<AdministratorTotpGate>();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference(
    "/api/docs",
    o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json")
);
app.MapHealthChecks("/health", HealthResponse.Options);
app.MapTokenEndpoint();
app.MapAccountEndpoints();
app.MapCultureSwitch();
app.MapLouyuRealtime();
app.MapNotifications();
app.MapHolidayEndpoints();

app.MapOrganization();
app.MapPartyAffairs();
app.MapLearning();
app.MapServices();
app.MapCommunity();
app.MapActivities();
app.MapInsights();

app.MapStaticAssets();
app.MapRazorComponents<App>();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("Louyu is running at {Urls}", string.Join(", ", app.Urls))
);
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
