using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Grains.Notifications;

/// <summary>A notice to send: where, the JSON body, and the rule's secret the body is signed with.</summary>
internal sealed record Notice(string Site, string Rule, string Url, string Secret, string DeliveryId, byte[] Body)
{
    public const string SignatureHeader = "X-Analytics-Signature";
    public const string DeliveryHeader = "X-Analytics-Delivery";
    public const string TimestampHeader = "X-Analytics-Timestamp";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static Notice Of(NoticePayload payload, string url, string secret) =>
        new(payload.Site, payload.Rule, url, secret, payload.Delivery, JsonSerializer.SerializeToUtf8Bytes(payload, Json));

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the body, keyed with the rule's secret (as GitHub signs webhooks).</summary>
    public string Signature => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Secret), Body));
}

/// <summary>
/// The body of a notice. <c>threshold</c> is what <c>value</c> was compared with: the rule's number of visitors, or
/// <c>factor</c> × <c>lastWeek</c> (the page views of the same minute a week earlier).
/// </summary>
internal sealed record NoticePayload(
    string Delivery,
    string Site,
    string Rule,
    string Kind,
    long Value,
    double Threshold,
    long WindowStart,
    long WindowEnd,
    double? Factor,
    long? LastWeek,
    long NotifiedAt);
