using System.CommandLine;
using System.Text;
using System.Text.Json;
using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka.Embedded;
using Confluent.Kafka;

namespace Analytics.Bench.Wire;

/// <summary>
/// <c>wire</c>: the Kafka wire format measured on realistic events: bytes per event and encode/decode cost of
/// <see cref="EventWireFormat"/> against source-generated System.Text.Json with the same fields, and the size
/// per event inside compressed 16 KB Kafka batches.
/// </summary>
internal static class WireCommand
{
    private static readonly Option<int> Events = BenchOptions.Of("--events", "Realistic events to measure on", 100_000);
    private static readonly Option<int> Passes = BenchOptions.Of("--passes", "Timed passes per operation (the median counts)", 7);
    private static readonly Option<int> Seed = BenchOptions.Of("--seed", "Seed of the event generator", 1);

    private static readonly CompressionType[] Codecs = [CompressionType.None, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    public static Command Create()
    {
        var command = new Command("wire", "Bytes per event and encode/decode cost of the binary wire format against JSON") { Events, Passes, Seed };
        command.SetAction(parse => Run(parse.GetValue(Events), parse.GetValue(Passes), parse.GetValue(Seed), BenchOptions.JsonPath(parse), BenchOptions.CommandLine(parse)));
        return command;
    }

    private static void Run(int count, int passes, int seed, string json, string commandLine)
    {
        BenchOptions.Check(Problems(count, passes));
        var load = Machine.LoadAverageNow();
        var mark = Tables.Mark();
        var start = DateTimeOffset.UtcNow.AddMinutes(-15).ToUnixTimeMilliseconds();
        var events = TrafficLog.Build(count, sites: 200, pagesPerSite: 300, start, TimeSpan.FromMinutes(10), seed)
            .Select(e => e with { IngestedAtMicros = BenchKafka.NowMicros() }).ToList();
        var context = JsonEventContext.Default.JsonEvent;
        var binary = events.Select(EventWireFormat.Encode).ToList();
        var jsonBytes = events.Select(e => JsonSerializer.SerializeToUtf8Bytes(JsonEvent.From(e), context)).ToList();
        CheckRoundTrip(events, binary, jsonBytes);

        var sizes = SizeRows(events, binary, jsonBytes);
        var costs = new (string Operation, CodecCost.Result Result)[]
        {
            ("binary encode (EventWireFormat.Encode → byte[])", CodecCost.Measure(events, e => EventWireFormat.Encode(e).Length, passes)),
            ("JSON encode (SerializeToUtf8Bytes → byte[])", CodecCost.Measure(events, e => JsonSerializer.SerializeToUtf8Bytes(JsonEvent.From(e), context).Length, passes)),
            ("binary decode (EventWireFormat.Decode → AnalyticsEvent)", CodecCost.Measure(binary, b => EventWireFormat.Decode(b).Id.Length, passes)),
            ("JSON decode (Deserialize → AnalyticsEvent)", CodecCost.Measure(jsonBytes, b => JsonSerializer.Deserialize(b, context)!.ToEvent().Id.Length, passes)),
        };
        var batches = CompressedSizes(events, binary, jsonBytes);

        Tables.Print($"Bytes per event ({count:N0} realistic events)", ["format", "all", .. EventTypes.All.Select(t => t.ToWireName())], sizes.Select(s => s.Row));
        Tables.Print($"Cost per event (median of {passes} passes, one thread)", ["operation", "ns/event", "allocated B/event"],
            costs.Select(c => new[] { c.Operation, Tables.Number(c.Result.NsPerEvent), Tables.Number(c.Result.BytesAllocatedPerEvent) }));
        Tables.Print($"Bytes per record in {BatchSizes.BatchBytes / 1024} KB Kafka batches (key site/visitor + value + record framing + batch header)",
            ["format", .. Codecs.Select(c => c.ToString().ToLowerInvariant())],
            batches.Select(b => (string[])[b.Format, .. b.PerCodec.Select(v => Tables.Number(v, 1))]));
        Tables.Note($"Load average before the run: {string.Join(" / ", load)}. Costs are per event on one thread, mapping to and from AnalyticsEvent included.");
        var (binarySize, jsonSize) = (sizes[0].Average, sizes[1].Average);
        var zstd = Array.IndexOf(Codecs, CompressionType.Zstd);
        Report.Add(new Section("Wire format on Kafka", commandLine, load, Tables.Since(mark), [],
        [
            new("wire bytes/event (binary vs JSON)", $"{binarySize:F0} B vs {jsonSize:F0} B ({binarySize / jsonSize:P0}); in zstd batches {batches[0].PerCodec[zstd]:F0} B vs {batches[1].PerCodec[zstd]:F0} B"),
            new("encode + decode ns/event (binary vs JSON)",
                $"{costs[0].Result.NsPerEvent + costs[2].Result.NsPerEvent:F0} ns vs {costs[1].Result.NsPerEvent + costs[3].Result.NsPerEvent:F0} ns"),
        ]));

        ResultsFile.Append(json, "wire", new { count, passes, seed, batchBytes = BatchSizes.BatchBytes }, new
        {
            loadBefore = load,
            bytesPerEvent = sizes.Select(s => new { s.Format, s.Average, s.ByType }),
            cost = costs.Select(c => new { c.Operation, c.Result.NsPerEvent, c.Result.BytesAllocatedPerEvent }),
            batchBytesPerRecord = batches.Select(b => new { b.Format, codecs = Codecs.Select(c => c.ToString()), b.PerCodec }),
        });
    }

    private static IEnumerable<string> Problems(int count, int passes)
    {
        if (count is < 1_000 or > 2_000_000) yield return "--events must be between 1,000 and 2,000,000";
        if (passes is < 1 or > 50) yield return "--passes must be between 1 and 50";
    }

    // A benchmark of codecs that lose data would be meaningless: both must give back what they were given.
    private static void CheckRoundTrip(List<AnalyticsEvent> events, List<byte[]> binary, List<byte[]> json)
    {
        for (var i = 0; i < events.Count; i += 97)
        {
            var fromBinary = EventWireFormat.Decode(binary[i]);
            var fromJson = JsonSerializer.Deserialize(json[i], JsonEventContext.Default.JsonEvent)!.ToEvent();
            foreach (var decoded in new[] { fromBinary, fromJson })
            {
                if (decoded with { Props = null } != events[i] with { Props = null } || !SameProps(decoded.Props, events[i].Props))
                    throw new InvalidOperationException($"event {i} does not survive a round trip: {events[i]}");
            }
        }
    }

    private static bool SameProps(IReadOnlyDictionary<string, PropertyValue>? a, IReadOnlyDictionary<string, PropertyValue>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));

    private sealed record SizeRow(string Format, double Average, Dictionary<string, double> ByType, string[] Row);

    private static List<SizeRow> SizeRows(List<AnalyticsEvent> events, List<byte[]> binary, List<byte[]> json) =>
    [
        .. new[] { ("binary (EventWireFormat)", binary), ("JSON (System.Text.Json)", json) }.Select(f =>
        {
            var byType = EventTypes.All.ToDictionary(
                t => t.ToWireName(),
                t => events.Select((e, i) => (e, i)).Where(x => x.e.Type == t).Select(x => (double)f.Item2[x.i].Length).DefaultIfEmpty(0).Average());
            var average = f.Item2.Average(b => b.Length);
            return new SizeRow(f.Item1, average, byType, [f.Item1, Tables.Number(average, 1), .. byType.Values.Select(v => Tables.Number(v, 1))]);
        }),
        new SizeRow("share of events", 1, EventTypes.All.ToDictionary(t => t.ToWireName(), t => (double)events.Count(e => e.Type == t) / events.Count),
            ["share of events", "100 %", .. EventTypes.All.Select(t => $"{100.0 * events.Count(e => e.Type == t) / events.Count:F0} %")]),
    ];

    private static List<(string Format, double[] PerCodec)> CompressedSizes(List<AnalyticsEvent> events, List<byte[]> binary, List<byte[]> json)
    {
        using var broker = EmbeddedKafka.Start();
        var keys = events.Select(e => Encoding.UTF8.GetBytes(e.PartitionKey)).ToList();
        return [.. new[] { ("binary", binary), ("JSON", json) }.Select(f =>
        {
            var records = keys.Zip(f.Item2).ToList();
            return (f.Item1, Codecs.Select(codec =>
            {
                var topic = $"wire-{f.Item1}-{codec}".ToLowerInvariant();
                broker.CreateTopic(topic, 1);
                return BatchSizes.BytesPerRecord(broker.BootstrapServers, topic, codec, records);
            }).ToArray());
        })];
    }
}
