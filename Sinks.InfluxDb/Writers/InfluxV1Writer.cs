using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Writers;

/// <summary>
/// Writes through InfluxDB 1.x's <c>POST /write?db=&amp;rp=&amp;precision=ms</c> with a gzip body: the only
/// write API of InfluxDB 1.6/1.7 (Debian 12 ships 1.6.7), also served by 1.8 and VictoriaMetrics.
/// </summary>
public sealed class InfluxV1Writer : IInfluxWriter
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _path;
    private readonly string _target;
    private readonly TimeSpan _timeout;

    /// <param name="http">A client set up by <see cref="InfluxHttp.Configure"/>.</param>
    /// <param name="ownsHttp">Whether disposing the writer disposes the client.</param>
    public InfluxV1Writer(HttpClient http, InfluxDbOptions options, bool ownsHttp = false)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        _timeout = options.RequestTimeout;
        _path = $"write?db={Uri.EscapeDataString(options.Database)}&rp={Uri.EscapeDataString(options.RetentionPolicy)}&precision=ms";
        _target = $"database '{options.Database}' (retention policy '{options.RetentionPolicy}')";
    }

    public async Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _path) { Content = Compress(points) };
        using var response = await InfluxHttp.SendAsync(_http, request, _timeout, "a write", cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw InfluxErrors.ForWrite((int)response.StatusCode, InfluxErrors.ReadServerMessage(body), _target);
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private static ByteArrayContent Compress(IReadOnlyList<MetricPoint> points)
    {
        var text = LineProtocolWriter.AppendAll(new StringBuilder(points.Count * 128), points);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            foreach (var chunk in text.GetChunks())
                writer.Write(chunk.Span);
        }
        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
