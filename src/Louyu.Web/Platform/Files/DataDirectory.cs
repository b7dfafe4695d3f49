namespace Louyu.Web.Platform.Files;

/// <summary>Storage:DataDirectory — where uploaded files live (default: data/ of the working directory).</summary>
public static class DataDirectory
{
    public static string Resolve(IConfiguration config) =>
        config["Storage:DataDirectory"] is { Length: > 0 } d
            ? Path.GetFullPath(d)
            : Path.Combine(Directory.GetCurrentDirectory(), "data");
}
