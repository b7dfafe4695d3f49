using System.Text.Json;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Open311;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Louyu.Tests.Services;

/// <summary>The pure parts of the Open311 GeoReport v2 mapping: states, w3c datetimes, windows, names, attributes.</summary>
public sealed class Open311MappingTests
{
    [Theory]
    [InlineData(TicketStatus.Submitted, "open")]
    [InlineData(TicketStatus.SentBack, "open")]
    [InlineData(TicketStatus.InProgress, "open")]
    [InlineData(TicketStatus.AwaitingDocuments, "open")]
    [InlineData(TicketStatus.Replied, "open")]
    [InlineData(TicketStatus.Closed, "closed")]
    public void Every_state_but_closed_is_open(TicketStatus s, string expected) =>
        Assert.Equal(expected, Open311Mapping.Status(s));

    [Fact]
    public void Every_state_is_mapped() =>
        Assert.All(
            Enum.GetValues<TicketStatus>(),
            s => Assert.Contains(Open311Mapping.Status(s), new[] { "open", "closed" })
        );

    [Fact]
    public void Status_filter_values_cover_all_states_once()
    {
        var open = Open311Mapping.StatusesOf("open")!;
        var closed = Open311Mapping.StatusesOf(" CLOSED ")!;
        Assert.Equal([TicketStatus.Closed], closed);
        Assert.DoesNotContain(TicketStatus.Closed, open);
        Assert.Equal(Enum.GetValues<TicketStatus>().Length, open.Length + closed.Length);
        Assert.Null(Open311Mapping.StatusesOf("pending"));
    }

    [Fact]
    public void Times_go_out_in_Shanghai_with_the_offset()
    {
        Assert.Equal(
            "2026-11-27T09:30:05+08:00",
            Open311Mapping.W3c(new DateTime(2026, 11, 27, 1, 30, 5, DateTimeKind.Utc))
        );
        // 20:00 UTC is the next day in Shanghai.
        Assert.Equal(
            "2026-12-01T04:00:00+08:00",
            Open311Mapping.W3c(new DateTime(2026, 11, 30, 20, 0, 0, DateTimeKind.Utc))
        );
        Assert.Equal("2026-12-02T23:59:59+08:00", Open311Mapping.W3c(new DateOnly(2026, 12, 2)));
    }

    [Theory]
    [InlineData("2010-01-01T00:00:00Z", "2010-01-01T00:00:00")]
    [InlineData("2026-11-01T08:00:00+08:00", "2026-11-01T00:00:00")]
    [InlineData("1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30")]
    [InlineData("2026-11-01T08:00+08:00", "2026-11-01T00:00:00")]
    [InlineData("2026-11-01T08:00:00.5+08:00", "2026-11-01T00:00:00.5")]
    [InlineData("2026-11-01", "2026-10-31T16:00:00")] // a bare date: midnight in Shanghai
    public void W3c_datetimes_are_read_as_instants(string value, string utc) =>
        Assert.Equal(
            DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            Open311Mapping.ParseW3c(value)
        );

    [Theory]
    [InlineData("2026-11-01T00:00:00")] // a time without a zone designator
    [InlineData("01/11/2026")]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    [InlineData("2026-11-01 00:00:00+08:00")]
    public void Malformed_datetimes_are_refused(string value) =>
        Assert.Null(Open311Mapping.ParseW3c(value));

    [Fact]
    public void The_window_defaults_to_the_most_recent_90_days()
    {
        var now = new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal((now.AddDays(-90), now), Open311Mapping.Window(null, null, now));
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal((start, start.AddDays(90)), Open311Mapping.Window(start, null, now));
        var end = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal((end.AddDays(-90), end), Open311Mapping.Window(null, end, now));
        Assert.Equal((start, end), Open311Mapping.Window(start, end, now));
    }

    [Fact]
    public void Comma_lists_and_repeated_parameters_are_one_list() =>
        Assert.Equal(["a", "b", "c"], Open311Mapping.List(new StringValues(["a, b", "c,,a", " "])));

    [Theory]
    [InlineData("秋锁", "郑", "客户端", "郑秋锁")]
    [InlineData("John", "Smith", "client", "John Smith")]
    [InlineData("", "郑", "client", "郑")]
    [InlineData(null, null, "区政务服务 App", "区政务服务 App")]
    [InlineData("  ", " ", "区政务服务 App", "区政务服务 App")]
    public void The_filer_name_comes_from_first_and_last_name(
        string? first,
        string? last,
        string client,
        string expected
    ) => Assert.Equal(expected, Open311Mapping.FilerName(first, last, client));

    [Fact]
    public void List_values_are_read_from_the_stored_json()
    {
        var values = Open311Mapping.Values(
            """[{"key":"vat","name":"增值税"},{"key":2,"name":"企业所得税"},{"name":"no key"}]"""
        );
        Assert.Equal([new("vat", "增值税"), new("2", "企业所得税")], values);
        Assert.Empty(Open311Mapping.Values(null));
        Assert.Empty(Open311Mapping.Values("not json"));
        Assert.Empty(Open311Mapping.Values("""{"key":"x"}"""));
    }

    [Theory]
    [InlineData("Filed", "filed")]
    [InlineData("DocumentsRequested", "documents_requested")]
    [InlineData("SentBack", "sent_back")]
    public void Event_kinds_become_note_types(string kind, string type) =>
        Assert.Equal(type, Open311Mapping.NoteType(kind));

    [Fact]
    public void Attributes_are_read_from_the_form_and_lists_joined()
    {
        var form = new FormCollection(
            new Dictionary<string, StringValues>
            {
                ["attribute[tax_kind]"] = "vat",
                ["attribute[topics][]"] = new(["a", "b"]),
                ["attribute[topics]"] = "c",
                ["attribute[empty]"] = " ",
                ["attribute[]"] = "x",
                ["description"] = "not an attribute",
            }
        );
        var attributes = Open311Intake.Attributes(form);
        Assert.Equal("vat", attributes["tax_kind"]);
        Assert.Equal(
            ["a", "b", "c"],
            attributes["topics"].Split(',').Order(StringComparer.Ordinal)
        );
        Assert.Equal(2, attributes.Count);
    }

    [Fact]
    public void Idempotency_keys_are_namespaced_by_the_api_key()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.NotEqual(
            Open311Intake.StoredIdempotencyKey(a, "retry-1"),
            Open311Intake.StoredIdempotencyKey(b, "retry-1")
        );
        var stored = Open311Intake.StoredIdempotencyKey(a, new string('k', 64));
        Assert.True(stored.Length <= 100, stored);
        Assert.StartsWith("o311:", stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("attributes.tax_kind", "attribute[tax_kind]: 必填。")]
    [InlineData("serviceId", "service_code: 必填。")]
    [InlineData("filerEmail", "email: 必填。")]
    [InlineData("description", "description: 必填。")]
    public void Filing_errors_name_the_open311_parameter(string field, string expected) =>
        Assert.Equal(expected, Open311Intake.FieldMessage(field, "必填。"));

    [Fact]
    public void Json_field_names_follow_the_spec()
    {
        var request = new Open311Request(
            "GZ20261127-0001",
            "open",
            "办理中",
            "税务咨询",
            "tax-consult",
            "d",
            "税务",
            "n",
            "2026-11-27T09:00:00+08:00",
            "2026-11-27T09:00:00+08:00",
            null,
            "A座 1201",
            null,
            null,
            null,
            null,
            null,
            null
        );
        var json = JsonSerializer.SerializeToElement(request);
        string[] expected =
        [
            "service_request_id",
            "status",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "service_notice",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
            "address",
            "address_id",
            "zipcode",
            "lat",
            "long",
            "media_url",
        ];
        Assert.Equal(expected, json.EnumerateObject().Select(p => p.Name));
        var error = JsonSerializer.SerializeToElement(new Open311Error(403, "x"));
        Assert.Equal(403, error.GetProperty("code").GetInt32());
        Assert.Equal("x", error.GetProperty("description").GetString());
    }

    [Fact]
    public void Keys_are_random_and_only_their_hash_is_kept()
    {
        var a = Open311Keys.NewKey();
        var b = Open311Keys.NewKey();
        Assert.NotEqual(a, b);
        Assert.StartsWith("o311_", a, StringComparison.Ordinal);
        Assert.Equal(48, a.Length);
        Assert.Equal(64, Open311Keys.Hash(a).Length);
        Assert.Equal(Open311Keys.Hash(a), Open311Keys.Hash(a));
        Assert.Equal("o311_", Open311Keys.Prefix(a)[..5]);
        Assert.Equal(8, Open311Keys.Prefix(a).Length);
    }
}
