namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A second, separately compiled build of torii that reports another version: the same sources
/// published with another Version property, into a folder of its own (its own intermediate files
/// too, so the main build is not touched). Published once per test run, on first use.
/// </summary>
public static class OtherBuild
{
    public const string Version = "1.0.1-upgrade-test";

    private static readonly Lazy<string> Path = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Torii => Path.Value;

    private static string Publish()
    {
        var folder = Directory.CreateTempSubdirectory("torii-other-build-").FullName;
        var output = System.IO.Path.Combine(folder, "out");
        return DotnetPublish.Run(
            ["src/Torii", "-c", "Release", "-o", output, "--artifacts-path", System.IO.Path.Combine(folder, "artifacts"), $"-p:Version={Version}"],
            System.IO.Path.Combine(output, "torii"),
            $"torii {Version}");
    }
}
