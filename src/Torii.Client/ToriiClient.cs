using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// Pooled, pipelined client of the proxy's command socket. Safe for concurrent use; one
/// instance per process is enough.
/// </summary>
public sealed class ToriiClient : IAsyncDisposable
{
    private readonly ToriiClientOptions _options;
    private readonly ConnectionPool _pool;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public ToriiClient(ToriiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _pool = new ConnectionPool(options, new ConnectionEvents(options.OnConnectionEvent));
    }

    public ToriiClient(string socketPath)
        : this(new ToriiClientOptions { SocketPath = socketPath })
    {
    }

    public ToriiClientOptions Options => _options;

    /// <summary>Connections currently open to the proxy.</summary>
    public int OpenConnections => _pool.OpenCount;

    /// <summary>
    /// Sends one request and returns its final answer, OK or FAILURE. PROCESSING answers go to
    /// <paramref name="progress"/>, called in order on the connection's reader before the final
    /// answer is delivered (<see cref="Progress{T}"/> would post them elsewhere and lose that order).
    /// </summary>
    /// <exception cref="ProxyUnavailableException">
    /// The proxy could not be reached within the request timeout, or the connection broke before the
    /// answer came. A request already written is never resent.
    /// </exception>
    /// <exception cref="TimeoutException">No answer within the request timeout; that connection is closed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public async Task<Response> SendAsync(Request request, IProgress<Response>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string name = RequestNames.Of(request);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        deadline.CancelAfter(_options.RequestTimeout);
        try
        {
            return await SendWithinDeadlineAsync(request, name, progress, deadline.Token, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(ToriiClient), $"the client was disposed while {name} was in progress");
        }
    }

    /// <summary>Like <see cref="SendAsync"/>, but FAILURE throws.</summary>
    /// <returns>The OK answer.</returns>
    /// <exception cref="CommandFailedException">The proxy answered FAILURE.</exception>
    public async Task<Response> ExecuteAsync(Request request, IProgress<Response>? progress = null, CancellationToken cancellationToken = default)
    {
        Response response = await SendAsync(request, progress, cancellationToken).ConfigureAwait(false);
        return response.Status == ResponseStatus.Ok
            ? response
            : throw new CommandFailedException(RequestNames.Of(request), response);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _pool.DisposeAsync().ConfigureAwait(false);
        _disposing.Dispose();
    }

    private async Task<Response> SendWithinDeadlineAsync(
        Request request, string name, IProgress<Response>? progress, CancellationToken deadline, CancellationToken stop)
    {
        while (true)
        {
            CommandConnection connection = await _pool.AcquireAsync(deadline, stop).ConfigureAwait(false);
            PendingRequest? pending;
            try
            {
                pending = await connection.SendAsync(request, name, progress, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw TimedOut(name);
            }

            if (pending is not null)
            {
                return await AwaitAnswerAsync(connection, pending, deadline, stop).ConfigureAwait(false);
            }

            // The connection closed before the request was written: nothing was sent, so another may carry it.
        }
    }

    private async Task<Response> AwaitAnswerAsync(CommandConnection connection, PendingRequest pending, CancellationToken deadline, CancellationToken stop)
    {
        try
        {
            return await pending.Task.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (!pending.TryAbandon())
            {
                // The answer won the race against the deadline.
                return await pending.Task.ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested)
            {
                // The request stays queued so the answer it still gets is matched to it and dropped.
                throw;
            }

            TimeoutException timeout = TimedOut(pending.Name);
            connection.Close(new TimeoutException(
                $"{pending.Name} timed out and answers carry no request id, so later answers on this connection could no longer be matched"));
            throw timeout;
        }
    }

    private TimeoutException TimedOut(string name) =>
        new($"{name} got no answer from the proxy at {_options.SocketPath} within {_options.RequestTimeout.TotalSeconds:0.###} s");
}
