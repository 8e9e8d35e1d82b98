using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// An HTTP relay in front of InfluxDB that keeps every point InfluxDB accepted through it, so that a test sees each write,
/// also one a later write overwrote (InfluxDB keeps only the last point of a series and timestamp).
/// </summary>
public sealed class InfluxWriteRecorder : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _target;
    private readonly Task _loop;

    private InfluxWriteRecorder(string target, int port)
    {
        _target = target.TrimEnd('/');
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{Url}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    /// <summary>Each accepted point as its key (measurement, tags and timestamp) and its fields, in the order written.</summary>
    public ConcurrentQueue<(string Key, string Fields)> Accepted { get; } = new();

    public static InfluxWriteRecorder Start(string influxUrl) => new(influxUrl, FreePorts.Next());

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(context);
        }
    }

    private async Task RelayAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), _target + request.RawUrl);
        if (body.Length > 0)
        {
            forward.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is { } type) forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            if (request.Headers["Content-Encoding"] is { } encoding) forward.Content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        }
        try
        {
            using var answer = await _client.SendAsync(forward);
            var content = await answer.Content.ReadAsByteArrayAsync();
            if (answer.IsSuccessStatusCode && request.Url!.AbsolutePath == "/write") Keep(body.ToArray(), request.Headers["Content-Encoding"] == "gzip");
            context.Response.StatusCode = (int)answer.StatusCode;
            await context.Response.OutputStream.WriteAsync(content);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
        }
        context.Response.Close();
    }

    private void Keep(byte[] body, bool gzip)
    {
        using var input = gzip ? (Stream)new GZipStream(new MemoryStream(body), CompressionMode.Decompress) : new MemoryStream(body);
        using var reader = new StreamReader(input, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            // measurement,tags fields timestamp: the grid's sites and pages hold no spaces.
            var lastSpace = line.LastIndexOf(' ');
            var fieldsStart = line.LastIndexOf(' ', lastSpace - 1);
            Accepted.Enqueue((line[..fieldsStart] + line[lastSpace..], line[(fieldsStart + 1)..lastSpace]));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _client.Dispose();
    }
}
