namespace Analytics.Grains.Interfaces.Audience;

/// <summary>The silos keep no raw events (<c>EventStore:Provider=None</c>), so breakdowns and visitors cannot be answered.</summary>
[GenerateSerializer]
public sealed class EventStoreOffException : Exception
{
    public EventStoreOffException()
        : base("The silos keep no raw events (EventStore:Provider is None): breakdowns and visitors are off.")
    {
    }
}
