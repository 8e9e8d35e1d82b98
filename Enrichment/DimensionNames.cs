namespace Analytics.Enrichment;

/// <summary>
/// The breakdown dimensions of the contract (METRICS.md §3b and §5), named once. The API's routes, the dashboard
/// generation and the load generator take the names from here, so a dimension is spelled the same everywhere.
/// </summary>
public static class DimensionNames
{
    public const string Source = "source";
    public const string UtmSource = "utm_source";
    public const string UtmMedium = "utm_medium";
    public const string UtmCampaign = "utm_campaign";
    public const string Page = "page";
    public const string EntryPage = "entry_page";
    public const string ExitPage = "exit_page";
    public const string Browser = "browser";
    public const string Os = "os";
    public const string Device = "device";
    public const string Country = "country";

    /// <summary>Event properties are dimensions too, one per key: <c>prop:plan</c>.</summary>
    public const string PropPrefix = "prop:";

    /// <summary>Every dimension with a fixed name, in the order the contract lists them; <c>prop:{key}</c> comes on top.</summary>
    public static readonly IReadOnlyList<string> All =
        [Source, UtmSource, UtmMedium, UtmCampaign, Page, EntryPage, ExitPage, Browser, Os, Device, Country];

    /// <summary>
    /// How the dashboard groups the dimensions into panels, each a table with a tab per dimension; the countries panel
    /// shows only where a country database is configured.
    /// </summary>
    public static readonly IReadOnlyList<(string Panel, IReadOnlyList<string> Dimensions)> Panels =
    [
        ("sources", [Source, UtmSource, UtmMedium, UtmCampaign]),
        ("pages", [Page, EntryPage, ExitPage]),
        ("devices", [Browser, Os, Device]),
        ("countries", [Country]),
    ];

    public static string Prop(string key) => PropPrefix + key;

    /// <summary>True for a name of <see cref="All"/> and for <c>prop:</c> followed by a key the contract allows.</summary>
    public static bool IsKnown(string? dimension) =>
        dimension is not null
        && (All.Contains(dimension)
            || (dimension.StartsWith(PropPrefix, StringComparison.Ordinal)
                && dimension.Length - PropPrefix.Length is >= 1 and <= Grains.Interfaces.Events.EventRules.PropKeyMaxLength));
}
