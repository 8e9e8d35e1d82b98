using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using Analytics.Sinks.InfluxDb.Writers;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Writers;

/// <summary>The API 1 write path (<c>/write</c>, gzip) against InfluxDB 1.6.7.</summary>
public sealed class V1WriterTests
{
    [Fact]
    public async Task Points_land_and_read_back_equal_to_what_was_written()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        double[] doubles = [1.5, -0.1, 1e-300, 123456.789, double.MaxValue, double.Epsilon, 2.0];
        long[] longs = [0, 1, -1, long.MaxValue, long.MinValue, 42, 7];
        var written = doubles.Select((d, i) => new MetricPoint(
            "windows",
            Tags(("site", $"s{i % 3}"), ("page", $"/p{i}")),
            Fields(("avg", d), ("count", longs[i]), ("note", $"n{i}")),
            now - i * 1000)).ToList();

        await db.Connection.Writer.WriteAsync(written, CancellationToken.None);

        var rows = (await db.SelectAsync("SELECT * FROM \"windows\"")).Rows.OrderByDescending(r => r.Time).ToList();
        Assert.Equal(written.Count, rows.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(now - i * 1000, rows[i].Time);
            Assert.Equal(doubles[i], rows[i].GetDouble("avg"));
            Assert.Equal(longs[i], rows[i].GetInt64("count"));
            Assert.Equal($"n{i}", rows[i].GetString("note"));
            Assert.Equal($"s{i % 3}", rows[i].GetString("site"));
            Assert.Equal($"/p{i}", rows[i].GetString("page"));
        }
    }

    [Fact]
    public async Task Writing_the_same_series_and_timestamp_again_overwrites_instead_of_adding()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        var first = Value("page_views", now, 10L, ("site", "a"), ("page", "/"));
        var again = Value("page_views", now, 10L, ("page", "/"), ("site", "a"));
        var corrected = Value("page_views", now, 12L, ("site", "a"), ("page", "/"));

        await db.Connection.Writer.WriteAsync([first], CancellationToken.None);
        await db.Connection.Writer.WriteAsync([first, again], CancellationToken.None);
        Assert.Equal(10, Assert.Single((await db.SelectAsync("SELECT * FROM \"page_views\"")).Rows).GetInt64("value"));

        await db.Connection.Writer.WriteAsync([corrected], CancellationToken.None);
        Assert.Equal(12, Assert.Single((await db.SelectAsync("SELECT * FROM \"page_views\"")).Rows).GetInt64("value"));
    }

    [Fact]
    public async Task An_unknown_database_is_a_clear_permanent_error()
    {
        var options = TestDatabase.NewOptions();
        using var connection = new InfluxDbConnection(options);

        var error = await Assert.ThrowsAsync<InfluxDatabaseNotFoundException>(
            () => connection.Writer.WriteAsync([Value("m", Now(), 1L)], CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("database not found", error.Message);
        Assert.Contains(options.Database, error.Message);
    }

    [Fact]
    public async Task A_field_type_conflict_is_a_partial_write_and_the_other_points_are_kept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        await db.Connection.Writer.WriteAsync([Value("m", now, 1.5)], CancellationToken.None);

        var error = await Assert.ThrowsAsync<InfluxPointsRejectedException>(
            () => db.Connection.Writer.WriteAsync([Value("m", now + 1, 2L), Value("m", now + 2, 2.5)], CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.True(error.IsPartialWrite);
        Assert.Contains("field type conflict", error.Message);
        Assert.Equal([1.5, 2.5], (await db.SelectAsync("SELECT \"value\" FROM \"m\"")).Rows.Select(r => r.GetDouble("value")));
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_error()
    {
        using var connection = new InfluxDbConnection(TestDatabase.NewOptions(url: "http://127.0.0.1:9"));

        var error = await Assert.ThrowsAsync<InfluxUnavailableException>(
            () => connection.Writer.WriteAsync([Value("m", Now(), 1L)], CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.IsType<InfluxV1Writer>(connection.Writer);
    }
}
