using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// Pooled, pipelined client of the proxy's command socket. Safe for concurrent use; one
/// instance per process is enough.
/// </summary>
public sealed partial class ToriiClient : IAsyncDisposable
{
    private readonly ToriiClientOptions _options;
    private readonly ConnectionPool _pool;
    private readonly ConnectionEvents _connectionEvents;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public ToriiClient(ToriiClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _connectionEvents = new ConnectionEvents(options.OnConnectionEvent);
        _pool = new ConnectionPool(options, _connectionEvents);
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
        long deadline = Deadlines.After(_options.RequestTimeout);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CommandConnection connection = _pool.TryAcquireOpen() ?? await AcquireAsync(deadline, cancellationToken).ConfigureAwait(false);
                var pending = new PendingRequest(request, name, progress, deadline);
                if (!connection.TryEnqueue(pending))
                {
                    continue;
                }

                Response response = await AwaitAnswerAsync(pending, cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(response, PendingRequest.NotSent))
                {
                    return response;
                }

                // The connection closed before the request was written: nothing was sent, so another may carry it.
            }
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

    /// <summary>Waits for a connection to open or free up, within what is left of the request's timeout.</summary>
    private async Task<CommandConnection> AcquireAsync(long deadline, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        giveUp.CancelAfter(Deadlines.Remaining(deadline));
        return await _pool.AcquireAsync(giveUp.Token, stop.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The request's final answer. The caller's cancellation abandons it: it stays queued so that the
    /// answer it may still get is matched to it and dropped.
    /// </summary>
    private static async Task<Response> AwaitAnswerAsync(PendingRequest pending, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return await pending.Task.ConfigureAwait(false);
        }

        using CancellationTokenRegistration abandon = cancellationToken.UnsafeRegister(
            static (state, token) => ((PendingRequest)state!).TryAbandon(token), pending);
        return await pending.Task.ConfigureAwait(false);
    }
}
