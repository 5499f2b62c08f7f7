using System.Net;
using System.Net.Sockets;
using Torii.Proxy.Connections;
using Torii.Proxy.Metrics;

namespace Torii.Proxy.Tests.Connections;

public sealed class AcceptQueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _sockets = [];

    public AcceptQueueTests()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen();
    }

    [Fact]
    public async Task AConnectionBeyondTheLimitWaitsAndRunsWhenOneCloses()
    {
        var tracker = new ConnectionTracker(1, TimeSpan.FromSeconds(30));
        Assert.True(tracker.TryEnter());
        var (_, queued) = await PairAsync();
        var started = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.False(tracker.TryEnter());
        Assert.True(tracker.TryQueue(queued, started.SetResult));
        Assert.Equal(1, tracker.Queued);
        Assert.False(started.Task.IsCompleted);

        tracker.Exit();

        Assert.Same(queued, await started.Task.WaitAsync(Patience));
        Assert.Equal(1, tracker.Active);
        Assert.Equal(0, tracker.Queued);
    }

    [Fact]
    public async Task WaitingConnectionsRunOldestFirstAndNewcomersDoNotOvertakeThem()
    {
        var tracker = new ConnectionTracker(1, TimeSpan.FromSeconds(30));
        Assert.True(tracker.TryEnter());
        var order = new List<Socket>();
        var (_, first) = await PairAsync();
        var (_, second) = await PairAsync();
        Assert.True(tracker.TryQueue(first, order.Add));
        Assert.True(tracker.TryQueue(second, order.Add));

        tracker.Exit();
        Assert.False(tracker.TryEnter());
        tracker.Exit();

        Assert.Equal([first, second], order);
    }

    [Fact]
    public async Task AConnectionThatWaitedLongerThanTheTimeoutIsClosed()
    {
        var metrics = new ProxyMetrics();
        var tracker = new ConnectionTracker(1, TimeSpan.FromMilliseconds(200), metrics);
        Assert.True(tracker.TryEnter());
        var (client, queued) = await PairAsync();
        var started = false;
        Assert.True(tracker.TryQueue(queued, _ => started = true));
        Assert.Equal(1, metrics.AcceptQueueLength);

        var buffer = new byte[1];
        using var read = new CancellationTokenSource(Patience);
        var received = await ReceiveOrResetAsync(client, buffer, read.Token);

        Assert.Equal(0, received);
        Assert.Equal(0, tracker.Queued);
        Assert.Equal(0, metrics.AcceptQueueLength);
        tracker.Exit();
        Assert.False(started);
        Assert.Equal(0, tracker.Active);
    }

    [Fact]
    public async Task WithoutAnAcceptQueueTimeoutNothingWaits()
    {
        var tracker = new ConnectionTracker(1, TimeSpan.Zero);
        Assert.True(tracker.TryEnter());
        var (_, queued) = await PairAsync();

        Assert.False(tracker.TryQueue(queued, _ => { }));
    }

    [Fact]
    public async Task DrainingClosesTheWaitingConnections()
    {
        var tracker = new ConnectionTracker(1, TimeSpan.FromSeconds(30));
        Assert.True(tracker.TryEnter());
        var (client, queued) = await PairAsync();
        Assert.True(tracker.TryQueue(queued, _ => { }));

        var drained = tracker.DrainAsync();
        using var read = new CancellationTokenSource(Patience);
        Assert.Equal(0, await ReceiveOrResetAsync(client, new byte[1], read.Token));
        Assert.False(drained.IsCompleted);
        tracker.Exit();
        await drained.WaitAsync(Patience);
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }

    private static async Task<int> ReceiveOrResetAsync(Socket client, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }

    private async Task<(Socket Client, Socket Accepted)> PairAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(_listener.LocalEndPoint!);
        var accepted = await _listener.AcceptAsync();
        _sockets.Add(client);
        _sockets.Add(accepted);
        return (client, accepted);
    }
}
