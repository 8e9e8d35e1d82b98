using System.Globalization;
using Spectre.Console;

namespace Analytics.LoadGenerator.Reporting;

/// <summary>The end-of-run report on the console: one row with the numbers benchmarks compare, then the details behind them.</summary>
public static class ReportTable
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var summary = new Table().Border(TableBorder.Rounded).Title("[bold]Load test result[/]");
        foreach (var column in (string[])["Scenario", "Target rate", "Achieved rate", "Duration", "p50", "p95", "p99", "Throughput/min", "Error rate"])
            summary.AddColumn(new TableColumn(column).RightAligned());
        var latency = report.Latency;
        summary.AddRow(
            Markup.Escape(report.Scenario),
            report.TargetRate is { } rate ? $"{Number(rate)}/s" : "flat out",
            $"{Number(report.AchievedRate)}/s",
            $"{report.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
            Millis(latency.P50Ms), Millis(latency.P95Ms), Millis(latency.P99Ms),
            Number(report.ThroughputPerMinute),
            report.ErrorRate.ToString("0.00%", CultureInfo.InvariantCulture));
        console.Write(summary);

        var details = new Grid().AddColumn().AddColumn();
        details.AddRow("Target", Markup.Escape($"{report.Target} → {report.Destination}"));
        details.AddRow("Events", $"{report.Sent:N0} sent, {report.Accepted:N0} accepted, {report.Failed:N0} failed, {report.Missed:N0} behind schedule");
        foreach (var (reason, count) in report.Failures)
            details.AddRow("  failed", Markup.Escape($"{count:N0} × {reason}"));
        if (report.ClientErrors > 0)
            details.AddRow("Client errors", Markup.Escape($"{report.ClientErrors:N0}, last: {report.LastClientError}"));
        var traffic = report.Traffic;
        details.AddRow("Traffic", $"{traffic.Sessions:N0} sessions, {traffic.OutOfOrder:N0} out of order, {traffic.Late:N0} late, {traffic.Duplicates:N0} duplicates (seed {report.Seed})");
        details.AddRow("Latency", latency.Available
            ? Markup.Escape($"{latency.Observations:N0} events applied, mean {Millis(latency.MeanMs)}, from {string.Join(", ", latency.Sources)}")
            : $"[yellow]not available[/]: {Markup.Escape(latency.Problem ?? "")}");
        if (report.Interrupted) details.AddRow("Note", "[yellow]stopped early (Ctrl+C or SIGTERM): the numbers cover the time it ran[/]");
        console.Write(details);
    }

    private static string Number(double value) => value.ToString("#,0.0", CultureInfo.InvariantCulture);

    private static string Millis(double? value) => value is { } ms ? $"{ms.ToString("0.0", CultureInfo.InvariantCulture)} ms" : "n/a";
}
