namespace Louyu.Web.Platform.Data;

/// <summary>
/// Files kept beside the database under the data directory (<c>Storage:DataDirectory</c>; default <c>data/</c> of the
/// working directory, where the SQLite file lives): uploaded documents, by module and record. Paths are relative and
/// built by the app from ids, never from user input.
/// </summary>
public sealed class DataFiles(IConfiguration config)
{
    public string Root { get; } = Files.DataDirectory.Resolve(config);

    public async Task SaveAsync(string relative, Stream content, CancellationToken ct)
    {
        var path = Full(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        await using (var file = File.Create(temp))
            await content.CopyToAsync(file, ct);
        File.Move(temp, path, overwrite: true);
    }

    public Stream? OpenRead(string relative)
    {
        var path = Full(relative);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    public void Delete(string relative)
    {
        var path = Full(relative);
        if (File.Exists(path))
            File.Delete(path);
    }

    private string Full(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        if (!path.StartsWith(Root, StringComparison.Ordinal))
            throw new ArgumentException("Path outside the data directory", nameof(relative));
        return path;
    }
}
