using Analytics.Grains.Interfaces.Events;

namespace Analytics.Reference;

/// <summary>
/// Audience for a reference log: each visitor keeps one browser, OS, device and country; each event brings its own
/// source and campaign (a visit's later pages mostly come from the site itself), custom events a name, some events
/// props. The dimensions are set on the events as ingestion would have derived them, and also given by name for
/// <see cref="ReferenceBreakdown"/>.
/// </summary>
public static class AudienceLogs
{
    private static readonly string[] Sources = ["Google", "Bing", "Facebook", "news.example.org", "Direct / None", "Direct / None"];
    private static readonly string[] Campaigns = ["(none)", "(none)", "winter", "spring"];
    private static readonly (string Browser, string Os, string Device)[] Devices =
        [("Chrome", "Windows", "desktop"), ("Mobile Safari", "iOS", "mobile"), ("Firefox", "Ubuntu", "desktop"), ("Chrome", "Android", "tablet")];
    private static readonly string[] Countries = ["DE", "FR", "US", "(none)"];
    private static readonly string[] Plans = ["free", "pro", "team"];

    public static List<AnalyticsEvent> WithAudience(IEnumerable<AnalyticsEvent> events, int seed)
    {
        var random = new Random(seed);
        return [.. events.Select(e =>
        {
            var visitor = new Random(HashCode.Combine(e.Site.GetHashCode(StringComparison.Ordinal), e.Visitor.GetHashCode(StringComparison.Ordinal), seed));
            var (browser, os, device) = Devices[visitor.Next(Devices.Length)];
            var country = Countries[visitor.Next(Countries.Length)];
            var source = Sources[random.Next(Sources.Length)];
            var campaign = source == "Direct / None" ? "(none)" : Campaigns[random.Next(Campaigns.Length)];
            var medium = campaign == "(none)" ? "(none)" : "email";
            var utmSource = campaign == "(none)" ? "(none)" : "newsletter";
            var props = random.Next(4) == 0 ? new Dictionary<string, PropertyValue> { ["plan"] = PropertyValue.Of(Plans[random.Next(Plans.Length)]) } : null;
            return e with
            {
                Dimensions = new Dimensions(source, utmSource, medium, campaign, browser, os, device, country),
                Name = e.Type == EventType.Custom ? (random.Next(2) == 0 ? "signup" : "download") : null,
                Props = props,
            };
        })];
    }

    /// <summary>The event as <see cref="ReferenceBreakdown"/> reads it: its own dimensions by their contract names.</summary>
    public static AudienceEvent AsAudienceEvent(AnalyticsEvent e) => new(
        e.Site, e.Id, e.Type, e.Timestamp, e.Visitor, e.Page,
        e.Props?.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        new Dictionary<string, string>
        {
            ["source"] = e.Dimensions.Source, ["utm_source"] = e.Dimensions.UtmSource, ["utm_medium"] = e.Dimensions.UtmMedium,
            ["utm_campaign"] = e.Dimensions.UtmCampaign, ["browser"] = e.Dimensions.Browser, ["os"] = e.Dimensions.Os,
            ["device"] = e.Dimensions.Device, ["country"] = e.Dimensions.Country,
        },
        e.Name, e.Value);
}
