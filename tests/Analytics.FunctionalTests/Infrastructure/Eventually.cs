namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>Waits for an observable condition, with a deadline: never a bare sleep.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Gave up after {deadline.TotalSeconds:0} s waiting for {what}; last seen: {Describe(last)}");
            await Task.Delay(100);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object>()),
        _ => value?.ToString() ?? "null",
    };
}
