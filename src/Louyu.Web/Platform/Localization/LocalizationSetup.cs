using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Louyu.Web.Platform.Localization;

/// <summary>
/// zh-CN by default, en-US complete. Pages follow the user's choice (a cookie set by the language switch);
/// the API follows <c>Accept-Language</c> as well, so clients get messages in their language.
/// </summary>
public static class LocalizationSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static IServiceCollection AddLouyuLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
        return services;
    }

    /// <summary>Accept-Language counts for API calls only: the pages are Chinese until the user switches.</summary>
    private sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(
            HttpContext httpContext
        ) =>
            Identity.IdentitySetup.IsApi(httpContext.Request)
                ? base.DetermineProviderCultureResult(httpContext)
                : Task.FromResult<ProviderCultureResult?>(null);
    }

    /// <summary>GET /culture/set?culture=en-US&amp;returnUrl=/dashboard — the language switch.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet(
                "/culture/set",
                (string? culture, string? returnUrl, HttpContext ctx) =>
                {
                    var chosen = Cultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "zh-CN";
                    ctx.Response.Cookies.Append(
                        CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                        new CookieOptions
                        {
                            Expires = DateTimeOffset.UtcNow.AddYears(1),
                            IsEssential = true,
                            SameSite = SameSiteMode.Lax,
                        }
                    );
                    var target =
                        !string.IsNullOrEmpty(returnUrl)
                        && returnUrl.StartsWith('/')
                        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                            ? returnUrl
                            : "/";
                    return Results.LocalRedirect(target);
                }
            )
            .ExcludeFromDescription();
    }
}
