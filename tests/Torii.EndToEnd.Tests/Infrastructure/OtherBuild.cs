using System.Diagnostics;

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
        var start = new ProcessStartInfo("dotnet", [
            "publish", "src/Torii", "-c", "Release", "-o", output, "--artifacts-path", System.IO.Path.Combine(folder, "artifacts"),
            $"-p:Version={Version}", "-nologo", "-v", "quiet"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var executable = System.IO.Path.Combine(output, "torii");
        if (process.ExitCode != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"publishing the other build failed ({process.ExitCode}):\n{standardOutput.Result}\n{standardError.Result}");
        }

        return executable;
    }
}
