using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

/// <summary>The command socket path replaces only a stale socket: a mistyped path never destroys a file.</summary>
public sealed class CommandSocketPathTests
{
    private const string Precious = "# the operator's config, which a typo in command_socket must not destroy\n";

    [Fact]
    public async Task Start_refuses_a_command_socket_path_that_is_a_regular_file_and_leaves_it_intact()
    {
        var directory = Directory.CreateTempSubdirectory("torii-e2e-").FullName;
        var config = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(config, $"command_socket = \"config.toml\"\n{Precious}");

        var start = await CliRunner.RunAsync(directory, "start", "-c", config);

        Assert.Equal(1, start.ExitCode);
        Assert.Contains("exists and is not a socket", start.StandardError);
        Assert.Equal($"command_socket = \"config.toml\"\n{Precious}", await File.ReadAllTextAsync(config));
    }

    [Fact]
    public async Task Config_check_reports_a_command_socket_path_that_is_not_a_socket()
    {
        var directory = Directory.CreateTempSubdirectory("torii-e2e-").FullName;
        var config = Path.Combine(directory, "config.toml");
        await File.WriteAllTextAsync(config, "command_socket = \"state\"\n");
        Directory.CreateDirectory(Path.Combine(directory, "state"));

        var check = await CliRunner.RunAsync(directory, "config", "check", "-c", config);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("command_socket", check.StandardError);
        Assert.Contains("exists and is not a socket", check.StandardError);
        Assert.True(Directory.Exists(Path.Combine(directory, "state")));
    }

    [Fact]
    public async Task A_stale_socket_left_by_a_crashed_proxy_is_replaced()
    {
        await using var crashed = await ToriiProcess.StartAsync("");
        await crashed.KillAsync(); // a killed proxy leaves its socket file behind
        var socketPath = crashed.SocketPath;
        Assert.True(File.Exists(socketPath));
        await using var torii = await ToriiProcess.StartExistingAsync(crashed.Directory);
        await torii.MustAsync(new Request { Status = new Status() });
    }
}
