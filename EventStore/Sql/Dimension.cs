using Analytics.Enrichment;

namespace Analytics.EventStore.Sql;

/// <summary>How the store finds a dimension's value: stamped on every event of the session, derived from the session's page views, or the event's own.</summary>
internal enum DimensionScope
{
    /// <summary><c>source</c>, <c>utm_*</c>, <c>browser</c>, <c>os</c>, <c>device</c>, <c>country</c>: a column, the same on every event of a session.</summary>
    Stamped,

    /// <summary><c>entry_page</c>, <c>exit_page</c>: from the session's first or last page view, when the store is queried.</summary>
    SessionPages,

    /// <summary><c>page</c> and <c>prop:{key}</c>: the event's own value.</summary>
    Event,
}

/// <summary>A contract dimension resolved to where its value lives; <see cref="DimensionNames"/> names them.</summary>
internal sealed record Dimension(string Name, DimensionScope Scope, string? PropKey = null)
{
    private static readonly HashSet<string> Stamped =
    [
        DimensionNames.Source, DimensionNames.UtmSource, DimensionNames.UtmMedium, DimensionNames.UtmCampaign,
        DimensionNames.Browser, DimensionNames.Os, DimensionNames.Device, DimensionNames.Country,
    ];

    public static Dimension Parse(string dimension)
    {
        if (!DimensionNames.IsKnown(dimension)) throw new UnknownDimensionException(dimension);
        if (Stamped.Contains(dimension)) return new(dimension, DimensionScope.Stamped);
        if (dimension is DimensionNames.EntryPage or DimensionNames.ExitPage) return new(dimension, DimensionScope.SessionPages);
        if (dimension == DimensionNames.Page) return new(dimension, DimensionScope.Event);
        return new(dimension, DimensionScope.Event, dimension[DimensionNames.PropPrefix.Length..]);
    }
}
