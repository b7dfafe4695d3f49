using System.Text.Json;

namespace Louyu.IntegrationTests.Infrastructure;

/// <summary>Reads a response body as JSON for assertions on exact field names (api.md uses camelCase).</summary>
public static class ResponseJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    /// <summary>The messages of one field of a validation problem.</summary>
    public static string[] FieldErrors(JsonElement problem, string field) =>
        [
            .. problem
                .GetProperty("errors")
                .GetProperty(field)
                .EnumerateArray()
                .Select(e => e.GetString() ?? ""),
        ];
}
