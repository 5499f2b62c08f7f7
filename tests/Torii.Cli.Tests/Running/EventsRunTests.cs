using Torii.Protocol;

namespace Torii.Cli.Tests.Running;

/// <summary>`torii events` against a fake proxy that streams a few events.</summary>
public sealed class EventsRunTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private string SocketPath => _directory.File("proxy.sock");

    public void Dispose() => _directory.Dispose();

    private static Response EventAnswer(Event change) =>
        new() { Status = ResponseStatus.Ok, Content = new ResponseContent { Event = change } };

    private static readonly Event Added = new()
    {
        Kind = EventKind.ClusterAdded, ClusterId = "web", Sequence = 7, Time = 1_796_560_000_123, PeerUid = 1000, PeerPid = 4242,
    };

    /// <summary>A hostile id and detail: a line break, a terminal escape and a quote must print as text.</summary>
    private static readonly Event Down = new()
    {
        Kind = EventKind.BackendDown, ClusterId = "web", BackendId = "b1\n#9 FORGED", Sequence = 9, Time = 1_796_560_001_000, Detail = "connect failed \"x\"\u001b[2J",
    };

    [Fact]
    public async Task Each_event_is_one_escaped_line_and_a_gap_in_the_sequence_is_reported()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("subscribed"), EventAnswer(Added), EventAnswer(Down)]);

        var run = await CliRun.RunAsync($"events --count 2 --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "2026-12-06T12:26:40.123Z #7 CLUSTER_ADDED cluster=web backend=- peer=uid:1000,pid:4242\n" +
            "2026-12-06T12:26:41.000Z #9 BACKEND_DOWN cluster=web backend=b1\\n#9\\u0020FORGED detail=\"connect failed \\\"x\\\"\\u001b[2J\" peer=torii\n",
            run.Output.ReplaceLineEndings("\n"));
        Assert.Contains("warning: 1 events missed", run.Error);
        Assert.Equal(Request.RequestTypeOneofCase.SubscribeEvents, Assert.Single(proxy.Received).RequestTypeCase);
    }

    [Fact]
    public async Task With_json_each_event_is_one_json_object_per_line()
    {
        await using var proxy = new FakeProxy(SocketPath, _ => [Responses.Ok("subscribed"), EventAnswer(Added), EventAnswer(Down)]);

        var run = await CliRun.RunAsync($"events --json --count 2 --socket {SocketPath}");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal([Added, Down], lines.Select(ProtocolJson.Parse<Event>));
    }

    [Fact]
    public async Task A_refused_subscription_and_a_closed_stream_are_errors()
    {
        await using (var refusing = new FakeProxy(SocketPath, _ => [Responses.Failure("no events here")]))
        {
            var refused = await CliRun.RunAsync($"events --socket {SocketPath}");
            Assert.Equal(ExitCodes.Failure, refused.ExitCode);
            Assert.Contains("no events here", refused.Error);
        }

        await using var closing = new FakeProxy(SocketPath, _ => null);
        var closed = await CliRun.RunAsync($"events --socket {SocketPath}");
        Assert.Equal(ExitCodes.Unreachable, closed.ExitCode);
    }

    [Fact]
    public async Task A_count_below_one_is_refused_before_connecting()
    {
        var run = await CliRun.RunAsync($"events --count 0 --socket {SocketPath}");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("--count must be at least 1", run.Error);
    }
}
