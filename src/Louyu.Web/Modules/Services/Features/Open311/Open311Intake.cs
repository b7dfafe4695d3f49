using System.Globalization;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace Louyu.Web.Modules.Services.Features.Open311;

/// <summary>
/// POST /open311/v2/requests.json (GeoReport v2 "POST Service Request"), form-urlencoded: checks the key (403), the
/// service (400 missing / 404 unknown), the location (address_string, address_id, or lat and long — at least one,
/// as the spec asks), the lengths (description ≤ 4,000 characters) and hands the ticket to the workstation's filing
/// service (channel Open311), which checks the attributes and files it once per Idempotency-Key.
/// </summary>
public static class Open311Intake
{
    /// <summary>Idempotency-Key header: at most this many characters (namespaced per key when stored).</summary>
    public const int MaxIdempotencyKey = 64;

    public static async Task<IResult> PostAsync(
        HttpContext ctx,
        Open311Keys keys,
        Open311Queries queries,
        TicketFiling filing,
        LouyuDbContext db,
        IStringLocalizer<SharedResource> text,
        CancellationToken ct
    )
    {
        if (!ctx.Request.HasFormContentType)
            return Open311Endpoints.Error(400, text["Open311.Error.FormExpected"].Value);
        IFormCollection form;
        try
        {
            form = await ctx.Request.ReadFormAsync(ct);
        }
        catch (Exception e)
            when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Open311Endpoints.Error(400, text["Open311.Error.MalformedForm"].Value);
        }

        var key = await keys.FindActiveAsync(form["api_key"].LastOrDefault(), ct);
        if (key is null)
            return Open311Endpoints.Error(403, text["Open311.Error.ApiKey"].Value);

        var code = form["service_code"].LastOrDefault()?.Trim();
        if (string.IsNullOrEmpty(code))
            return Open311Endpoints.Error(400, text["Open311.Error.ServiceCodeMissing"].Value);
        var service = await queries.ActiveServiceAsync(code, ct);
        if (service is null)
            return Open311Endpoints.Error(404, text["Open311.Error.UnknownService", code].Value);

        var errors = new List<string>();
        string? Field(string name, int max)
        {
            var v = form[name].LastOrDefault()?.Trim();
            if (string.IsNullOrEmpty(v))
                return null;
            if (v.Length > max)
            {
                errors.Add(text["Open311.Error.TooLong", name, max].Value);
                return null;
            }
            return v;
        }

        // The description keeps its line breaks; only the ends are trimmed.
        var description = form["description"].LastOrDefault()?.Trim() ?? "";
        if (description.Length > Open311Mapping.MaxDescription)
            errors.Add(
                text[
                    "Open311.Error.DescriptionTooLong",
                    Open311Mapping.MaxDescription,
                    description.Length
                ].Value
            );
        else if (description.Length == 0)
            errors.Add(text["Open311.Error.DescriptionMissing"].Value);
        var address = Field("address_string", 300);
        var addressId = Field("address_id", 100);
        var lat = Coordinate(form["lat"], "lat", 90, errors, text);
        var lng = Coordinate(form["long"], "long", 180, errors, text);
        if (lat.HasValue != lng.HasValue)
            errors.Add(text["Open311.Error.LatLongPair"].Value);
        if (address is null && addressId is null && !(lat.HasValue && lng.HasValue))
            errors.Add(text["Open311.Error.LocationMissing"].Value);
        var email = Field("email", 200);
        var phone = Field("phone", 40);
        var firstName = Field("first_name", 50);
        var lastName = Field("last_name", 50);
        var deviceId = Field("device_id", 100);
        var accountId = Field("account_id", 100);
        var mediaUrl = Field("media_url", 1000);
        if (
            mediaUrl is not null
            && !(
                Uri.TryCreate(mediaUrl, UriKind.Absolute, out var media)
                && (media.Scheme == Uri.UriSchemeHttp || media.Scheme == Uri.UriSchemeHttps)
            )
        )
            errors.Add(text["Open311.Error.MediaUrl"].Value);
        var idempotency = ctx.Request.Headers["Idempotency-Key"].LastOrDefault()?.Trim();
        if (idempotency is { Length: > MaxIdempotencyKey })
            errors.Add(text["Open311.Error.IdempotencyKey", MaxIdempotencyKey].Value);
        if (errors.Count > 0)
            return Open311Endpoints.Errors(400, errors);

        var result = await filing.FileAsync(
            new FileTicket(
                service.Id,
                description,
                TicketChannel.Open311,
                null,
                Open311Mapping.FilerName(firstName, lastName, key.ClientName),
                phone,
                email,
                address,
                null,
                null,
                Attributes(form),
                string.IsNullOrEmpty(idempotency) ? null : StoredIdempotencyKey(key.Id, idempotency)
            ),
            ct
        );
        if (result.Ticket is not { } filed)
            return Open311Endpoints.Errors(
                400,
                result.Errors.SelectMany(e => e.Value.Select(m => FieldMessage(e.Key, m)))
            );
        if (!filed.AlreadyFiled)
        {
            db.Add(
                new Open311RequestInfo
                {
                    TicketId = filed.Id,
                    ApiKeyId = key.Id,
                    Lat = lat,
                    Lng = lng,
                    AddressId = addressId,
                    MediaUrl = mediaUrl,
                    DeviceId = deviceId,
                    AccountId = accountId,
                }
            );
            await db.SaveChangesAsync(ct);
        }
        await keys.NoteUseAsync(key.Id, ct);
        return TypedResults.Json(
            new[]
            {
                new Open311Created(filed.Number, queries.ServiceNotice(filed.DueOn), accountId),
            }
        );
    }

    /// <summary>
    /// The stored idempotency key: the client's key namespaced by the API key, so that two clients choosing the same
    /// key never see each other's ticket (e.g. "o311:1a2b3c4d5e6f7a8b:retry-42").
    /// </summary>
    public static string StoredIdempotencyKey(Guid apiKeyId, string clientKey) =>
        $"o311:{apiKeyId:N}"[..21] + ":" + clientKey;

    /// <summary>
    /// attribute[code]=value (GeoReport v2); a multivaluelist may repeat the parameter or send attribute[code][] —
    /// its keys are joined with commas.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Attributes(IFormCollection form)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            if (!name.StartsWith("attribute[", StringComparison.Ordinal))
                continue;
            var close = name.IndexOf(']', 10);
            if (close <= 10)
                continue;
            var code = name[10..close];
            var list = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());
            var joined = string.Join(",", list);
            if (joined.Length == 0)
                continue;
            result[code] = result.TryGetValue(code, out var before)
                ? before + "," + joined
                : joined;
        }
        return result;
    }

    private static double? Coordinate(
        StringValues values,
        string name,
        double limit,
        List<string> errors,
        IStringLocalizer<SharedResource> text
    )
    {
        var v = values.LastOrDefault()?.Trim();
        if (string.IsNullOrEmpty(v))
            return null;
        if (
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && Math.Abs(d) <= limit
        )
            return d;
        errors.Add(text["Open311.Error.BadCoordinate", name, v].Value);
        return null;
    }

    /// <summary>The filing service's field names as the Open311 parameters a client sent.</summary>
    public static string FieldMessage(string field, string message)
    {
        var name = field switch
        {
            "serviceId" => "service_code",
            "description" => "description",
            "filerName" => "first_name/last_name",
            "filerPhone" => "phone",
            "filerEmail" => "email",
            "address" => "address_string",
            "idempotencyKey" => "Idempotency-Key",
            _ when field.StartsWith("attributes.", StringComparison.Ordinal) =>
                $"attribute[{field["attributes.".Length..]}]",
            _ => field,
        };
        return $"{name}: {message}";
    }
}
