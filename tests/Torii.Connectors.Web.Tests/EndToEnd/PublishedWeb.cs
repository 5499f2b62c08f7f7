using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.Connectors.Web.Tests.EndToEnd;

/// <summary>The published torii-web, as users run it. ./test.sh publishes it first; a bare `dotnet test` publishes it here, once per run.</summary>
public static class PublishedWeb
{
    private static readonly Lazy<string> Executable = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Executable.Value;

    private static string Publish()
    {
        string executable = System.IO.Path.Combine(RepositoryPaths.Root, "out", "torii-web", "torii-web");
        return File.Exists(executable)
            ? executable
            : DotnetPublish.Run(["connectors/Torii.Connectors.Web", "-c", "Release", "-o", "out/torii-web"], executable, "connectors/Torii.Connectors.Web");
    }
}
