using System.Collections.Concurrent;
using Torii.Protocol;

namespace Torii.Client.Tests;

public sealed class ToriiClientTests : IDisposable
{
    // Upper bound on waits that should finish almost at once, so a regression fails instead of hanging.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly TemporarySocketDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ToriiClientOptions Options(int poolSize = 2, TimeSpan? timeout = null, Action<ConnectionEvent>? events = null) => new()
    {
        SocketPath = _directory.SocketPath(),
        PoolSize = poolSize,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
        ConnectBackoffInitial = TimeSpan.FromMilliseconds(10),
        ConnectBackoffMax = TimeSpan.FromMilliseconds(100),
        OnConnectionEvent = events,
    };

    private static Request Query(string id) => new() { QueryClusterById = id };

    [Fact]
    public async Task TwoHundredConcurrentRequestsAcrossThePoolEachGetTheirOwnAnswer()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            await Task.Yield();
            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 4));

        Response[] answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => client.SendAsync(Query($"c{i}")))));

        for (int i = 0; i < answers.Length; i++)
        {
            Assert.Equal(ResponseStatus.Ok, answers[i].Status);
            Assert.Equal($"query_cluster_by_id:c{i}", answers[i].Message);
        }

        Assert.InRange(server.ConnectionsAccepted, 1, 4);
        Assert.Equal(200, server.Received.Count);
    }

    [Fact]
    public async Task ConnectionsAreOpenedOnlyWhenNeeded()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), FakeCommandServer.Echo);
        await using var client = new ToriiClient(Options(poolSize: 4));

        Assert.Equal(0, client.OpenConnections);
        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync(Query($"c{i}"));
        }

        Assert.Equal(1, server.ConnectionsAccepted);
        Assert.Equal(1, client.OpenConnections);
    }

    [Fact]
    public async Task ProcessingAnswersReachProgressInOrderBeforeTheFinalAnswer()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.HasLoadState)
            {
                await connection.RespondAsync(Responses.Processing("step 1"), ct);
                await connection.RespondAsync(Responses.Processing("step 2"), ct);
                await connection.RespondAsync(Responses.Processing("step 3"), ct);
            }

            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 1));
        var progress = new RecordingProgress();

        Task<Response> loading = client.SendAsync(new Request { LoadState = "state.json" }, progress);
        Task<Response> next = client.SendAsync(Query("after"));
        Response final = await loading;

        Assert.Equal(["step 1", "step 2", "step 3"], progress.Reports.Select(r => r.Message));
        Assert.All(progress.Reports, r => Assert.Equal(ResponseStatus.Processing, r.Status));
        Assert.Equal(ResponseStatus.Ok, final.Status);
        Assert.Equal("load_state:state.json", final.Message);
        Assert.Equal("query_cluster_by_id:after", (await next).Message);
    }

    [Fact]
    public async Task FailureIsReturnedBySendAndThrownByExecute()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), (request, connection, ct) =>
            connection.RespondAsync(Responses.Failure($"cluster {request.AddCluster.ClusterId} already exists"), ct).AsTask());
        await using var client = new ToriiClient(Options());
        var request = new Request { AddCluster = new Cluster { ClusterId = "app" } };

        Response answer = await client.SendAsync(request);
        var error = await Assert.ThrowsAsync<CommandFailedException>(() => client.ExecuteAsync(request));
        var typedError = await Assert.ThrowsAsync<CommandFailedException>(() => client.AddClusterAsync(new Cluster { ClusterId = "app" }));

        Assert.Equal(ResponseStatus.Failure, answer.Status);
        Assert.Equal("cluster app already exists", error.ProxyMessage);
        Assert.Equal("add_cluster", error.RequestName);
        Assert.Equal("add_cluster failed: cluster app already exists", typedError.Message);
    }

    [Fact]
    public async Task ServerThatNeverAnswersTimesOutAndTheConnectionIsReplaced()
    {
        var hungConnection = new TaskCompletionSource<FakeConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.QueryClusterById == "hang")
            {
                hungConnection.TrySetResult(connection);
                await Task.Delay(Timeout.Infinite, ct);
            }

            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 1, timeout: TimeSpan.FromSeconds(1)));
        await client.SendAsync(Query("warm-up"));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.SendAsync(Query("hang")));
        FakeConnection poisoned = await hungConnection.Task.WaitAsync(Bound);
        await poisoned.Closed.WaitAsync(Bound);
        Response next = await client.SendAsync(Query("next"));

        Assert.Contains("query_cluster_by_id", timeout.Message);
        Assert.Equal("query_cluster_by_id:next", next.Message);
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task BusyConnectionDoesNotHoldBackOthersWhileThePoolHasRoom()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.QueryClusterById == "slow")
            {
                await release.Task.WaitAsync(ct);
            }

            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 2));
        var slowReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.RequestReceived += (request, _) =>
        {
            if (request.QueryClusterById == "slow")
            {
                slowReceived.TrySetResult();
            }
        };

        Task<Response> slow = client.SendAsync(Query("slow"));
        await slowReceived.Task.WaitAsync(Bound);
        Response[] quick = await Task.WhenAll(client.SendAsync(Query("q1")), client.SendAsync(Query("q2")));

        Assert.False(slow.IsCompleted);
        Assert.Equal(["query_cluster_by_id:q1", "query_cluster_by_id:q2"], quick.Select(r => r.Message));
        Assert.Equal(2, server.ConnectionsAccepted);
        release.SetResult();
        Assert.Equal("query_cluster_by_id:slow", (await slow).Message);
    }

    [Fact]
    public async Task ClientReconnectsWithBackoffAfterTheServerRestarts()
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failedAttempt = new TaskCompletionSource<ConnectionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connectedAfterFailure = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new ConcurrentQueue<ConnectionEvent>();
        void OnEvent(ConnectionEvent e)
        {
            events.Enqueue(e);
            switch (e.Kind)
            {
                case ConnectionEventKind.ConnectionLost:
                    lost.TrySetResult();
                    break;
                case ConnectionEventKind.ConnectFailed:
                    failedAttempt.TrySetResult(e);
                    break;
                case ConnectionEventKind.Connected when failedAttempt.Task.IsCompleted:
                    connectedAfterFailure.TrySetResult();
                    break;
            }
        }

        await using var client = new ToriiClient(Options(poolSize: 1, timeout: TimeSpan.FromSeconds(30), events: OnEvent));
        var first = FakeCommandServer.Start(_directory.SocketPath(), FakeCommandServer.Echo);
        Assert.Equal("query_cluster_by_id:before", (await client.SendAsync(Query("before"))).Message);

        await first.StopAsync();
        await lost.Task.WaitAsync(Bound);
        Task<Response> during = client.SendAsync(Query("during"));
        ConnectionEvent failure = await failedAttempt.Task.WaitAsync(Bound);
        await using var second = FakeCommandServer.Start(_directory.SocketPath(), FakeCommandServer.Echo);
        Response answer = await during.WaitAsync(Bound);

        Assert.Equal("query_cluster_by_id:during", answer.Message);
        Assert.Contains(_directory.SocketPath(), failure.Message);
        Assert.True(failure.RetryDelay > TimeSpan.Zero);
        await connectedAfterFailure.Task.WaitAsync(Bound);
        Assert.Single(second.Received);
        Assert.Equal(1, second.ConnectionsAccepted);
    }

    [Fact]
    public async Task MissingSocketBeyondTheTimeoutThrowsProxyUnavailableNamingThePath()
    {
        var attempts = new ConcurrentQueue<ConnectionEvent>();
        await using var client = new ToriiClient(Options(timeout: TimeSpan.FromMilliseconds(400), events: attempts.Enqueue));

        var error = await Assert.ThrowsAsync<ProxyUnavailableException>(() => client.SendAsync(Query("x")));

        Assert.Contains(_directory.SocketPath(), error.Message);
        Assert.Equal(_directory.SocketPath(), error.SocketPath);
        Assert.True(attempts.Count(e => e.Kind == ConnectionEventKind.ConnectFailed) >= 2, "the client retried before giving up");
    }

    [Fact]
    public async Task SocketThatRefusesIsRetriedUntilTheTimeout()
    {
        // A socket file nobody listens on: connecting is refused rather than not found.
        using (var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified))
        {
            bound.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(_directory.SocketPath()));
        }

        await using var client = new ToriiClient(Options(timeout: TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<ProxyUnavailableException>(() => client.SendAsync(Query("x")));

        Assert.Contains(_directory.SocketPath(), error.Message);
    }

    [Fact]
    public async Task ConnectionDroppedMidRequestFailsEveryPendingRequestAndResendsNone()
    {
        var received = new ConcurrentQueue<string>();
        var threeReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.QueryClusterById == "drop")
            {
                await threeReceived.Task.WaitAsync(ct);
                connection.Abort();
                return;
            }

            await FakeCommandServer.Echo(request, connection, ct);
        });
        server.RequestReceived += (request, _) =>
        {
            received.Enqueue(request.QueryClusterById);
            if (request.QueryClusterById == "drop")
            {
                firstReceived.TrySetResult();
            }

            if (received.Count == 3)
            {
                threeReceived.TrySetResult();
            }
        };
        await using var client = new ToriiClient(Options(poolSize: 1));

        Task<Response> dropped = client.SendAsync(Query("drop"));
        await firstReceived.Task.WaitAsync(Bound);
        Task<Response> queued1 = client.SendAsync(Query("queued-1"));
        Task<Response> queued2 = client.SendAsync(Query("queued-2"));

        await Assert.ThrowsAsync<ProxyUnavailableException>(() => dropped);
        await Assert.ThrowsAsync<ProxyUnavailableException>(() => queued1);
        await Assert.ThrowsAsync<ProxyUnavailableException>(() => queued2);
        Response after = await client.SendAsync(Query("after"));

        Assert.Equal("query_cluster_by_id:after", after.Message);
        Assert.Equal(["after", "drop", "queued-1", "queued-2"], received.Order());
        Assert.Equal(4, server.Received.Count);
        Assert.Equal(2, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task CanceledRequestLeavesTheConnectionUsableAndItsLateAnswerIsDropped()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            if (request.QueryClusterById == "slow")
            {
                slowReceived.TrySetResult();
                await release.Task.WaitAsync(ct);
            }

            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 1));
        using var cancellation = new CancellationTokenSource();

        Task<Response> slow = client.SendAsync(Query("slow"), cancellationToken: cancellation.Token);
        await slowReceived.Task.WaitAsync(Bound);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Task<Response> next = client.SendAsync(Query("next"));
        release.SetResult();

        Assert.Equal("query_cluster_by_id:next", (await next).Message);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public async Task CallerCancellationWhileConnectingThrowsOperationCanceled()
    {
        var failedAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new ToriiClient(Options(events: e =>
        {
            if (e.Kind == ConnectionEventKind.ConnectFailed)
            {
                failedAttempt.TrySetResult();
            }
        }));
        using var cancellation = new CancellationTokenSource();

        Task<Response> sending = client.SendAsync(Query("x"), cancellationToken: cancellation.Token);
        await failedAttempt.Task.WaitAsync(Bound);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task OversizedAnswerClosesTheConnectionAndFailsTheRequest()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), (request, connection, ct) =>
            connection.RespondAsync(Responses.Ok(new string('x', request.QueryClusterById == "big" ? 5000 : 1)), ct).AsTask());
        await using var smallClient = new ToriiClient(new ToriiClientOptions { SocketPath = _directory.SocketPath(), MaxFrameSize = 1024 });

        var error = await Assert.ThrowsAsync<ProxyUnavailableException>(() => smallClient.SendAsync(Query("big")));
        Response small = await smallClient.SendAsync(Query("small"));

        Assert.IsType<FrameTooLargeException>(error.InnerException);
        Assert.Equal("x", small.Message);
    }

    [Fact]
    public async Task UnsolicitedAnswerClosesTheConnection()
    {
        var lost = new TaskCompletionSource<ConnectionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            await FakeCommandServer.Echo(request, connection, ct);
            await connection.RespondAsync(Responses.Ok("nobody asked"), ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 1, events: e =>
        {
            if (e.Kind == ConnectionEventKind.ConnectionLost)
            {
                lost.TrySetResult(e);
            }
        }));

        Response answer = await client.SendAsync(Query("a"));
        ConnectionEvent closed = await lost.Task.WaitAsync(Bound);

        Assert.Equal("query_cluster_by_id:a", answer.Message);
        Assert.IsType<ProtocolException>(closed.Error);
    }

    [Fact]
    public async Task DisposeFailsPendingRequestsAndRefusesNewOnes()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (_, _, ct) =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var client = new ToriiClient(Options());

        Task<Response> pending = client.SendAsync(Query("x"));
        await received.Task.WaitAsync(Bound);
        await client.DisposeAsync();

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => pending);
        Assert.True(error is ObjectDisposedException or ProxyUnavailableException, error.GetType().Name);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SendAsync(Query("y")));
    }

    [Fact]
    public async Task ProgressCallbackThatThrowsFailsOnlyItsRequest()
    {
        await using var server = FakeCommandServer.Start(_directory.SocketPath(), async (request, connection, ct) =>
        {
            await connection.RespondAsync(Responses.Processing("working"), ct);
            await FakeCommandServer.Echo(request, connection, ct);
        });
        await using var client = new ToriiClient(Options(poolSize: 1));
        IProgress<Response> failing = new ThrowingProgress();

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Query("a"), failing));
        Response next = await client.SendAsync(Query("b"));

        Assert.Equal("query_cluster_by_id:b", next.Message);
        Assert.Equal(1, server.ConnectionsAccepted);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToriiClient(new ToriiClientOptions { SocketPath = "/x", PoolSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToriiClient(new ToriiClientOptions { SocketPath = "/x", RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new ToriiClient(new ToriiClientOptions { SocketPath = "" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ToriiClient(new ToriiClientOptions
        {
            SocketPath = "/x",
            ConnectBackoffInitial = TimeSpan.FromSeconds(2),
            ConnectBackoffMax = TimeSpan.FromSeconds(1),
        }));
    }
}
