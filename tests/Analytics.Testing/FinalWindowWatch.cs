using Xunit;

namespace Analytics.Testing;

/// <summary>One window as a user sees it: the series it belongs to (site, metric, page), its start, its value and its flag.</summary>
public readonly record struct SeenWindow(string Series, long Start, double Value, bool Final);

/// <summary>
/// Watches what the grid shows while a test runs, and keeps the first value of each window shown final. "Final" is a
/// promise: a window shown final must never show another value, nor turn provisional again. A window that was wrong when
/// first shown final and was corrected later shows up here, though the grid's last answer would look right.
/// </summary>
public sealed class FinalWindowWatch : IAsyncDisposable
{
    private readonly Func<Task<IEnumerable<SeenWindow>>> _read;
    private readonly Dictionary<(string Series, long Start), double> _firstFinal = [];
    private readonly List<string> _broken = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _reads;

    /// <param name="read">Everything the grid shows now (through the API, the hub or the grains). Failures (a silo going away) are skipped.</param>
    /// <param name="every">The pause between two reads.</param>
    public FinalWindowWatch(Func<Task<IEnumerable<SeenWindow>>> read, TimeSpan every)
    {
        _read = read;
        _loop = Task.Run(async () =>
        {
            // A pause after each read, however long the read took: the watch must not keep the grid busy answering it.
            try
            {
                while (true)
                {
                    await ReadOnceAsync();
                    await Task.Delay(every, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>Reads once more, then stops, and answers the first value of each window shown final.</summary>
    public async Task<IReadOnlyDictionary<(string Series, long Start), double>> StopAsync()
    {
        _stop.Cancel();
        await _loop;
        await ReadOnceAsync();
        lock (_firstFinal)
        {
            Assert.True(_reads > 1, "the grid was never read while the test ran");
            Assert.True(_broken.Count == 0, $"windows shown final changed afterwards:{Environment.NewLine}{string.Join(Environment.NewLine, _broken.Take(30))}");
            return new Dictionary<(string, long), double>(_firstFinal);
        }
    }

    /// <summary>The windows first shown final whose value is not the reference's (by series name, then start).</summary>
    public static List<string> WrongFinals(
        IReadOnlyDictionary<(string Series, long Start), double> firstFinal, IReadOnlyDictionary<string, SortedDictionary<long, double>> expected)
    {
        var wrong = new List<string>();
        foreach (var ((series, start), value) in firstFinal)
        {
            if (!expected.TryGetValue(series, out var windows)) continue;
            if (!windows.TryGetValue(start, out var reference)) wrong.Add($"{series} {start}: shown final with {value}, the reference has no such window");
            else if (Math.Abs(reference - value) > 1e-9) wrong.Add($"{series} {start}: shown final with {value}, the reference says {reference}");
        }
        return wrong;
    }

    private async Task ReadOnceAsync()
    {
        IEnumerable<SeenWindow> seen;
        try
        {
            seen = (await _read()).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }
        lock (_firstFinal)
        {
            _reads++;
            foreach (var w in seen)
            {
                if (_firstFinal.TryGetValue((w.Series, w.Start), out var first))
                {
                    if (!w.Final) _broken.Add($"{w.Series} {w.Start}: shown final with {first}, later provisional with {w.Value}");
                    else if (Math.Abs(first - w.Value) > 1e-9) _broken.Add($"{w.Series} {w.Start}: shown final with {first}, later with {w.Value}");
                }
                else if (w.Final)
                {
                    _firstFinal[(w.Series, w.Start)] = w.Value;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
