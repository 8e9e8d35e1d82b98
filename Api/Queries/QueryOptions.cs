namespace Analytics.Api.Queries;

/// <summary>Bounds of the query API (configuration section <c>Query</c>).</summary>
public sealed class QueryOptions
{
    public const string Section = "Query";

    /// <summary>The most windows one answer may hold; a longer range is refused with a 400.</summary>
    public int MaxWindows { get; set; } = 10_000;

    /// <summary>The range answered when <c>from</c> is not given: this long before <c>to</c>.</summary>
    public TimeSpan DefaultRange { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most pages <c>top-pages</c> answers.</summary>
    public int MaxTopPages { get; set; } = 100;

    public IEnumerable<string> Problems()
    {
        if (MaxWindows is < 100 or > 1_000_000) yield return "Query:MaxWindows must be between 100 and 1000000";
        if (DefaultRange <= TimeSpan.Zero) yield return "Query:DefaultRange must be positive";
        if (MaxTopPages is < 1 or > 10_000) yield return "Query:MaxTopPages must be between 1 and 10000";
    }
}
