namespace Analytics.Enrichment.Bots;

/// <summary>
/// Headless browsers that name themselves. The crawler list covers HeadlessChrome, PhantomJS, Playwright, Puppeteer and
/// Selenium (tag <c>browser-automation</c>); these are the ones it lacks. Chrome's newer headless mode sends an
/// ordinary Chrome user agent and cannot be told from a person's browser by its user agent.
/// </summary>
internal static class HeadlessBrowsers
{
    public static readonly IReadOnlyList<string> Patterns =
    [
        @"HeadlessEdg/",    // Edge started with --headless
        @"SlimerJS",        // PhantomJS's Firefox sibling
        @"\bjsdom/",        // the DOM of Node test runners and scrapers
    ];
}
