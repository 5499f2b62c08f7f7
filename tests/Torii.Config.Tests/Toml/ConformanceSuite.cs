namespace Torii.Config.Tests.Toml;

/// <summary>The official toml-test data, expected at ../shared/conformance/toml-test from the repository root.</summary>
internal static class ConformanceSuite
{
    private const string CaseList = "files-toml-1.0.0";

    /// <summary>The tests/ folder of the suite, or null when it is not there.</summary>
    public static string? TestsFolder
    {
        get
        {
            var root = RepositoryRoot.TryFind();
            if (root is null)
            {
                return null;
            }

            var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "conformance", "toml-test", "tests"));
            return File.Exists(Path.Combine(folder, CaseList)) ? folder : null;
        }
    }

    public static string ExpectedLocation =>
        Path.GetFullPath(Path.Combine(RepositoryRoot.TryFind() ?? AppContext.BaseDirectory, "..", "shared", "conformance", "toml-test"));

    /// <summary>Why the suite's tests are skipped, or null when its data is there.</summary>
    public static string? SkipReason => TestsFolder is null ? $"conformance data not found at {ExpectedLocation}" : null;

    /// <summary>
    /// Every .toml case of TOML 1.0.0, as paths relative to tests/ (valid/... or invalid/...);
    /// none when the data is absent, where the theory is skipped before its data is read.
    /// </summary>
    public static IReadOnlyList<string> CaseNames()
    {
        var folder = TestsFolder;
        if (folder is null)
        {
            return [];
        }

        return File.ReadAllLines(Path.Combine(folder, CaseList))
            .Select(line => line.Trim())
            .Where(line => line.EndsWith(".toml", StringComparison.Ordinal))
            .ToList();
    }
}
