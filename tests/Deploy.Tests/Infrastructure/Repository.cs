namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository these tests run from: found by walking up to Analytics.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Repository-relative paths with '/' separators, sorted, for messages that name files.</summary>
    public static IReadOnlyList<string> Files(string folder, string pattern) =>
        [.. Directory.GetFiles(PathOf(folder), pattern)
            .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Analytics.sln above {AppContext.BaseDirectory}");
    }
}
