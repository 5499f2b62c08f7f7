using System.Diagnostics;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>`torii events`: live lines, or JSON objects, for changes made by other `torii` processes, whose pid is the peer.</summary>
public sealed class EventsCliTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Torii_events_prints_one_line_per_change_naming_the_cli_process_that_made_it()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        var (output, error) = await WatchAsync(proxy.Torii, "events", "--count", "2");

        var added = await proxy.Torii.CliAsync("cluster", "add", "--id", "web");
        var backend = await proxy.Torii.CliAsync("backend", "add", "--id", "web", "--backend-id", "web-1", "--address", proxy.First.Address);
        var lines = (await output).TrimEnd('\n').Split('\n');

        Assert.True(added.ExitCode == 0 && backend.ExitCode == 0, $"{added}\n{backend}\n{await error}");
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z #\d+ CLUSTER_ADDED cluster=web backend=- peer=uid:" + TestIdentity.Uid + ",pid:" + added.Pid + "$", lines[0]);
        Assert.Matches(@" BACKEND_ADDED cluster=web backend=web-1 peer=uid:" + TestIdentity.Uid + ",pid:" + backend.Pid + "$", lines[1]);
    }

    [Fact]
    public async Task Torii_events_json_prints_one_event_object_per_line()
    {
        await using var proxy = await HttpProxyFixture.StartAsync();
        var (output, _) = await WatchAsync(proxy.Torii, "events", "--json", "--count", "2");

        await proxy.Torii.MustAsync(Requests.Cluster("web"));
        await proxy.Torii.MustAsync(Requests.AddFrontend("web", proxy.HttpPort, "web.test"));
        var events = (await output).TrimEnd('\n').Split('\n').Select(ProtocolJson.Parse<Event>).ToList();

        Assert.Equal([EventKind.ClusterAdded, EventKind.FrontendAdded], events.Select(e => e.Kind));
        Assert.Equal(events[0].Sequence + 1, events[1].Sequence);
        Assert.Equal($"http 127.0.0.1:{proxy.HttpPort} web.test (prefix) -> web", events[1].Detail);
        Assert.Equal(Environment.ProcessId, events[1].PeerPid);
    }

    /// <summary>Starts the CLI and returns once it is subscribed; the tasks complete with its output when it exits.</summary>
    private static async Task<(Task<string> Output, Task<string> Error)> WatchAsync(ToriiProcess torii, params string[] arguments)
    {
        var start = new ProcessStartInfo(PublishedExecutable.Torii, ["--socket", torii.SocketPath, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var subscribed = await process.StandardError.ReadLineAsync().WaitAsync(Deadline);
        Assert.StartsWith("subscribed to the events of", subscribed);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        return (Finish(process, output), error);
    }

    private static async Task<string> Finish(Process process, Task<string> output)
    {
        using (process)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(Deadline);
            }
            catch (TimeoutException)
            {
                process.Kill();
                throw;
            }

            Assert.Equal(0, process.ExitCode);
            return await output;
        }
    }
}
