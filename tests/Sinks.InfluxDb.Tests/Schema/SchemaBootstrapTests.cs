using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Schema;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Schema;

/// <summary>The schema bootstrap against InfluxDB 1.6.7: creates what is missing, changes what differs, and nothing else.</summary>
public sealed class SchemaBootstrapTests
{
    [Fact]
    public async Task Bootstrap_creates_database_policies_and_rollup_and_a_second_run_changes_nothing()
    {
        var options = TestDatabase.NewOptions();
        options.RetentionPolicy = "raw";
        options.CreateSchema = true;
        using var connection = new InfluxDbConnection(options);
        var schema = connection.Schema!;
        try
        {
            var first = await schema.EnsureAsync();
            var second = await schema.EnsureAsync();

            Assert.Equal(4, first.Count);
            Assert.Empty(second);
            Assert.Equal(
                [("raw", "720h0m0s", true), ("rollup_1m", "9600h0m0s", false)],
                await PoliciesAsync(connection.Query, options.Database, "raw", "rollup_1m"));
            var query = Assert.Single(await ContinuousQueriesAsync(connection.Query, options.Database));
            Assert.Equal(schema.RollupQueryName, query.Name);
            Assert.StartsWith("analytics_rollup_", query.Name);
            Assert.Contains("RESAMPLE EVERY 1m FOR 10m", query.Text);
            Assert.Contains($"SELECT mean(*), min(*), max(*), sum(*), count(*) INTO {options.Database}.rollup_1m.:MEASUREMENT FROM {options.Database}.raw./.*/", query.Text);
            Assert.Contains("GROUP BY time(1m), *", query.Text);
        }
        finally
        {
            await connection.Query.QueryAsync($"DROP DATABASE {InfluxQl.Identifier(options.Database)}", database: "");
        }
    }

    [Fact]
    public async Task Changed_settings_alter_the_policies_and_replace_the_rollup_query()
    {
        await using var db = await TestDatabase.CreateAsync(bootstrap: true);
        var oldName = db.Connection.Schema!.RollupQueryName;
        var changed = Clone(db.Options);
        changed.RawRetention = TimeSpan.FromDays(7);
        changed.RollupRetention = TimeSpan.Zero;
        changed.RollupFunctions = "sum, max";
        var schema = new InfluxSchemaBootstrapper(db.Query, changed);

        var statements = await schema.EnsureAsync();

        Assert.Equal(4, statements.Count);
        Assert.Contains(statements, s => s.StartsWith("ALTER RETENTION POLICY \"raw\"") && s.EndsWith("DURATION 1w DEFAULT"));
        Assert.Contains(statements, s => s.StartsWith("ALTER RETENTION POLICY \"rollup_1m\"") && s.EndsWith("DURATION INF"));
        Assert.Contains(statements, s => s.StartsWith($"DROP CONTINUOUS QUERY \"{oldName}\""));
        Assert.Equal(
            [("raw", "168h0m0s", true), ("rollup_1m", "0s", false)],
            await PoliciesAsync(db.Query, db.Name, "raw", "rollup_1m"));
        var query = Assert.Single(await ContinuousQueriesAsync(db.Query, db.Name));
        Assert.Equal(schema.RollupQueryName, query.Name);
        Assert.NotEqual(oldName, query.Name);
        Assert.Empty(await schema.EnsureAsync());
    }

    [Fact]
    public async Task An_existing_database_gets_the_raw_policy_as_its_default()
    {
        await using var db = await TestDatabase.CreateAsync();
        var options = Clone(db.Options);
        options.RetentionPolicy = "raw";

        await new InfluxSchemaBootstrapper(db.Query, options).EnsureAsync();

        var policies = await PoliciesAsync(db.Query, db.Name, "autogen", "raw", "rollup_1m");
        Assert.Equal([("autogen", "0s", false), ("raw", "720h0m0s", true), ("rollup_1m", "9600h0m0s", false)], policies);
    }

    [Fact]
    public async Task The_rollup_aggregates_raw_windows_per_minute_with_their_tags()
    {
        await using var db = await TestDatabase.CreateAsync(bootstrap: true);
        var minute = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60_000 - 5 * 60_000;
        var raw = Enumerable.Range(0, 60).SelectMany(second => new[]
        {
            Value("page_views", minute + second * 1000, (long)second, ("site", "a"), ("page", "/")),
            Value("page_views", minute + second * 1000, 2L, ("site", "b"), ("page", "/x")),
        }).Append(Value("page_views", minute + 60_000, 100L, ("site", "a"), ("page", "/"))).ToList();
        await db.Connection.Writer.WriteAsync(raw, CancellationToken.None);

        // The continuous query runs this same statement on minute boundaries; a backfill runs it now.
        var written = await db.Connection.Schema!.BackfillRollupsAsync(
            DateTimeOffset.FromUnixTimeMilliseconds(minute + 30_000), DateTimeOffset.FromUnixTimeMilliseconds(minute + 90_000));

        Assert.Equal(3, written);
        var rows = (await db.SelectAsync($"SELECT * FROM {InfluxQl.Measurement(db.Name, "rollup_1m", "page_views")} GROUP BY *")).Rows
            .ToDictionary(r => (r.Tags["site"], r.Time));
        Assert.Equal(3, rows.Count);
        var a = rows[("a", minute)];
        Assert.Equal((1770L, 60L, 0L, 59L, 29.5), (a.GetInt64("sum_value"), a.GetInt64("count_value"), a.GetInt64("min_value"), a.GetInt64("max_value"), a.GetDouble("mean_value")));
        Assert.Equal("/", a.Tags["page"]);
        var b = rows[("b", minute)];
        Assert.Equal((120L, 60L, 2.0), (b.GetInt64("sum_value"), b.GetInt64("count_value"), b.GetDouble("mean_value")));
        Assert.Equal(100L, rows[("a", minute + 60_000)].GetInt64("sum_value"));
    }

    private static async Task<List<(string Name, string Duration, bool Default)>> PoliciesAsync(InfluxQueryClient query, string database, params string[] names)
    {
        var result = await query.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQl.Identifier(database)}", database: "");
        return result.Rows
            .Select(r => (r.GetString("name")!, r.GetString("duration")!, r["default"] is true))
            .Where(p => names.Contains(p.Item1))
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<List<(string Name, string Text)>> ContinuousQueriesAsync(InfluxQueryClient query, string database)
    {
        var result = await query.QueryAsync("SHOW CONTINUOUS QUERIES", database: "");
        return result.Series.Where(s => s.Name == database).SelectMany(s => s.Rows).Select(r => (r.GetString("name")!, r.GetString("query")!)).ToList();
    }

    private static InfluxDbOptions Clone(InfluxDbOptions options) => new()
    {
        Url = options.Url,
        Database = options.Database,
        RetentionPolicy = options.RetentionPolicy,
        CreateSchema = true,
    };
}
