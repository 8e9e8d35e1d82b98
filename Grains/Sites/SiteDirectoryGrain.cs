using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.Grains.Sites;

/// <summary>The sites the grid has seen and their event counts, as their reducers last told it.</summary>
internal sealed class SiteDirectoryGrain(
    [PersistentState("sites", GridOptions.Storage)] IPersistentState<Dictionary<string, long>> state) : Grain, ISiteDirectoryGrain
{
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) { Interleave = false });
        return Task.CompletedTask;
    }

    public Task Update(string site, long events)
    {
        state.State[site] = events;
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<SiteCount[]> GetSites() =>
        Task.FromResult(state.State.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => new SiteCount(s.Key, s.Value)).ToArray());

    // The counts are derived (reducers send them again as they change), so saving now and then is enough.
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (!_dirty) return;
        await state.WriteStateAsync(cancellationToken);
        _dirty = false;
    }
}
