namespace Analytics.LoadGenerator.Traffic;

/// <summary>One wrong setting: its name and the rule it breaks, so that a caller can show it under its own name for the setting.</summary>
public readonly record struct SettingProblem(string Setting, string Rule)
{
    public override string ToString() => $"{Setting} {Rule}";
}
