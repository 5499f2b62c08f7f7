using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>A config with a TOML or a semantic error is refused by both `start` and `config check`, with file:line:col.</summary>
public sealed class ConfigErrorTests
{
    public static TheoryData<string, string, string> BrokenConfigs => new()
    {
        { "toml syntax", "max_connections = \n", ":1:" },
        { "unknown key", "max_connectoins = 10\n", ":1:1" },
        { "wrong type", "max_connections = \"many\"\n", ":1:" },
        { "bad address", "[[listeners]]\nprotocol = \"http\"\naddress = \"127.0.0.1:99999\"\n", ":3:" },
        { "unknown protocol", "[[listeners]]\nprotocol = \"gopher\"\naddress = \"127.0.0.1:8080\"\n", ":2:" },
        { "frontend without listener", "[clusters.app]\nprotocol = \"http\"\nfrontends = [{ address = \"127.0.0.1:1\", hostname = \"a.test\" }]\n", ":3:" },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigs))]
    public async Task Config_check_and_start_refuse_with_a_position(string shape, string config, string expectedPosition)
    {
        var directory = Directory.CreateTempSubdirectory("torii-config-").FullName;
        var path = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(path, config);

        var check = await CliRunner.RunAsync(directory, "config", "check", "-c", path);
        Assert.True(check.ExitCode == 1, $"{shape}: {check}");
        Assert.Contains($"config.toml{expectedPosition}", check.StandardError);

        var start = await CliRunner.RunAsync(directory, "start", "-c", path);
        Assert.True(start.ExitCode == 1, $"{shape}: {start}");
        Assert.Contains($"config.toml{expectedPosition}", start.StandardError);
    }

    [Fact]
    public async Task Semantic_error_found_only_when_applying_names_the_request_origin()
    {
        var directory = Directory.CreateTempSubdirectory("torii-config-").FullName;
        var path = Path.Combine(directory, "config.toml");
        var port = FreePort.Next();
        await File.WriteAllTextAsync(path, $"""
            [[listeners]]
            protocol = "http"
            address = "127.0.0.1:{port}"

            [[listeners]]
            protocol = "tcp"
            address = "127.0.0.1:{port}"
            """);

        var check = await CliRunner.RunAsync(directory, "config", "check", "-c", path);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("config.toml:5:", check.StandardError);
        Assert.Contains("already exists", check.StandardError);
    }

    [Fact]
    public async Task Shipped_config_passes_the_check()
    {
        var check = await CliRunner.RunAsync(RepositoryPaths.Root, "config", "check", "-c", Path.Combine(RepositoryPaths.Root, "config.toml"));
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("OK", check.StandardOutput);
    }
}
