using Analytics.Testing;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.LineProtocol;

/// <summary>
/// Hostile strings go to InfluxDB 1.6.7 as tag values, string fields, measurements, tag keys and field keys,
/// and come back exactly; the query client finds them by the same values; no write adds a point or a
/// measurement that was not meant.
/// </summary>
public sealed class HostileRoundTripTests
{
    [Fact]
    public async Task Tag_values_and_string_fields_round_trip_and_are_found_by_the_same_values()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        var points = Hostile.Strings.Select((s, i) => new MetricPoint(
            "hostile",
            Tags(("site", s), ("page", s + "/p")),
            Fields(("idx", (long)i), ("label", s)),
            now + i)).ToList();

        await db.Connection.Writer.WriteAsync(points, CancellationToken.None);

        for (var i = 0; i < Hostile.Strings.Count; i++)
        {
            var s = Hostile.Strings[i];
            var bound = (await db.SelectAsync("SELECT * FROM \"hostile\" WHERE \"site\" = $site", new Dictionary<string, object?> { ["site"] = s })).Rows.ToList();
            var quoted = (await db.SelectAsync($"SELECT * FROM \"hostile\" WHERE \"site\" = {InfluxQl.String(s)}")).Rows.ToList();

            foreach (var rows in new[] { bound, quoted })
            {
                var row = Assert.Single(rows);
                Assert.Equal(i, row.GetInt64("idx"));
                Assert.Equal(s, row.GetString("site"));
                Assert.Equal(s + "/p", row.GetString("page"));
                Assert.Equal(s, row.GetString("label"));
                Assert.Equal(now + i, row.Time);
            }
        }
        var count = Assert.Single((await db.SelectAsync("SELECT count(\"idx\") FROM \"hostile\"")).Rows);
        Assert.Equal(Hostile.Strings.Count, count.GetInt64("count"));
        Assert.Equal(["hostile"], await MeasurementsAsync(db));
    }

    [Fact]
    public async Task Measurements_tag_keys_and_field_keys_round_trip()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = Now();
        var names = Hostile.Strings.Select((s, i) => (Measurement: $"m{i} {s}", TagKey: $"k {s}", FieldKey: $"f {s}")).ToList();
        var points = names.Select((n, i) => new MetricPoint(n.Measurement, Tags((n.TagKey, "v")), Fields((n.FieldKey, (long)i)), now)).ToList();

        await db.Connection.Writer.WriteAsync(points, CancellationToken.None);

        for (var i = 0; i < names.Count; i++)
        {
            var result = await db.SelectAsync($"SELECT * FROM {InfluxQl.Identifier(names[i].Measurement)}");
            var series = Assert.Single(result.Series);
            Assert.Equal(names[i].Measurement, series.Name);
            Assert.Equal(new[] { "time", names[i].FieldKey, names[i].TagKey }.Order(StringComparer.Ordinal), series.Columns.Order(StringComparer.Ordinal));
            var row = Assert.Single(series.Rows);
            Assert.Equal(i, row.GetInt64(names[i].FieldKey));
            Assert.Equal("v", row.GetString(names[i].TagKey));
        }
        Assert.Equal(names.Select(n => n.Measurement).Order(StringComparer.Ordinal), await MeasurementsAsync(db));
    }

    private static async Task<IReadOnlyList<string>> MeasurementsAsync(TestDatabase db) =>
        (await db.SelectAsync("SHOW MEASUREMENTS")).Rows.Select(r => r.GetString("name")!).Order(StringComparer.Ordinal).ToList();
}
