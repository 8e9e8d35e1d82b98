namespace Analytics.Testing;

/// <summary>Waits for an observable condition, with a deadline: never a bare sleep.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var last = await probe();
            if (done(last))
                return last;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting for {what}; last seen: {last}");
            await Task.Delay(Poll);
        }
    }

    public static Task True(Func<bool> condition, TimeSpan deadline, string what) =>
        Get(() => Task.FromResult(condition()), done => done, deadline, what);
}
