namespace Torii.Pulsar.Tests;

/// <summary>Finds the captured Pulsar frames: <c>../shared/conformance/pulsar-frames</c> from the repository root.</summary>
internal static class ConformanceFolder
{
    /// <summary>The folder holding the <c>.frame</c> files, or null with the reason.</summary>
    public static string? TryLocateFrames(out string problem)
    {
        string? root = FindRepositoryRoot();
        if (root is null)
        {
            problem = $"conformance data not found: no folder containing Torii.slnx above {AppContext.BaseDirectory}";
            return null;
        }

        string conformance = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "pulsar-frames"));
        string frames = Path.Combine(conformance, "testdata", "frames");
        if (!Directory.Exists(frames))
        {
            problem = $"conformance data not found at {frames}";
            return null;
        }

        problem = string.Empty;
        return frames;
    }

    /// <summary>Why the tests over the frames are skipped, or null when the frames are there.</summary>
    public static string? SkipReason => TryLocateFrames(out string problem) is null ? problem : null;

    /// <summary>The frames folder; fails the test with a plain message when it is missing.</summary>
    public static string LocateFrames()
    {
        string? frames = TryLocateFrames(out string problem);
        if (frames is null)
        {
            Assert.Fail(problem);
        }

        return frames;
    }

    private static string? FindRepositoryRoot()
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
}
