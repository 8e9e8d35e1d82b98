using Analytics.Grains.Interfaces.Visitors;

namespace Analytics.Grains.Visitors;

/// <summary>What the salt grain saves: the salts it still keeps, oldest first (two while the period length stays the same).</summary>
[GenerateSerializer]
internal sealed class SaltState
{
    [Id(0)] public List<PeriodSalt> Salts { get; set; } = [];
}

[GenerateSerializer]
internal sealed class PeriodSalt
{
    [Id(0)] public SaltPeriod Period { get; set; }

    /// <summary>32 random bytes.</summary>
    [Id(1)] public byte[] Salt { get; set; } = [];
}
