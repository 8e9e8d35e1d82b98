using System.Net.Http.Headers;
using System.Text;
using Analytics.Sinks.InfluxDb.Errors;

namespace Analytics.Sinks.InfluxDb.Writers;

/// <summary>Sets up the HttpClient shared by the API 1 writer and the query client.</summary>
public static class InfluxHttp
{
    /// <summary>The name of the client registered with IHttpClientFactory.</summary>
    public const string ClientName = "Analytics.Sinks.InfluxDb";

    /// <summary>A client of its own, for use without dependency injection.</summary>
    public static HttpClient CreateClient(InfluxDbOptions options)
    {
        var client = new HttpClient(CreateHandler());
        Configure(client, options);
        return client;
    }

    /// <summary>The handler under every client: pooled connections that are renewed now and then.</summary>
    public static HttpMessageHandler CreateHandler() => new SocketsHttpHandler
    {
        // Re-resolve the server's address now and then: it may move (DNS, failover).
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };

    /// <summary>
    /// Base address and credentials. The credentials travel only in the Authorization header, never in the URL,
    /// so they cannot leak through request logs or exception messages. Timeouts are applied per request.
    /// </summary>
    public static void Configure(HttpClient client, InfluxDbOptions options)
    {
        var url = options.Url.EndsWith('/') ? options.Url : options.Url + "/";
        client.BaseAddress = new Uri(url);
        client.Timeout = Timeout.InfiniteTimeSpan;
        if (options.ApiVersion == 2 && options.Token.Length > 0)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", options.Token);
        else if (options.Username.Length > 0)
        {
            var pair = Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }
    }

    /// <summary>Sends a request with a time limit; transport failures and timeouts become <see cref="InfluxUnavailableException"/>.</summary>
    internal static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, HttpRequestMessage request, TimeSpan timeout, string operation, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            // ResponseContentRead: the body is read under the same time limit.
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw InfluxErrors.TimedOut(operation, timeout);
        }
        catch (HttpRequestException e)
        {
            throw InfluxErrors.Unreachable(operation, e);
        }
    }
}
