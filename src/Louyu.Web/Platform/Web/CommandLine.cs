using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Louyu.Web.Platform.Web;

/// <summary>
/// <c>dotnet Louyu.Web.dll migrate</c> applies the migrations and exits;
/// <c>dotnet Louyu.Web.dll create-admin --username NAME --password PASSWORD [--name DISPLAY]</c> creates an
/// administrator (outside demo mode no account has a known password). The administrator enrols TOTP at first login.
/// </summary>
public static class CommandLine
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0)
            return false;
        switch (args[0])
        {
            case "migrate":
                await DatabaseInitializer.InitializeAsync(app.Services, seed: false);
                Console.WriteLine("Database migrated.");
                return true;
            case "create-admin":
                Environment.ExitCode = await CreateAdminAsync(app, args);
                return true;
            default:
                return false;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var userName = Option(args, "--username");
        var password =
            Option(args, "--password")
            ?? Environment.GetEnvironmentVariable("LOUYU_ADMIN_PASSWORD");
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine(
                "usage: create-admin --username NAME --password PASSWORD [--name DISPLAY]  (or LOUYU_ADMIN_PASSWORD)"
            );
            return 2;
        }
        await DatabaseInitializer.InitializeAsync(app.Services, seed: false);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdministratorAccounts>();
        var errors = await accounts.CreateAsync(
            userName,
            Option(args, "--name") ?? userName,
            password
        );
        if (errors.Count > 0)
        {
            foreach (var e in errors)
                Console.Error.WriteLine(e);
            return 1;
        }
        Console.WriteLine(
            $"Administrator '{userName}' created. Enrol the authenticator (TOTP) at the first login."
        );
        return 0;
    }
}
