namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The model owns its generator because <see cref="Random"/> does not
/// promise the same sequence for a seed across .NET versions, and recorded benchmark runs must be repeatable.
/// </summary>
internal sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        _s0 = Mix(seed += 0x9E3779B97F4A7C15);
        _s1 = Mix(seed += 0x9E3779B97F4A7C15);
        _s2 = Mix(seed += 0x9E3779B97F4A7C15);
        _s3 = Mix(seed + 0x9E3779B97F4A7C15);
    }

    /// <summary>SplitMix64's finaliser: a bijection on 64 bits, so distinct inputs always give distinct outputs.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from any 64 bits.</summary>
    public static double Unit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    public ulong NextBits()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    public double NextDouble() => Unit(NextBits());

    /// <summary>A uniform integer in [0, max): the high bits scaled, bias below 2^-32.</summary>
    public int Next(int max) => (int)(((NextBits() >> 32) * (ulong)max) >> 32);

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Log-uniform in [min, max]: short values common, long ones possible, as think times and absences are.</summary>
    public long LogUniform(long min, long max) =>
        min >= max ? min : Math.Clamp((long)Math.Round(min * Math.Pow((double)max / min, NextDouble())), min, max);

    /// <summary>Failures before the first success with the given chance of success: 0, 1, 2, … with mean (1 − p) / p.</summary>
    public int Geometric(double success) =>
        success >= 1 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(Math.Log(1 - NextDouble()) / Math.Log(1 - success)));
}
