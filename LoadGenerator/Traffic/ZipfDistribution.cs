namespace Analytics.LoadGenerator.Traffic;

/// <summary>Ranks 0 … n−1 drawn with probability proportional to 1/(rank+1)^exponent, by search in the cumulative table.</summary>
internal sealed class ZipfDistribution
{
    private readonly double[] _cumulative;

    public ZipfDistribution(int count, double exponent)
    {
        _cumulative = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
            _cumulative[rank] = total += Math.Pow(rank + 1, -exponent);
        for (var rank = 0; rank < count; rank++)
            _cumulative[rank] /= total;
        // Rounding may leave the last entry a hair below 1; a draw just under 1 must still find a rank.
        _cumulative[^1] = 1.0;
    }

    public int Count => _cumulative.Length;

    /// <param name="unit">A uniform draw in [0, 1).</param>
    public int Sample(double unit)
    {
        var index = Array.BinarySearch(_cumulative, unit);
        // Not found: the complement is the first entry above the draw. Found: the draw sits on a boundary and belongs above it.
        return index < 0 ? ~index : Math.Min(index + 1, _cumulative.Length - 1);
    }
}
