namespace Analytics.Storage.Tests.Infrastructure;

/// <summary>Waits for an observable condition with a deadline, instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting for {what}; last seen: {last}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
