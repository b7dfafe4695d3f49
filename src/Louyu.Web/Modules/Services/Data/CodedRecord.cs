namespace Louyu.Web.Modules.Services.Data;

/// <summary>A record the administrator edits by its stable code, with a <c>version</c> for concurrency.</summary>
public interface ICodedRecord
{
    Guid Id { get; set; }
    string Code { get; }
    int Version { get; set; }
}
