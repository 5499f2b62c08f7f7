using System.Diagnostics;
using System.Net.Sockets;
using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// One pipelined connection to the proxy. Requests are written in order and answered in
/// order: answers carry no request id, so the FIFO of pending requests is the only link
/// between a request and its answer.
/// </summary>
internal sealed class CommandConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CommandChannel<Response, Request> _channel;
    private readonly string _socketPath;
    private readonly Action<CommandConnection, Exception> _onClosed;
    private readonly Queue<PendingRequest> _pending = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _readLoop;
    private bool _closed;
    private long _lastActivity = Stopwatch.GetTimestamp();

    public CommandConnection(Socket socket, string socketPath, long maxFrameSize, Action<CommandConnection, Exception> onClosed)
    {
        _socket = socket;
        _socketPath = socketPath;
        _onClosed = onClosed;
        _channel = CommandChannel<Response, Request>.Create(new NetworkStream(socket, ownsSocket: true), maxFrameSize);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>When the connection opened or last delivered a final answer (a Stopwatch timestamp).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// Queues and writes the request. Returns null when the connection closed before any of it
    /// was written, so the caller may safely use another connection.
    /// </summary>
    /// <exception cref="ProxyUnavailableException">Writing failed; the request may have reached the proxy.</exception>
    /// <exception cref="OperationCanceledException">
    /// Canceled before or while writing; if while writing, the connection has been closed.
    /// </exception>
    public async Task<PendingRequest?> SendAsync(Request request, string name, IProgress<Response>? progress, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(name, progress);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (_closed)
                {
                    return null;
                }

                _pending.Enqueue(pending);
            }

            try
            {
                await _channel.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Part of the frame may be on the wire, so nothing after it could be framed correctly.
                pending.Discard();
                Close(exception);
                if (exception is OperationCanceledException)
                {
                    throw;
                }

                throw new ProxyUnavailableException(
                    _socketPath,
                    $"lost the connection to the proxy at {_socketPath} while sending {name}; it may or may not have been applied and is not resent: {exception.Message}",
                    exception);
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return pending;
    }

    /// <summary>Closes the connection and fails every request still waiting on it.</summary>
    public void Close(Exception reason)
    {
        PendingRequest[] orphans;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            orphans = [.. _pending];
            _pending.Clear();
        }

        _closing.Cancel();
        _socket.Dispose();
        foreach (PendingRequest orphan in orphans)
        {
            orphan.TryFail(new ProxyUnavailableException(
                _socketPath,
                $"lost the connection to the proxy at {_socketPath} before {orphan.Name} was answered; it may or may not have been applied and is not resent: {reason.Message}",
                reason));
        }

        _onClosed(this, reason);
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(ToriiClient), "the client was disposed"));
        await _readLoop.ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        Exception reason;
        try
        {
            reason = await DispatchAnswersAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            reason = exception;
        }

        Close(reason);

        // A write still in progress fails fast on the closed socket; wait for it before completing the pipes.
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <returns>Why reading stopped.</returns>
    private async Task<Exception> DispatchAnswersAsync()
    {
        while (true)
        {
            Response? response = await _channel.ReadAsync(_closing.Token).ConfigureAwait(false);
            if (response is null)
            {
                return new IOException("the proxy closed the connection");
            }

            bool isFinal = response.Status != ResponseStatus.Processing;
            PendingRequest? head;
            lock (_gate)
            {
                if (!_pending.TryPeek(out head))
                {
                    return new ProtocolException("the proxy sent an answer while no request was pending");
                }

                if (isFinal)
                {
                    _pending.Dequeue();
                }
            }

            if (isFinal)
            {
                Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());
                head.TryComplete(response);
            }
            else
            {
                head.ReportProgress(response);
            }
        }
    }
}
