namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>Where the repository and the grid's built programs are: the same configuration as this test.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    // bin/{Configuration}/net10.0/
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Output(string project)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", $"{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built ({path}); build the solution first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (with Analytics.sln) is not above the test's folder.");
    }
}
