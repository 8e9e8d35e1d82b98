namespace Analytics.Grains.Interfaces.Visitors;

/// <summary>
/// The span of time one salt lasts, <c>[Start, End)</c> in Unix epoch milliseconds. Periods are aligned to the epoch,
/// so every API host with the same <c>Visitors:SaltPeriod</c> names the same period at the same moment.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct SaltPeriod([property: Id(0)] long Start, [property: Id(1)] long End)
{
    /// <summary>The period of the given length that holds <paramref name="time"/>.</summary>
    public static SaltPeriod Containing(DateTimeOffset time, TimeSpan length)
    {
        var at = time.ToUnixTimeMilliseconds();
        var ms = (long)length.TotalMilliseconds;
        var start = at - (at % ms + ms) % ms;
        return new SaltPeriod(start, start + ms);
    }

    public bool Contains(DateTimeOffset time) => time.ToUnixTimeMilliseconds() is var at && at >= Start && at < End;

    public override string ToString() =>
        $"[{DateTimeOffset.FromUnixTimeMilliseconds(Start):O}, {DateTimeOffset.FromUnixTimeMilliseconds(End):O})";
}
