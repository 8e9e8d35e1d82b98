namespace Analytics.LoadGenerator.Cli;

/// <summary>The load levels of the system the grid replaces, so that results compare with its table.</summary>
public enum Scenario
{
    Normal,
    Peak,
    Stress,
    Maximum,
}

public static class Scenarios
{
    /// <summary>Events per second of a scenario; null for <see cref="Scenario.Maximum"/>: as fast as the target takes them.</summary>
    public static double? RateOf(Scenario scenario) => scenario switch
    {
        Scenario.Normal => 200,
        Scenario.Peak => 500,
        Scenario.Stress => 1000,
        _ => null,
    };
}
