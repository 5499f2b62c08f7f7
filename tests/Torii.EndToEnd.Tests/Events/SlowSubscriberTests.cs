using System.Diagnostics;
using System.Net.Sockets;
using Torii.EndToEnd.Tests.Infrastructure;
using Torii.Protocol;
using Xunit.Abstractions;

namespace Torii.EndToEnd.Tests.Events;

/// <summary>A subscriber that stops reading costs the proxy nothing: it is dropped, and requests go on at full speed.</summary>
public sealed class SlowSubscriberTests(ITestOutputHelper output)
{
    /// <summary>Far beyond a subscriber's queue (4,096 events) plus what the socket buffers hold.</summary>
    private const int Changes = 20_000;

    [Fact]
    public async Task A_subscriber_that_never_reads_is_dropped_while_requests_keep_their_speed()
    {
        await using var proxy = await HttpProxyFixture.StartAsync("log_level = \"warn\"");
        var torii = proxy.Torii;
        await torii.MustAsync(Requests.Cluster("app"));

        var unstalled = await TimeChangesAsync(torii);

        using var stalled = await SubscribeWithoutReadingAsync(torii.SocketPath);
        var dropped = torii.WaitForOutputAsync("events behind; closing its connection", TimeSpan.FromSeconds(120));
        var withStall = await TimeChangesAsync(torii);
        await dropped;
        output.WriteLine($"{Changes} changes: {unstalled.TotalMilliseconds:0} ms without a stalled subscriber, {withStall.TotalMilliseconds:0} ms with one");

        // Both runs applied every change; the stalled one may not have made them slower than a third
        // (the bound leaves room for a shared CI machine; a proxy that waited for the reader would never finish).
        Assert.True(
            withStall.TotalMilliseconds <= Math.Max(3 * unstalled.TotalMilliseconds, unstalled.TotalMilliseconds + 2000),
            $"{Changes} changes took {withStall.TotalMilliseconds:0} ms with a stalled subscriber, {unstalled.TotalMilliseconds:0} ms without");

        // What the dropped subscriber can still read is a gapless prefix, then the end of the stream.
        var received = await ReadUntilClosedAsync(stalled);
        output.WriteLine($"the dropped subscriber could still read {received.Count} events");
        Assert.InRange(received.Count, 1, Changes - 1);
        Assert.Equal(Enumerable.Range(0, received.Count).Select(i => received[0] + (ulong)i), received);

        // The proxy itself is unharmed: a new subscriber still gets the next change.
        await using var events = await EventReader.OpenAsync(torii.Client);
        await torii.MustAsync(Requests.RemoveCluster("app"));
        Assert.Equal(EventKind.ClusterRemoved, (await events.NextAsync()).Kind);
    }

    /// <summary><see cref="Changes"/> changes (the health check set, then set again differently), sent pipelined as fast as they are answered.</summary>
    private static async Task<TimeSpan> TimeChangesAsync(ToriiProcess torii)
    {
        var started = Stopwatch.GetTimestamp();
        const int Pipelined = 64;
        for (var sent = 0; sent < Changes; sent += Pipelined)
        {
            var batch = Enumerable.Range(sent, Pipelined).Select(i => torii.MustAsync(new Request
            {
                SetHealthCheck = new SetHealthCheck
                {
                    ClusterId = "app",
                    Config = new HealthCheckConfig { Kind = HealthCheckKind.HealthCheckTcp, Interval = 3600, Timeout = 1 + (uint)(i % 2) },
                },
            }));
            await Task.WhenAll(batch);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<Socket> SubscribeWithoutReadingAsync(string socketPath)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveBufferSize = 4096;
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using var channel = CommandChannel<Response, Request>.Create(stream, leaveOpen: true);
        await channel.WriteAsync(new Request { SubscribeEvents = new SubscribeEvents() });
        var answer = await channel.ReadAsync();
        Assert.Equal(ResponseStatus.Ok, answer!.Status);
        return socket;
    }

    private static async Task<List<ulong>> ReadUntilClosedAsync(Socket socket)
    {
        var sequences = new List<ulong>();
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using var channel = CommandChannel<Response, Request>.Create(stream, leaveOpen: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await channel.ReadAsync(timeout.Token) is { } response)
            {
                sequences.Add(response.Content.Event.Sequence);
            }
        }
        catch (Exception e) when (e is IOException or ProtocolException)
        {
            // The proxy closed the socket with data still unsent or unread: a reset or a cut frame, the same end.
        }

        return sequences;
    }
}
