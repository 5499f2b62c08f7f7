namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>Where the repository and the published torii executable are.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string PublishedTorii => Path.Combine(Root, "out", "torii", "torii");

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
