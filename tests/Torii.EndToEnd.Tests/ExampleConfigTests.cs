using System.Text.RegularExpressions;
using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>
/// Every config.toml under examples/ (found by walking the folder, so a new example is covered
/// without touching this file) passes the real `torii config check`, and binds nothing but
/// loopback or the wildcard address.
/// </summary>
public sealed partial class ExampleConfigTests
{
    public static TheoryData<string> ExampleConfigs() => RepositoryPaths.Examples("config.toml");

    [Fact]
    public void The_walk_finds_the_shipped_examples()
    {
        var found = ExampleConfigs().Cast<object[]>().Select(row => (string)row[0]).ToList();

        Assert.Contains(Path.Combine("examples", "paas-edge", "config.toml"), found);
        Assert.Contains(Path.Combine("examples", "postgresql", "config.toml"), found);
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public async Task Config_check_accepts_the_example(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Root, relativePath);

        var check = await CliRunner.RunAsync(Path.GetDirectoryName(path)!, "config", "check", "-c", path);

        Assert.True(check.ExitCode == 0, $"{relativePath}: {check}");
        Assert.Contains($"{path}: OK", check.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void The_example_uses_only_loopback_or_wildcard_addresses(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath));

        var others = Ipv4Address().Matches(text).Select(match => match.Value).Where(address => address is not ("127.0.0.1" or "0.0.0.0")).ToList();

        Assert.True(others.Count == 0, $"{relativePath} names {string.Join(", ", others)}");
    }

    [GeneratedRegex(@"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")]
    private static partial Regex Ipv4Address();
}
