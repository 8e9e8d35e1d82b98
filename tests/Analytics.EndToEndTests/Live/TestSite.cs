using System.Net;
using System.Text;
using Analytics.EndToEndTests.Infrastructure;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// A website of its own on another loopback port, as a customer's site is to the grid: every path answers
/// <see cref="Page"/> (a single-page app), so the tracker's requests to the API are cross-origin.
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public TestSite()
    {
        Origin = $"http://127.0.0.1:{FreePorts.Next()}";
        _listener.Prefixes.Add($"{Origin}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Origin { get; }

    /// <summary>The HTML every path answers (its origin is known first, so the grid can allow it).</summary>
    public string Page { get; set; } = "<!doctype html><title>empty</title>";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            var page = Encoding.UTF8.GetBytes(Page);
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength64 = page.Length;
            await response.OutputStream.WriteAsync(page);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
