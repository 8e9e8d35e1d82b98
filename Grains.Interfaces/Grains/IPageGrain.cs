namespace Analytics.Grains.Interfaces.Grains;

/// <summary>
/// One page of one site (key <c>{site}{path}</c>): its final page views per second for the retention period.
/// Its site's reducer hands it complete minutes; recent and provisional seconds stay with the reducer.
/// </summary>
public interface IPageGrain : IGrainWithStringKey
{
    /// <summary>Stores complete minutes (again: the same minute twice is harmless) and saves before answering.</summary>
    Task Append(PageMinute[] minutes);

    /// <summary>The page's final 1 s windows with views, whose start lies in [from, to).</summary>
    Task<WindowAnswer[]> GetSeconds(long from, long to);
}

public static class PageKeys
{
    public static string Of(string site, string page) => site + page;
}
