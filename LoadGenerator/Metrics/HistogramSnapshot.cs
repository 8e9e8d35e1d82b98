namespace Analytics.LoadGenerator.Metrics;

/// <summary>
/// A Prometheus histogram at one moment: cumulative counts by upper bound (the last one +Inf), its sum and count.
/// Series of the same histogram with other labels (silos, scopes) are added together.
/// </summary>
public sealed record HistogramSnapshot(IReadOnlyList<HistogramBucket> Buckets, double Sum, double Count)
{
    /// <summary>What happened between <paramref name="earlier"/> and this one; null when a counter went back (the process restarted).</summary>
    public HistogramSnapshot? Since(HistogramSnapshot earlier)
    {
        var before = earlier.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
        var buckets = new List<HistogramBucket>(Buckets.Count);
        foreach (var bucket in Buckets)
        {
            var delta = bucket.Count - before.GetValueOrDefault(bucket.UpperBound);
            if (delta < 0) return null;
            buckets.Add(bucket with { Count = delta });
        }
        var count = Count - earlier.Count;
        return count < 0 ? null : new HistogramSnapshot(buckets, Sum - earlier.Sum, count);
    }

    /// <summary>This histogram and another with the same bounds (another process's), added together.</summary>
    public HistogramSnapshot Plus(HistogramSnapshot other)
    {
        var theirs = other.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
        return new HistogramSnapshot(
            [.. Buckets.Select(b => b with { Count = b.Count + theirs.GetValueOrDefault(b.UpperBound) })], Sum + other.Sum, Count + other.Count);
    }

    /// <summary>
    /// The q-quantile as Prometheus' <c>histogram_quantile</c> computes it: find the bucket holding rank q × count
    /// and interpolate linearly inside it (from 0 for the first bucket); a rank in the +Inf bucket gives the
    /// highest finite bound. NaN when there are no observations.
    /// </summary>
    public double Quantile(double q)
    {
        if (Buckets.Count < 2 || !double.IsPositiveInfinity(Buckets[^1].UpperBound)) return double.NaN;
        var observations = Buckets[^1].Count;
        if (observations <= 0) return double.NaN;
        var rank = q * observations;
        var b = 0;
        while (b < Buckets.Count - 1 && Buckets[b].Count < rank) b++;
        if (b == Buckets.Count - 1) return Buckets[^2].UpperBound;
        if (b == 0 && Buckets[0].UpperBound <= 0) return Buckets[0].UpperBound;

        var start = b == 0 ? 0 : Buckets[b - 1].UpperBound;
        var below = b == 0 ? 0 : Buckets[b - 1].Count;
        return start + (Buckets[b].UpperBound - start) * ((rank - below) / (Buckets[b].Count - below));
    }
}

public readonly record struct HistogramBucket(double UpperBound, double Count);
