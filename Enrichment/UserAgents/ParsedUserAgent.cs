using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.UserAgents;

/// <summary>What a user agent says about the visitor's software and device, as dimension values.</summary>
public sealed record ParsedUserAgent(string Browser, string Os, string Device)
{
    /// <summary>No user agent, or one that could not be read in time.</summary>
    public static readonly ParsedUserAgent Unknown = new(Dimensions.None, Dimensions.None, Dimensions.None);
}
