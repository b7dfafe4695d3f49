using System.Text.Json.Serialization;

namespace Louyu.Web.Modules.Services.Features.Open311;

// The JSON shapes of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), field for field: outside clients
// rely on these names. Absent values are sent as null, never left out.

/// <summary>GET services.json: one service type.</summary>
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string? Keywords,
    [property: JsonPropertyName("group")] string Group
);

/// <summary>GET services/{code}.json: the service definition.</summary>
public sealed record Open311ServiceDefinition(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("attributes")] IReadOnlyList<Open311Attribute> Attributes
);

public sealed record Open311Attribute(
    [property: JsonPropertyName("variable")] bool Variable,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("datatype_description")] string? DatatypeDescription,
    [property: JsonPropertyName("order")] int Order,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("values")] IReadOnlyList<Open311Value> Values
);

public sealed record Open311Value(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("name")] string Name
);

/// <summary>POST requests.json: what was created.</summary>
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId
);

/// <summary>GET requests.json and requests/{id}.json: one service request (notes only in the single GET).</summary>
public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("agency_responsible")] string? AgencyResponsible,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime")] string? ExpectedDatetime,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("address_id")] string? AddressId,
    [property: JsonPropertyName("zipcode")] string? Zipcode,
    [property: JsonPropertyName("lat")] double? Lat,
    [property: JsonPropertyName("long")] double? Lng,
    [property: JsonPropertyName("media_url")] string? MediaUrl,
    [property: JsonPropertyName("notes")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<Open311Note>? Notes
);

/// <summary>
/// Our documented extension of a request: one public step of its history (internal notes never appear).
/// </summary>
public sealed record Open311Note(
    [property: JsonPropertyName("datetime")] string Datetime,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("description")] string? Description
);

/// <summary>Every Open311 error: <c>[{"code": 400, "description": "..."}]</c>.</summary>
public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description
);
