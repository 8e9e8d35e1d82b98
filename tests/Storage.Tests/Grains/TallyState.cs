namespace Analytics.Storage.Tests.Grains;

/// <summary>The stored state; the list makes the payload more than a single number.</summary>
[GenerateSerializer]
public sealed class TallyState
{
    [Id(0)]
    public int Total { get; set; }

    [Id(1)]
    public List<int> Amounts { get; set; } = [];
}
