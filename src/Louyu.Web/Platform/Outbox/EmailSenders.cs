using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Louyu.Web.Platform.Outbox;

/// <summary>Sends one e-mail (called by the outbox dispatcher only, after commit).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailPayload mail, CancellationToken ct);
}

/// <summary>
/// Email:From (default "Louyu &lt;noreply@louyu.local&gt;"); Email:Smtp:Host, Port (25), UserName, Password,
/// Security (None | StartTls | SslOnConnect | Auto; default Auto); Email:PickupDirectory (default data/mail).
/// </summary>
public sealed class EmailOptions
{
    public string From { get; set; } = "楼宇党建 <noreply@louyu.local>";
    public SmtpOptions Smtp { get; set; } = new();
    public string? PickupDirectory { get; set; }

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string Security { get; set; } = "Auto";
    }

    public static MimeMessage Compose(EmailOptions o, EmailPayload mail)
    {
        var m = new MimeMessage();
        m.From.Add(MailboxAddress.Parse(o.From));
        m.To.Add(MailboxAddress.Parse(mail.To));
        m.Subject = mail.Subject;
        m.Body = new TextPart("plain") { Text = mail.Body };
        return m;
    }
}

/// <summary>SMTP through MailKit, used when Email:Smtp:Host is set.</summary>
public sealed class SmtpEmailSender(Microsoft.Extensions.Options.IOptions<EmailOptions> options)
    : IEmailSender
{
    public async Task SendAsync(EmailPayload mail, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        client.Timeout = 30_000;
        var security = Enum.TryParse<SecureSocketOptions>(o.Smtp.Security, true, out var s)
            ? s
            : SecureSocketOptions.Auto;
        await client.ConnectAsync(o.Smtp.Host!, o.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(o.Smtp.UserName))
            await client.AuthenticateAsync(o.Smtp.UserName, o.Smtp.Password ?? "", ct);
        await client.SendAsync(EmailOptions.Compose(o, mail), ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Without SMTP configured: each message becomes an .eml file in the pickup directory.</summary>
public sealed class PickupDirectoryEmailSender(
    Microsoft.Extensions.Options.IOptions<EmailOptions> options,
    IConfiguration config
) : IEmailSender
{
    public string Directory =>
        options.Value.PickupDirectory is { Length: > 0 } d
            ? d
            : Path.Combine(Files.DataDirectory.Resolve(config), "mail");

    public async Task SendAsync(EmailPayload mail, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(
            Directory,
            $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml"
        );
        await EmailOptions.Compose(options.Value, mail).WriteToAsync(path, ct);
    }
}
