using Analytics.Testing;
using Analytics.Storage.Tests.Grains;
using Analytics.Storage.Tests.Infrastructure;
using Orleans.Storage;

namespace Analytics.Storage.Tests;

public sealed class GrainStorageTests(StorageSilo fixture) : IClassFixture<StorageSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task State_written_by_one_activation_is_read_back_by_the_next()
    {
        var key = NewKey();
        var tally = fixture.Silo.Grains.GetGrain<ITallyGrain>(key);
        Assert.Equal(2, await tally.Add(2));
        Assert.Equal(5, await tally.Add(3));
        var before = await tally.Read();
        Assert.Equal("2", before.ETag);

        await tally.Deactivate();
        var after = await Eventually.Get(
            () => tally.Read(), view => view.Activation != before.Activation, Deadline, "a new activation of the tally");

        Assert.Equal(before with { Activation = after.Activation }, after);
        var (version, payload) = Assert.NotNull(await fixture.StoredRowAsync(key));
        Assert.Equal(2, version);
        var stored = fixture.Serializer.Deserialize<TallyState>(new BinaryData(payload!))!;
        Assert.Equal(5, stored.Total);
        Assert.Equal([2, 3], stored.Amounts);
    }

    [Fact]
    public async Task A_grain_writing_from_a_stale_etag_is_rejected_and_the_other_write_stays()
    {
        var key = NewKey();
        var tally = fixture.Silo.Grains.GetGrain<ITallyGrain>(key);
        await tally.Add(1);

        // Another writer (a duplicate activation, say) reads the same version and writes first.
        var storage = fixture.Storage(TallyGrain.StorageName);
        var other = new GrainState<TallyState>();
        await storage.ReadStateAsync(TallyGrain.StateName, tally.GetGrainId(), other);
        Assert.Equal("1", other.ETag);
        other.State!.Total = 100;
        await storage.WriteStateAsync(TallyGrain.StateName, tally.GetGrainId(), other);
        Assert.Equal("2", other.ETag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => tally.Add(1));

        var (version, payload) = Assert.NotNull(await fixture.StoredRowAsync(key));
        Assert.Equal(2, version);
        Assert.Equal(100, fixture.Serializer.Deserialize<TallyState>(new BinaryData(payload!))!.Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public async Task Of_two_concurrent_writes_from_the_same_etag_exactly_one_wins(string? etag)
    {
        var key = NewKey();
        var grainId = fixture.Silo.Grains.GetGrain<ITallyGrain>(key).GetGrainId();
        var storage = fixture.Storage(TallyGrain.StorageName);
        if (etag is not null) await storage.WriteStateAsync(TallyGrain.StateName, grainId, new GrainState<TallyState>(new TallyState()));

        var writes = new[] { 10, 20 }.Select(async total =>
        {
            var state = new GrainState<TallyState>(new TallyState { Total = total }) { ETag = etag };
            try
            {
                await storage.WriteStateAsync(TallyGrain.StateName, grainId, state);
                return total;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(writes)).Where(total => total != 0).ToList();

        var winner = Assert.Single(winners);
        var (version, payload) = Assert.NotNull(await fixture.StoredRowAsync(key));
        Assert.Equal(etag is null ? 1 : 2, version);
        Assert.Equal(winner, fixture.Serializer.Deserialize<TallyState>(new BinaryData(payload!))!.Total);
    }

    [Theory]
    [InlineData(TallyGrain.StorageName, "2", "3")]
    [InlineData(StorageSilo.DeletingStorageName, null, "1")]
    public async Task Clearing_either_empties_the_row_under_a_new_version_or_deletes_it(
        string provider, string? etagAfterClear, string etagAfterNextWrite)
    {
        var key = NewKey();
        var grainId = fixture.Silo.Grains.GetGrain<ITallyGrain>(key).GetGrainId();
        var storage = fixture.Storage(provider);
        var state = new GrainState<TallyState>(new TallyState { Total = 7 });
        await storage.WriteStateAsync(TallyGrain.StateName, grainId, state);

        await storage.ClearStateAsync(TallyGrain.StateName, grainId, state);

        Assert.Equal(etagAfterClear, state.ETag);
        var reread = new GrainState<TallyState>();
        await storage.ReadStateAsync(TallyGrain.StateName, grainId, reread);
        Assert.False(reread.RecordExists);
        Assert.Equal(etagAfterClear, reread.ETag);
        Assert.Equal(0, reread.State!.Total);
        var row = await fixture.StoredRowAsync(key);
        Assert.Equal(etagAfterClear is null ? null : (int.Parse(etagAfterClear), null), row);

        reread.State.Total = 8;
        await storage.WriteStateAsync(TallyGrain.StateName, grainId, reread);
        Assert.Equal(etagAfterNextWrite, reread.ETag);
    }

    // Grains in this class share one database and service id, so each test takes keys of its own.
    private static long NewKey() => Random.Shared.NextInt64(1, long.MaxValue);
}
