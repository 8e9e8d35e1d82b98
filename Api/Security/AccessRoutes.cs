namespace Analytics.Api.Security;

/// <summary>
/// Which requests need a key once keys are configured: every route of this host but the few below. A route added
/// later is protected without anyone remembering to protect it.
/// </summary>
public static class AccessRoutes
{
    /// <summary>
    /// Routes that stay open. Ingestion, because the tracker runs on the sites' pages, in their visitors' browsers,
    /// where no secret can be kept (it is limited by origin and rate instead). Health, because Kubernetes probes and
    /// load balancers carry no key. Metrics, because Prometheus scrapes without one, and they hold counts, not data.
    /// </summary>
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase)
    {
        "/api/events", "/health/live", "/health/ready", "/metrics",
    };

    /// <summary>
    /// Pages a browser opens by link (<c>/orleans?key=…</c>): they load scripts and call routes of their own that cannot
    /// carry the key, so a key in their link earns a cookie, accepted on these pages only.
    /// </summary>
    private static readonly PathString[] BrowserPages = ["/orleans", "/scalar", "/openapi"];

    /// <summary>
    /// True when a request needs a key. Only routes are protected: the built web dashboard's static files (and
    /// <c>/tracker.js</c>) are public code; the data they show comes from the query API and the hub, which need a key.
    /// The 405 answers routing makes for a wrong method carry no data either.
    /// </summary>
    public static bool NeedsKey(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint route && !IsOpen(route.RoutePattern.RawText ?? "");

    /// <summary>True for a route pattern that stays open (for documents that describe routes, such as OpenAPI).</summary>
    public static bool IsOpen(string routePattern) => Open.Contains(routePattern);

    public static bool IsBrowserPage(PathString path) => BrowserPages.Any(path.StartsWithSegments);
}
