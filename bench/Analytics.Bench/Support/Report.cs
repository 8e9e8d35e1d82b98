namespace Analytics.Bench.Support;

/// <summary>What one command measured, for RESULTS.md: how it was run, what it printed, and the project's targets it checks.</summary>
internal sealed record Section(string Title, string CommandLine, double[] LoadBefore, string Markdown, IReadOnlyList<TargetCheck> Targets, IReadOnlyList<Headline> Headlines);

/// <summary>One of the project's targets, as measured; <paramref name="Limit"/> says what held it back when missed.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool Met, string? Limit = null);

/// <summary>A number for the README's one-line summary.</summary>
internal sealed record Headline(string Name, string Value);

/// <summary>The sections of this process's runs, in order: <c>all</c> writes them to RESULTS.md.</summary>
internal static class Report
{
    private static readonly List<Section> Added = [];

    public static IReadOnlyList<Section> Sections => Added;

    public static void Add(Section section) => Added.Add(section);
}
