using Torii.EndToEnd.Tests.Infrastructure;

namespace Torii.EndToEnd.Tests;

/// <summary>The README's five-minute tour, run with the real CLI against a real proxy.</summary>
public sealed class CliTourTests
{
    [Fact]
    public async Task Tour_adds_routes_with_the_cli_and_removes_them()
    {
        await using var backend = await TestBackend.StartAsync("web");
        var httpPort = FreePort.Next();
        await using var torii = await ToriiProcess.StartAsync("");

        await Must(torii.CliAsync("listener", "http", "add", "--address", $"127.0.0.1:{httpPort}"));
        await Must(torii.CliAsync("cluster", "add", "--id", "web", "--load-balancing", "round_robin"));
        await Must(torii.CliAsync("backend", "add", "--id", "web", "--backend-id", "web-1", "--address", backend.Address));
        await Must(torii.CliAsync("frontend", "http", "add", "--address", $"127.0.0.1:{httpPort}", "--hostname", "web.test", "--id", "web"));
        Assert.Equal("web /tour", (await RawHttpConnection.GetAsync(httpPort, "web.test", "/tour")).Body);

        var frontends = await Must(torii.CliAsync("frontend", "list"));
        Assert.Contains("web.test", frontends.StandardOutput);
        var listeners = await Must(torii.CliAsync("listener", "list", "--json"));
        Assert.Contains($"127.0.0.1:{httpPort}", listeners.StandardOutput);

        await Must(torii.CliAsync("frontend", "http", "remove", "--address", $"127.0.0.1:{httpPort}", "--hostname", "web.test", "--id", "web"));
        Assert.Equal(404, (await RawHttpConnection.GetAsync(httpPort, "web.test", "/tour")).StatusCode);

        var failure = await torii.CliAsync("backend", "add", "--id", "missing", "--backend-id", "b", "--address", backend.Address);
        Assert.Equal(1, failure.ExitCode);
        Assert.Contains("missing", failure.StandardError);
    }

    [Fact]
    public async Task Cli_exits_2_when_the_proxy_is_not_running()
    {
        var directory = Directory.CreateTempSubdirectory("torii-cli-").FullName;
        var result = await CliRunner.RunAsync(directory, "--socket", Path.Combine(directory, "absent.sock"), "--timeout", "500", "status");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("absent.sock", result.StandardError);
    }

    private static async Task<CliResult> Must(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
