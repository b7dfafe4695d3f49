namespace Louyu.Web.Platform.Outbox;

public static class OutboxSetup
{
    public static IServiceCollection AddLouyuOutbox(
        this IServiceCollection services,
        IConfiguration config
    )
    {
        services.Configure<OutboxOptions>(config.GetSection("Outbox"));
        services.Configure<EmailOptions>(config.GetSection("Email"));
        services.AddScoped<OutboxWriter>();
        services.AddScoped<Notifications.Notifier>();
        if (!string.IsNullOrWhiteSpace(config["Email:Smtp:Host"]))
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
