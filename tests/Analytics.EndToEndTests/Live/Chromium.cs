using Analytics.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// Debian's Chromium (<c>apt-get install -y chromium</c>), headless, driven by Playwright's bundled driver: no
/// browser is ever downloaded. <c>CHROMIUM</c> points at another build. Pages get one locale and time zone, so
/// the numbers they format read the same on every machine. Pages present a desktop Chrome's user agent: headless
/// Chromium names itself HeadlessChrome, and ingestion keeps headless browsers' events out of every metric as bots'.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    /// <summary>What a desktop Chrome on Linux sends; the test pages' events must count like a visitor's.</summary>
    public const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Chromium> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(path), $"no Chromium at {path}: install it (apt-get install -y chromium; deploy/test.sh does) or set CHROMIUM");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            // Root in a container has no user namespaces for the sandbox; the rest keeps Chromium off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A page in a fresh context (its own storage), and the errors it reports while the test runs.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US",
            UserAgent = UserAgent,
            TimezoneId = "UTC",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (errors) errors.Add($"console: {message.Text}");
        };
        page.PageError += (_, error) =>
        {
            lock (errors) errors.Add($"page: {error}");
        };
        return (page, errors);
    }

    /// <summary>Saves the whole page under TestResults/screenshots of the repository and returns the file's path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
