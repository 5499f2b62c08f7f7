namespace Torii.Config.Tests.Toml;

/// <summary>
/// Runs the repository's own TOML 1.0.0 cases (TomlSpec/, written from the specification), so that a
/// clone without the third-party toml-test data still checks every section of the format.
/// </summary>
public sealed class TomlSpecTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TomlSpec");

    public static TheoryData<string> Cases() => new(CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string name)
    {
        TomlCase.Check(Folder, name);
    }

    [Fact]
    public void Every_valid_case_has_its_expected_json_and_both_kinds_are_there()
    {
        var names = CaseNames();

        Assert.Contains(names, name => name.StartsWith("invalid/", StringComparison.Ordinal));
        Assert.Contains(names, name => name.StartsWith("valid/", StringComparison.Ordinal));
        Assert.All(
            names.Where(name => name.StartsWith("valid/", StringComparison.Ordinal)),
            name => Assert.True(File.Exists(Path.Combine(Folder, Path.ChangeExtension(name, ".json"))), $"{name} has no expected JSON"));
        Assert.All(names, name => Assert.Matches("^(valid|invalid)/", name));
    }

    /// <summary>Every .toml file under TomlSpec/, as paths relative to it with forward slashes.</summary>
    private static List<string> CaseNames() =>
        [.. Directory.EnumerateFiles(Folder, "*.toml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
}
