using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Analytics.FunctionalTests.Notifications;

/// <summary>A site owner's webhook on loopback: records every POST and answers each with the status <c>status(n)</c> gives the n-th (1-based).</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, int> _status;
    private int _count;

    private WebhookReceiver(Func<int, int> status)
    {
        _status = status;
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public static WebhookReceiver Start(Func<int, int>? status = null) => new(status ?? (_ => 200));

    public IReadOnlyList<Received> To(string path) => [.. Requests.Where(r => r.Path == "/" + path)];

    /// <summary>A port nothing listens on (a receiver that is down).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var request = context.Request;
            Requests.Enqueue(new Received(request.Url!.AbsolutePath, body.ToArray(), request.Headers["X-Analytics-Signature"],
                request.Headers["X-Analytics-Delivery"], request.Headers["X-Analytics-Timestamp"]));
            context.Response.StatusCode = _status(Interlocked.Increment(ref _count));
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

public sealed record Received(string Path, byte[] Body, string? Signature, string? Delivery, string? Timestamp);

/// <summary>A receiver that accepts connections and never answers: every POST to it waits for the sender's timeout.</summary>
public sealed class SilentReceiver : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _held = [];

    public SilentReceiver()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true) _held.Add(await _listener.AcceptTcpClientAsync());
            }
            catch (Exception)
            {
                // Stopped.
            }
        });
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public int Connections => _held.Count;

    public void Dispose()
    {
        _listener.Stop();
        foreach (var client in _held) client.Dispose();
    }
}
