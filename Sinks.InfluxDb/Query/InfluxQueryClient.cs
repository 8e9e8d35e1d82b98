using System.Text.Json;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.Writers;

namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>
/// InfluxQL over <c>POST /query</c> (InfluxDB 1.x, and the 1.x compatibility API of 2.x). InfluxDB.Client has no
/// InfluxQL API, hence this small client. Values from users belong in <paramref name="parameters"/> of
/// <see cref="QueryAsync"/> (<c>WHERE "site" = $site</c>): the server binds them, so no quoting can go wrong.
/// Identifiers are quoted with <see cref="InfluxQl.Identifier"/>. Times come back as epoch milliseconds.
/// </summary>
public sealed class InfluxQueryClient(HttpClient http, InfluxDbOptions options)
{
    private readonly TimeSpan _timeout = options.RequestTimeout;

    /// <summary>Runs one or more statements; throws <see cref="InfluxQueryException"/> when any statement fails.</summary>
    /// <param name="query">InfluxQL; several statements may be separated by ';'.</param>
    /// <param name="parameters">Values bound to <c>$name</c> placeholders: strings, numbers or booleans.</param>
    /// <param name="database">The database statements run against; null means the configured one, empty means none.</param>
    public async Task<InfluxQueryResult> QueryAsync(
        string query,
        IReadOnlyDictionary<string, object?>? parameters = null,
        string? database = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var form = new List<KeyValuePair<string, string>> { new("q", query), new("epoch", "ms") };
        var db = database ?? options.Database;
        if (db.Length > 0)
            form.Add(new("db", db));
        if (parameters is { Count: > 0 })
            form.Add(new("params", JsonSerializer.Serialize(parameters)));

        // POST with a form body: required for statements that change things, and keeps user values out of URLs and access logs.
        using var request = new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(form) };
        using var response = await InfluxHttp.SendAsync(http, request, _timeout, "a query", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw InfluxErrors.ForQuery((int)response.StatusCode, InfluxErrors.ReadServerMessage(body));
        try
        {
            return InfluxQueryResultParser.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InfluxQueryException($"The answer to a query is not InfluxDB's JSON: {e.Message}", (int)response.StatusCode);
        }
    }
}
