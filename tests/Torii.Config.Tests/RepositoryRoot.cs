namespace Torii.Config.Tests;

/// <summary>Finds the repository checkout the tests run from: the folder that holds Torii.slnx.</summary>
internal static class RepositoryRoot
{
    public static string? TryFind()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Torii.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    public static string Find() =>
        TryFind() ?? throw new InvalidOperationException(
            $"no folder containing Torii.slnx above {AppContext.BaseDirectory}");
}
