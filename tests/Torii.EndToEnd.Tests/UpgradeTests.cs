using System.Net;
using System.Text.RegularExpressions;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests;

public sealed partial class UpgradeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public Task Upgrade_to_the_same_build_under_load_refuses_nothing_and_keeps_the_state() =>
        UpgradeUnderLoadAsync(binary: null, expectedVersion: null);

    [Fact]
    public Task Upgrade_to_another_build_under_load_refuses_nothing_and_keeps_the_state() =>
        UpgradeUnderLoadAsync(OtherBuild.Torii, OtherBuild.Version);

    [Fact]
    public async Task A_new_binary_that_exits_at_once_fails_the_upgrade_and_the_old_process_serves_on()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var script = Path.Combine(proxy.Torii.Directory, "broken-torii");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"broken-torii: cannot load libtorii-next.so\" >&2\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await proxy.Torii.CliAsync("upgrade", "--binary", script);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("upgrade failed: the new process exited with code 1 before taking over", result.StandardError);
        Assert.Contains("broken-torii: cannot load libtorii-next.so", result.StandardError);
        Assert.False(proxy.Torii.HasExited);
        Assert.Equal("first /after", (await proxy.GetAsync("app.test", "/after")).Body);
        await proxy.Torii.MustAsync(Requests.RemoveBackend("app", "first", proxy.First.Port));
        await proxy.Torii.MustAsync(Requests.Backend("app", "second", proxy.Second));
        Assert.Equal("second /changed", (await proxy.GetAsync("app.test", "/changed")).Body);
        var status = await proxy.Torii.MustAsync(new Request { Status = new Status() });
        Assert.Equal(proxy.Torii.Pid, status.Content.Workers.Vec.Single().Pid);
        Assert.Equal([proxy.Torii.Pid], ProcessTable.WithArgument(proxy.Torii.ConfigPath));
    }

    private static async Task UpgradeUnderLoadAsync(string? binary, string? expectedVersion)
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        await proxy.RouteAppToFirstAsync();
        var hashesBefore = await HashesAsync(proxy.Torii);
        var statusBefore = await proxy.Torii.MustAsync(new Request { Status = new Status() });
        Assert.Equal(proxy.Torii.Pid, statusBefore.Content.Workers.Vec.Single().Pid);

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 2 });
        var keepAlive = TrafficLoop.Start(async cancellationToken =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{proxy.HttpPort}/keep");
            request.Headers.Host = "app.test";
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK && body == "first /keep" ? null : $"{(int)response.StatusCode} {body}";
        });
        var fresh = TrafficLoop.Start(async _ =>
        {
            var response = await RawHttpConnection.GetAsync(proxy.HttpPort, "app.test", "/fresh");
            return response.StatusCode == 200 && response.Body == "first /fresh" ? null : $"{response.StatusCode} {response.Body}";
        });
        Response statusAfter;
        try
        {
            await keepAlive.WaitForMoreSuccessesAsync(20, Patience);
            await fresh.WaitForMoreSuccessesAsync(20, Patience);

            var upgraded = await proxy.Torii.CliAsync(binary is null ? ["upgrade"] : ["upgrade", "--binary", binary]);
            if (NewPid().Match(upgraded.StandardOutput) is { Success: true } match)
            {
                proxy.Torii.AdoptSuccessor(int.Parse(match.Groups[1].Value));
            }

            Assert.True(upgraded.ExitCode == 0, $"{upgraded}\n--- torii output ---\n{proxy.Torii.Output}");
            Assert.True(await proxy.Torii.WaitForProcessExitAsync(Patience), "the old process exits once its connections are done");

            // From here on only the new process can answer.
            await keepAlive.WaitForMoreSuccessesAsync(20, Patience);
            await fresh.WaitForMoreSuccessesAsync(20, Patience);
            statusAfter = await proxy.Torii.MustAsync(new Request { Status = new Status() });
        }
        finally
        {
            await keepAlive.StopAsync();
            await fresh.StopAsync();
        }

        Assert.True(keepAlive.FailureCount == 0, $"{keepAlive.FailureCount} keep-alive requests failed: {string.Join("; ", keepAlive.Failures)}");
        Assert.True(fresh.FailureCount == 0, $"{fresh.FailureCount} new-connection requests failed: {string.Join("; ", fresh.Failures)}");
        var newPid = statusAfter.Content.Workers.Vec.Single().Pid;
        Assert.NotEqual(proxy.Torii.Pid, newPid);
        Assert.Equal([newPid], ProcessTable.WithArgument(proxy.Torii.ConfigPath));
        Assert.Equal(hashesBefore, await HashesAsync(proxy.Torii));
        if (expectedVersion is not null)
        {
            Assert.DoesNotContain(expectedVersion, statusBefore.Message);
            Assert.Contains($"torii {expectedVersion}", statusAfter.Message);
        }
    }

    private static async Task<Dictionary<string, ulong>> HashesAsync(ToriiProcess torii)
    {
        var response = await torii.MustAsync(new Request { QueryClustersHashes = new QueryClustersHashes() });
        Assert.NotEmpty(response.Content.ClusterHashes.Map);
        return new Dictionary<string, ulong>(response.Content.ClusterHashes.Map);
    }

    [GeneratedRegex(@"upgraded: pid (\d+)")]
    private static partial Regex NewPid();
}
