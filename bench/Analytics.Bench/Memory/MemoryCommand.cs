using System.CommandLine;
using Analytics.Bench.Support;

namespace Analytics.Bench.Memory;

/// <summary><c>memory</c>: managed heap and stored bytes per active visitor (shard state) and per active page (reducer and page grain).</summary>
internal static class MemoryCommand
{
    private static readonly Option<int> Visitors = BenchOptions.Of("--visitors", "Active visitors fed to one shard's window engine", 100_000);
    private static readonly Option<int[]> EventsPerVisit = new("--events-per-visit")
    {
        Description = "Events of each visitor's visit; one measurement per value",
        DefaultValueFactory = _ => [1, 5, 20],
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<int> Pages = BenchOptions.Of("--pages", "Active pages in the per-page structures", 10_000);
    private static readonly Option<int> Seed = BenchOptions.Of("--seed", "Seed of the event generator", 1);

    public static Command Create()
    {
        var command = new Command("memory", "Heap and serialized state per active visitor and per active page") { Visitors, EventsPerVisit, Pages, Seed };
        command.SetAction(parse => Run(parse.GetValue(Visitors), parse.GetValue(EventsPerVisit)!, parse.GetValue(Pages), parse.GetValue(Seed),
            BenchOptions.JsonPath(parse), BenchOptions.CommandLine(parse)));
        return command;
    }

    private static void Run(int visitors, int[] eventsPerVisit, int pages, int seed, string json, string commandLine)
    {
        BenchOptions.Check(Problems(visitors, eventsPerVisit, pages));
        var load = Machine.LoadAverageNow();
        var mark = Tables.Mark();
        var visitorRows = eventsPerVisit.SelectMany(events => VisitorMemory.Measure(visitors, events, seed).Select(stage => (Events: events, Stage: stage))).ToList();
        var pageRows = PageMemory.Measure(pages, seed);

        Tables.Print($"Per active visitor (one shard's state, {visitors:N0} visitors on 200 sites)",
            ["events per visit", "when", "heap B/visitor", "stored B/visitor", "windows held", "heap B/window", "whole shard heap ÷ visitors"],
            visitorRows.Select(r => new[]
            {
                r.Events.ToString(), r.Stage.Name, Tables.Number(r.Stage.HeapPerVisitor), Tables.Number(r.Stage.SerializedPerVisitor),
                Tables.Number(r.Stage.WindowCount), Tables.Number(r.Stage.HeapPerWindow), Tables.Number(r.Stage.ShardHeapPerVisitor),
            }));
        Tables.Print($"Per active page ({pages:N0} pages with views in every second)", ["structure", "unit", "heap bytes", "stored bytes"],
            pageRows.Select(r => new[] { r.Structure, r.Unit, Tables.Number(r.HeapBytes), double.IsNaN(r.SerializedBytes) ? "not stored" : Tables.Number(r.SerializedBytes) }));
        Tables.Note("Heap: live managed bytes after full compacting GCs (GC.GetTotalMemory), measured with and without the structure. " +
            "Stored: what the silo writes to PostgreSQL through Orleans' grain-storage serializer (a shard's state in its own format, ShardStateFormat; reducers' and page grains' state with Orleans' generated codecs). " +
            "Heap B/visitor is the visitors' own state (sessions, 5 s presence buckets, recent event ids, the map entry and its key); " +
            "windows are per site and time, not per visitor, so they are shown apart (here every window of 10 minutes of visits is held; a live shard " +
            "drops a window once its reducer holds it final and saved, seconds behind the watermark), and the last column divides the whole shard by its visitors. " +
            $"Load average before the run: {string.Join(" / ", load)}.");
        // The headline: right after a visit of 5 events (or the first size measured), the visitor's state at its largest.
        var (events, typical) = visitorRows.Find(r => r.Events == 5) is { Stage: not null } five ? five : visitorRows[0];
        var perPage = pageRows.Single(r => r.Unit == "per page");
        var visitorText = $"{typical.HeapPerVisitor:N0} B heap ({typical.SerializedPerVisitor:N0} B stored) per active visitor of a {events}-event visit, " +
            $"plus ~{typical.HeapPerWindow:N0} B per open window of the shard";
        Report.Add(new Section("Memory per active visitor and per page", commandLine, load, Tables.Since(mark),
            [new TargetCheck("memory per active visitor written down", visitorText, Met: true)],
            [
                new("memory per active visitor", visitorText),
                new("memory per page", $"{perPage.HeapBytes:N0} B heap for an hour of per-second page views in its page grain ({perPage.SerializedBytes:N0} B stored)"),
            ]));

        ResultsFile.Append(json, "memory", new { visitors, eventsPerVisit, pages, seed }, new
        {
            loadBefore = load,
            visitors = visitorRows.Select(r => new { eventsPerVisit = r.Events, r.Stage }),
            pages = pageRows,
        });
    }

    private static IEnumerable<string> Problems(int visitors, int[] eventsPerVisit, int pages)
    {
        if (visitors is < 1_000 or > 5_000_000) yield return "--visitors must be between 1,000 and 5,000,000";
        if (eventsPerVisit.Length == 0 || eventsPerVisit.Any(e => e is < 1 or > 200)) yield return "--events-per-visit must be values between 1 and 200";
        if (pages is < 300 or > 1_000_000) yield return "--pages must be between 300 and 1,000,000";
    }
}
