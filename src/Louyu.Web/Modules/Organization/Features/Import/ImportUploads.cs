namespace Louyu.Web.Modules.Organization.Features.Import;

/// <summary>
/// Uploaded files kept between the preview and the import on the import page: a temporary file per upload, named
/// by a random token and bound to the user who uploaded it; removed after the import or after an hour.
/// </summary>
public sealed class ImportUploads
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "louyu-imports");

    public async Task<string> SaveAsync(
        Stream content,
        string userId,
        string kind,
        CancellationToken ct
    )
    {
        Directory.CreateDirectory(_folder);
        Sweep();
        var token = Guid.NewGuid().ToString("N");
        await using (var file = File.Create(DataPath(token)))
            await content.CopyToAsync(file, ct);
        await File.WriteAllTextAsync(OwnerPath(token), $"{userId}\n{kind}", ct);
        return token;
    }

    /// <summary>The upload, when the token is well-formed, exists and belongs to this user and kind.</summary>
    public Stream? Open(string? token, string userId, string kind)
    {
        if (token is null || !Guid.TryParseExact(token, "N", out _))
            return null;
        var owner = OwnerPath(token);
        if (!File.Exists(owner) || !File.Exists(DataPath(token)))
            return null;
        var lines = File.ReadAllLines(owner);
        if (lines.Length < 2 || lines[0] != userId || lines[1] != kind)
            return null;
        return File.OpenRead(DataPath(token));
    }

    public void Delete(string token)
    {
        if (!Guid.TryParseExact(token, "N", out _))
            return;
        File.Delete(DataPath(token));
        File.Delete(OwnerPath(token));
    }

    private string DataPath(string token) => Path.Combine(_folder, token + ".xlsx");

    private string OwnerPath(string token) => Path.Combine(_folder, token + ".owner");

    private void Sweep()
    {
        foreach (var f in Directory.EnumerateFiles(_folder))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > Lifetime)
                    File.Delete(f);
            }
            catch (IOException)
            {
                // In use by a running import; the next sweep takes it.
            }
        }
    }
}
