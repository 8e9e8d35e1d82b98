namespace Analytics.Api.Security;

/// <summary>
/// Keeps ASP.NET Core's "Request starting / finished" lines out of every log, whatever <c>Logging</c> says: they
/// print the whole URL, query string included, and SignalR and dashboard links carry keys there
/// (<c>?access_token=</c>, <c>?key=</c>). Request counts and durations are in <c>/metrics</c> instead.
/// </summary>
internal static class RequestUrlLogging
{
    private const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Adds a Warning floor for the category for every provider a rule names, and for all: a provider's own rule would
    /// otherwise beat a general one (<c>Logging:Console:LogLevel:Default=Trace</c>), and a later rule beats an earlier one.
    /// </summary>
    public static void Restrict(LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(rule => rule.ProviderName).Append(null).Distinct().ToList();
        foreach (var provider in providers) options.Rules.Add(new LoggerFilterRule(provider, Category, LogLevel.Warning, filter: null));
    }
}
