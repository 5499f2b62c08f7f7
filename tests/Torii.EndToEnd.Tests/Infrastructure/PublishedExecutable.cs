namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The end-to-end tests run the published executable, as users do. ./test.sh
/// publishes it first; when it is missing (a bare `dotnet test`), it is published
/// here once per test run.
/// </summary>
public static class PublishedExecutable
{
    private static readonly Lazy<string> Path = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Torii => Path.Value;

    private static string Publish()
    {
        var executable = RepositoryPaths.PublishedTorii;
        if (File.Exists(executable))
        {
            return executable;
        }

        return DotnetPublish.Run(["src/Torii", "-c", "Release", "-o", "out/torii"], executable, "src/Torii");
    }
}
