namespace Louyu.Web.Platform.Web;

/// <summary>Reading an upload sent as multipart form data.</summary>
public static class FormFiles
{
    /// <summary>The form's field <c>file</c>; null when the request is not a form or has no such file.</summary>
    public static async Task<IFormFile?> FileAsync(HttpRequest request, CancellationToken ct) =>
        request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
}
