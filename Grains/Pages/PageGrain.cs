using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Pages;

/// <summary>
/// One page's final page views per second, kept for the retention period as one array per minute. The
/// reducer hands over a minute only when it is complete and final, and forgets it once this grain saved
/// it, so the grain saves on every hand-over (once a minute at most) and holds no unsaved data.
/// </summary>
internal sealed class PageGrain(
    [PersistentState("page", GridOptions.Storage)] IPersistentState<SortedDictionary<long, int[]>> state,
    IOptions<GridOptions> grid) : Grain, IPageGrain
{
    public async Task Append(PageMinute[] minutes)
    {
        foreach (var minute in minutes) state.State[minute.Minute] = minute.Seconds;
        var oldest = state.State.Keys.LastOrDefault() - (long)grid.Value.FinalRetention.TotalMilliseconds;
        while (state.State.Count > 0 && state.State.Keys.First() < oldest) state.State.Remove(state.State.Keys.First());
        await state.WriteStateAsync();
    }

    public Task<WindowAnswer[]> GetSeconds(long from, long to)
    {
        var answers = new List<WindowAnswer>();
        foreach (var (minute, seconds) in state.State)
        {
            if (minute + WindowShapes.TopPagesSize <= from || minute >= to) continue;
            for (var i = 0; i < seconds.Length; i++)
            {
                var start = minute + i * WindowShapes.Second;
                if (seconds[i] > 0 && start >= from && start < to) answers.Add(new WindowAnswer(start, new WindowValue(seconds[i]), Final: true));
            }
        }
        return Task.FromResult(answers.ToArray());
    }
}
