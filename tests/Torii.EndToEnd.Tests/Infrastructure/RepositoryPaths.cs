namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the published torii executable are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string PublishedTorii => Path.Combine(Root, "out", "torii", "torii");

    /// <summary>
    /// The files under examples/ (or its <paramref name="folder"/>) named <paramref name="searchPattern"/>, relative
    /// to the root and in a stable order, found by walking the folder so that a new example is covered by the
    /// tests that read them.
    /// </summary>
    public static TheoryData<string> Examples(string searchPattern, string folder = "")
    {
        var files = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Path.Combine(Root, "examples", folder), searchPattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Root, path));
        }

        return files;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Torii.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Torii.slnx above {AppContext.BaseDirectory}");
    }
}
