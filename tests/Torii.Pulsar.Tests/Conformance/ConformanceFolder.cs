namespace Torii.Pulsar.Tests;

/// <summary>Finds the captured Pulsar frames: <c>../shared/conformance/pulsar-frames</c> from the repository root.</summary>
internal static class ConformanceFolder
{
    /// <summary>Stands in for the file names when the folder is missing, so the theory still runs and fails plainly.</summary>
    public const string MissingMarker = "(conformance folder missing)";

    /// <summary>The folder holding the <c>.frame</c> files, or null with the reason.</summary>
    public static string? TryLocateFrames(out string problem)
    {
        string? root = FindRepositoryRoot();
        if (root is null)
        {
            problem = $"no folder containing Torii.slnx above {AppContext.BaseDirectory}";
            return null;
        }

        string conformance = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "pulsar-frames"));
        string frames = Path.Combine(conformance, "testdata", "frames");
        if (!Directory.Exists(frames))
        {
            problem = $"the Pulsar conformance frames are missing: expected the folder {frames} " +
                "(../shared/conformance/pulsar-frames next to the repository root)";
            return null;
        }

        problem = string.Empty;
        return frames;
    }

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
