using System.Globalization;
using Analytics.LoadGenerator.Pacing;
using Analytics.LoadGenerator.Running;
using Spectre.Console;

namespace Analytics.LoadGenerator.Reporting;

/// <summary>
/// Shows rate, sent events and errors while a run goes on: one line redrawn in place on a terminal, a line
/// every few seconds when the output goes to a file or a CI log.
/// </summary>
public static class LiveProgress
{
    private static readonly TimeSpan TerminalRefresh = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LogRefresh = TimeSpan.FromSeconds(5);

    // Batches arrive in steps; a rate over the last few seconds does not flicker with the refresh.
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    public static async Task<T> ShowAsync<T>(IAnsiConsole console, Task<T> run, RunStatistics statistics, RatePacer pacer, TimeSpan duration)
    {
        var started = TimeProvider.System.GetTimestamp();
        var samples = new Queue<(TimeSpan At, long Accepted)>([(TimeSpan.Zero, 0L)]);
        string Line()
        {
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var accepted = statistics.Accepted;
            while (samples.Count > 1 && elapsed - samples.Peek().At > RateWindow) samples.Dequeue();
            var (since, before) = samples.Peek();
            var rate = elapsed > since ? (accepted - before) / (elapsed - since).TotalSeconds : 0;
            samples.Enqueue((elapsed, accepted));
            var clientError = statistics.LastClientError is { } e ? $"  [red]{Markup.Escape(e)}[/]" : "";
            return string.Create(CultureInfo.InvariantCulture,
                $"[bold]{elapsed.TotalSeconds,5:0}[/]/{duration.TotalSeconds:0} s  rate [bold]{rate,9:#,0.0}[/]/s  sent {statistics.Sent:N0}  accepted {statistics.Accepted:N0}  errors {statistics.Failed:N0}  behind schedule {pacer.Missed:N0}{clientError}");
        }

        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            await console.Live(new Markup(Line())).StartAsync(async live =>
            {
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(TerminalRefresh));
                    live.UpdateTarget(new Markup(Line()));
                }
            });
        }
        else
        {
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(LogRefresh));
                if (!run.IsCompleted) console.MarkupLine(Line());
            }
        }
        return await run;
    }
}
