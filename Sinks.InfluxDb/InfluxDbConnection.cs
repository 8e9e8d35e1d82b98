using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Schema;
using Analytics.Sinks.InfluxDb.Sink;
using Analytics.Sinks.InfluxDb.Writers;
using Microsoft.Extensions.Logging;

namespace Analytics.Sinks.InfluxDb;

/// <summary>
/// The pieces that talk to one InfluxDB server, built from one <see cref="InfluxDbOptions"/>: the write path
/// chosen by <see cref="InfluxDbOptions.ApiVersion"/>, the InfluxQL client and (API 1 with
/// <see cref="InfluxDbOptions.CreateSchema"/>) the schema bootstrapper. Owns what it creates.
/// </summary>
public sealed class InfluxDbConnection : IDisposable
{
    private readonly InfluxDbOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="http">A client set up by <see cref="InfluxHttp.Configure"/> (from IHttpClientFactory); null creates one.</param>
    public InfluxDbConnection(InfluxDbOptions options, HttpClient? http = null, ILoggerFactory? loggerFactory = null)
    {
        InfluxDbOptionsValidator.ThrowIfInvalid(options);
        _options = options;
        _loggerFactory = loggerFactory;
        _ownsHttp = http is null;
        _http = http ?? InfluxHttp.CreateClient(options);
        Query = new InfluxQueryClient(_http, options);
        Writer = options.ApiVersion == 1 ? new InfluxV1Writer(_http, options) : new InfluxV2Writer(options);
        if (options.ApiVersion == 1 && options.CreateSchema)
            Schema = new InfluxSchemaBootstrapper(Query, options, loggerFactory?.CreateLogger<InfluxSchemaBootstrapper>());
    }

    public IInfluxWriter Writer { get; }

    /// <summary>InfluxQL over <c>/query</c>: InfluxDB 1.x, or 2.x's compatibility API. VictoriaMetrics has none.</summary>
    public InfluxQueryClient Query { get; }

    /// <summary>Null unless API 1 with <see cref="InfluxDbOptions.CreateSchema"/>.</summary>
    public InfluxSchemaBootstrapper? Schema { get; }

    /// <summary>A sink over this connection; the caller starts, stops and disposes it, and disposes it before the connection.</summary>
    public InfluxSink CreateSink(IInfluxSinkObserver? observer = null, TimeProvider? timeProvider = null) =>
        new(Writer, _options, Schema, observer, _loggerFactory, timeProvider);

    public void Dispose()
    {
        Writer.Dispose();
        if (_ownsHttp)
            _http.Dispose();
    }
}
