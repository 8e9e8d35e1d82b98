namespace Analytics.Storage.Tests.Grains;

/// <summary>A grain whose only job is to keep a running total in ADO.NET grain storage.</summary>
public interface ITallyGrain : IGrainWithIntegerKey
{
    /// <summary>Adds to the total and writes the state before answering.</summary>
    Task<int> Add(int amount);

    Task<TallyView> Read();

    /// <summary>Asks for this activation to go once the call completes; the next call activates a new one.</summary>
    Task Deactivate();
}
