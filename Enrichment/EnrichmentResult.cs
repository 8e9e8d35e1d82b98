using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment;

/// <summary>What ingestion learns about an event besides what the client sent.</summary>
/// <param name="IsBot">A crawler's or a headless browser's event: answered 202, counted as a bot's, kept out of every metric.</param>
public sealed record EnrichmentResult(Dimensions Dimensions, bool IsBot);
