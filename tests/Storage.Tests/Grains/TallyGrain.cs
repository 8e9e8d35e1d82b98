namespace Analytics.Storage.Tests.Grains;

public sealed class TallyGrain(
    [PersistentState(TallyGrain.StateName, TallyGrain.StorageName)] IPersistentState<TallyState> state)
    : Grain, ITallyGrain
{
    /// <summary>The ADO.NET grain storage provider the tests register under this name.</summary>
    public const string StorageName = "postgres";

    /// <summary>The name the storage provider receives for this state (it stores it as the grain type).</summary>
    public const string StateName = "tally";

    // New for every activation, so a caller can tell a reactivation from the same activation.
    private readonly Guid _activation = Guid.NewGuid();

    public async Task<int> Add(int amount)
    {
        state.State.Total += amount;
        state.State.Amounts.Add(amount);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<TallyView> Read() => Task.FromResult(new TallyView(state.State.Total, state.Etag, _activation));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
