using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Query;

/// <summary>The InfluxQL client against InfluxDB 1.6.7: results parsed into rows, injection attempts inert, errors clear.</summary>
public sealed class QueryClientTests
{
    private static readonly string[] Attacks =
    [
        "x' OR \"site\" =~ /.*/ OR \"site\" = '",
        "'; DROP DATABASE \"{db}\"; SELECT '",
        "\\'; DROP DATABASE \"{db}\"; --",
        "line\nbreak'; DROP DATABASE \"{db}\"",
        "\" OR 1=1; DROP DATABASE \"{db}\" --",
        "$site",
    ];

    [Fact]
    public async Task Series_tags_columns_and_values_become_rows()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        await db.Connection.Writer.WriteAsync(
            [Value("page_views", now, 3L, ("site", "a"), ("page", "/x")), Value("page_views", now + 1000, 4L, ("site", "a"), ("page", "/y")), Value("page_views", now, 5L, ("site", "b"), ("page", "/x"))],
            CancellationToken.None);

        var result = await db.SelectAsync("SELECT sum(\"value\") FROM \"page_views\" GROUP BY \"site\"; SELECT \"value\" FROM \"page_views\" WHERE \"site\" = 'a'");

        Assert.Equal(2, result.Statements.Count);
        var sums = result.Statements[0].Series.ToDictionary(s => s.Tags["site"], s => Assert.Single(s.Rows).GetInt64("sum"));
        Assert.Equal(new Dictionary<string, long> { ["a"] = 7, ["b"] = 5 }, sums);
        Assert.All(result.Statements[0].Series, s => Assert.Equal("page_views", s.Name));
        var rows = result.Statements[1].Series.Single().Rows;
        Assert.Equal([(now, 3L), (now + 1000, 4L)], rows.Select(r => (r.Time, r.GetInt64("value"))));
    }

    [Fact]
    public async Task Injection_attempts_in_values_and_identifiers_match_nothing_and_change_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Connection.Writer.WriteAsync([Value("page_views", Now(), 1L, ("site", "a"))], CancellationToken.None);

        foreach (var attack in Attacks.Select(a => a.Replace("{db}", db.Name)))
        {
            Assert.Empty((await db.SelectAsync("SELECT * FROM \"page_views\" WHERE \"site\" = $site", new Dictionary<string, object?> { ["site"] = attack })).Rows);
            Assert.Empty((await db.SelectAsync($"SELECT * FROM \"page_views\" WHERE \"site\" = {InfluxQl.String(attack)}")).Rows);
            Assert.Empty((await db.SelectAsync($"SELECT * FROM {InfluxQl.Identifier(attack)}")).Rows);
            Assert.Empty((await db.SelectAsync($"SELECT * FROM \"page_views\" WHERE {InfluxQl.Identifier(attack)} = 'a'")).Rows);
        }

        var databases = await db.Query.QueryAsync("SHOW DATABASES", database: "");
        Assert.Contains(db.Name, databases.Rows.Select(r => r.GetString("name")));
        Assert.Single((await db.SelectAsync("SELECT * FROM \"page_views\"")).Rows);
    }

    [Fact]
    public async Task Errors_name_the_statement_and_the_servers_reason()
    {
        await using var db = await TestDatabase.CreateAsync();

        var syntax = await Assert.ThrowsAsync<InfluxQueryException>(() => db.SelectAsync("SELEKT 1"));
        var missing = await Assert.ThrowsAsync<InfluxQueryException>(() => db.Query.QueryAsync("SELECT * FROM \"m\"", database: "no_such_db_" + Guid.NewGuid().ToString("N")));

        Assert.Contains("error parsing query", syntax.Message);
        Assert.Equal(400, syntax.StatusCode);
        Assert.Contains("database not found", missing.Message);
        Assert.False(missing.IsTransient);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_error()
    {
        var options = TestDatabase.NewOptions(url: "http://127.0.0.1:9");
        using var connection = new InfluxDbConnection(options);

        var error = await Assert.ThrowsAsync<InfluxUnavailableException>(() => connection.Query.QueryAsync("SHOW DATABASES"));

        Assert.True(error.IsTransient);
        Assert.Null(error.StatusCode);
    }
}
