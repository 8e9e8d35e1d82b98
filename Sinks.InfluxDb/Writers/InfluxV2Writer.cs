using System.Text;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;

namespace Analytics.Sinks.InfluxDb.Writers;

/// <summary>
/// Writes through <c>/api/v2/write</c> with InfluxDB.Client (InfluxDB 1.8+, 2.x, 3.x, VictoriaMetrics). The
/// lines are ours, so both write paths share one escaping and one set of rules; the client's own batching
/// and retries are not used (the sink does both), only its asynchronous, gzip-compressed write call.
/// </summary>
public sealed class InfluxV2Writer : IInfluxWriter
{
    // InfluxDB 1.8 ignores the organization, and the client refuses an empty one: '-' is the documented filler.
    private const string NoOrganization = "-";

    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly string _bucket;
    private readonly string _organization;
    private readonly TimeSpan _timeout;

    public InfluxV2Writer(InfluxDbOptions options)
    {
        _bucket = options.BucketName;
        _organization = options.Organization.Length > 0 ? options.Organization : NoOrganization;
        _timeout = options.RequestTimeout;
        var clientOptions = new InfluxDBClientOptions(options.Url)
        {
            Org = _organization,
            Bucket = _bucket,
            Timeout = options.RequestTimeout,
        };
        if (options.Token.Length > 0)
            clientOptions.Token = options.Token;
        _client = new InfluxDBClient(clientOptions);
        _client.EnableGzip();
        _writeApi = _client.GetWriteApiAsync();
    }

    public async Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken)
    {
        var lines = new string[points.Count];
        var line = new StringBuilder(256);
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = LineProtocolWriter.Append(line.Clear(), points[i]).ToString();
        }
        try
        {
            await _writeApi.WriteRecordsAsync(lines, WritePrecision.Ms, _bucket, _organization, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The client wraps a cancelled request in its own exception; callers expect plain cancellation.
            throw new OperationCanceledException(cancellationToken);
        }
        catch (HttpException e) when (e.Status > 0)
        {
            throw InfluxErrors.ForWrite(e.Status, e.Message, $"bucket '{_bucket}'");
        }
        catch (Exception e) when (e is OperationCanceledException || e.InnerException is OperationCanceledException)
        {
            throw InfluxErrors.TimedOut("a write", _timeout);
        }
        catch (Exception e) when (e is HttpException or HttpRequestException or IOException)
        {
            throw InfluxErrors.Unreachable("a write", e);
        }
    }

    public void Dispose() => _client.Dispose();
}
