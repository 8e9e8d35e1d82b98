using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Interfaces.Visitors;

/// <summary>
/// An API host's copy of the current salt: it asks the grid's <see cref="ISaltGrain"/> once per period (by this host's
/// clock) and keeps the answer until the period ends. A failed ask is logged and not kept, so the next request asks
/// again.
/// </summary>
public sealed partial class VisitorSalts(ISaltGrain grain, TimeProvider time, IOptions<VisitorOptions> options, ILogger<VisitorSalts> logger)
{
    /// <summary>How long a request waits for the grid's answer before it is answered 503.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private Ask? _current;

    /// <summary>The salt of the period the current time lies in; throws when the grid does not answer in time.</summary>
    public Task<byte[]> CurrentAsync()
    {
        var period = SaltPeriod.Containing(time.GetUtcNow(), options.Value.SaltPeriod);
        var current = Volatile.Read(ref _current);
        if (current is null || current.Period != period || current.Salt.IsFaulted || current.Salt.IsCanceled)
        {
            // Requests racing here may each ask; the grain hands every one of them the same salt.
            current = new Ask(period, AskAsync(period));
            Volatile.Write(ref _current, current);
        }
        return current.Salt;
    }

    private async Task<byte[]> AskAsync(SaltPeriod period)
    {
        try
        {
            return await grain.GetSalt(period).WaitAsync(Timeout, time);
        }
        catch (Exception e)
        {
            LogUnavailable(period, e);
            throw;
        }
    }

    private sealed record Ask(SaltPeriod Period, Task<byte[]> Salt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No salt for cookieless visitors of {Period} from the grid: events without a visitor are answered 503 until it answers")]
    private partial void LogUnavailable(SaltPeriod period, Exception exception);
}
