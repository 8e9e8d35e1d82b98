using System.Text;
using Analytics.Bench.Support;

namespace Analytics.Bench.All;

/// <summary>
/// RESULTS.md from the sections of one run: the machine and its load, the targets, the commands and every
/// table printed. The notes between the markers are written by people (what was profiled, what limits a
/// number) and are kept when the file is written again.
/// </summary>
internal static class ResultsMarkdown
{
    private const string NotesStart = "<!-- notes: kept when the file is rewritten -->";
    private const string NotesEnd = "<!-- /notes -->";

    public static void Write(string path, Machine machine, DateTimeOffset started, DateTimeOffset ended, string command, IReadOnlyList<Section> sections, IReadOnlyList<string> failed)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results").AppendLine();
        md.AppendLine($"Measured by `{command}` from the repository root, {started:yyyy-MM-dd HH:mm}–{ended:HH:mm} UTC. " +
            "Running it again replaces this file except the notes. Every table below is what the run printed.").AppendLine();

        md.AppendLine("## Machine").AppendLine();
        md.AppendLine("| | |").AppendLine("| --- | --- |");
        md.AppendLine($"| CPU | {machine.Cpu} |");
        md.AppendLine($"| cores | {machine.Cores} |");
        md.AppendLine($"| RAM | {machine.RamGiB} GiB |");
        md.AppendLine($"| OS | {machine.Os} |");
        md.AppendLine($"| .NET | {machine.Runtime}, {machine.Gc} GC |");
        md.AppendLine($"| load average (1 / 5 / 15 min) | {Load(machine.LoadAverage)} at the start, {Load(Machine.LoadAverageNow())} at the end; each section gives it before its run |");
        md.AppendLine();
        md.AppendLine("The machine is shared with other engineers' builds and tests, which ran during the measurements: read every number with the load next to it. " +
            "Every broker, silo, producer and consumer runs in the benchmark's one process, on loopback.").AppendLine();

        md.AppendLine("## Targets").AppendLine();
        md.AppendLine("| target | measured | met |").AppendLine("| --- | --- | --- |");
        var targets = sections.SelectMany(s => s.Targets).ToList();
        foreach (var t in targets) md.AppendLine($"| {t.Target} | {t.Measured} | {(t.Met ? "yes" : "**NO**")} |");
        md.AppendLine();
        foreach (var t in targets.Where(t => !t.Met && t.Limit is not null)) md.AppendLine($"* **Missed: {t.Target}.** Measured {t.Measured}; {t.Limit}.");
        foreach (var f in failed) md.AppendLine($"* **{f}**");
        md.AppendLine();

        md.AppendLine("## Headline numbers").AppendLine();
        foreach (var h in sections.SelectMany(s => s.Headlines)) md.AppendLine($"* {h.Name}: {h.Value}");
        md.AppendLine();

        md.AppendLine("## Notes").AppendLine();
        md.AppendLine(NotesStart);
        md.AppendLine(KeptNotes(path));
        md.AppendLine(NotesEnd).AppendLine();

        md.AppendLine("## Commands").AppendLine();
        md.AppendLine("Each can be run alone; `all` ran them in this order:").AppendLine();
        md.AppendLine("```");
        foreach (var s in sections) md.AppendLine(s.CommandLine);
        md.AppendLine("```").AppendLine();

        foreach (var s in sections)
        {
            md.AppendLine($"## {s.Title}").AppendLine();
            md.AppendLine($"`{s.CommandLine}`, load average before: {Load(s.LoadBefore)}").AppendLine();
            md.Append(s.Markdown.TrimEnd()).AppendLine().AppendLine();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, md.ToString().TrimEnd() + Environment.NewLine);
    }

    private static string Load(double[] load) => string.Join(" / ", load.Select(l => l.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)));

    private static string KeptNotes(string path)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var start = text.IndexOf(NotesStart, StringComparison.Ordinal);
        var end = text.IndexOf(NotesEnd, StringComparison.Ordinal);
        return start >= 0 && end > start ? text[(start + NotesStart.Length)..end].Trim() : "(none yet)";
    }
}
