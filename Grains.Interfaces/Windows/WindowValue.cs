namespace Analytics.Grains.Interfaces.Windows;

/// <summary>The counts of one window (their meaning depends on its <see cref="WindowFamily"/>).</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowValue([property: Id(0)] long A, [property: Id(1)] long B = 0, [property: Id(2)] long C = 0)
{
    public static readonly WindowValue Zero = new(0);

    public bool IsZero => A == 0 && B == 0 && C == 0;

    public static WindowValue operator +(WindowValue x, WindowValue y) => new(x.A + y.A, x.B + y.B, x.C + y.C);

    public static WindowValue operator -(WindowValue x, WindowValue y) => new(x.A - y.A, x.B - y.B, x.C - y.C);
}

/// <summary>A window: its family, its start (ms), and for per-page windows the page.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowKey([property: Id(0)] WindowFamily Family, [property: Id(1)] long Start, [property: Id(2)] string? Page = null);

[GenerateSerializer, Immutable]
public readonly record struct WindowEntry([property: Id(0)] WindowKey Key, [property: Id(1)] WindowValue Value);
