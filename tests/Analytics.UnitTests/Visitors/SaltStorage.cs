using Analytics.Grains.Interfaces.Visitors;
using Analytics.Grains.Visitors;

namespace Analytics.UnitTests.Visitors;

/// <summary>The salt grain's storage: what it last saved (copied, as a database holds its own copy), and writes that fail on demand.</summary>
internal sealed class SaltStorage : IPersistentState<SaltState>
{
    public SaltState State { get; set; } = new();

    public string? Etag { get; set; }

    public bool RecordExists { get; set; }

    /// <summary>The periods and salts (in hex) of the last successful write, oldest first.</summary>
    public List<(SaltPeriod Period, string Salt)> Saved { get; private set; } = [];

    public bool FailWrites { get; set; }

    public Task WriteStateAsync()
    {
        if (FailWrites) return Task.FromException(new TimeoutException("the database did not answer"));
        Saved = [.. State.Salts.Select(s => (s.Period, Convert.ToHexString(s.Salt)))];
        RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ReadStateAsync() => Task.CompletedTask;

    public Task ClearStateAsync() => throw new NotSupportedException();
}
