using System.Diagnostics;
using Torii.Protocol;

namespace Torii.Client;

/// <summary>
/// One pipelined connection to the proxy. Requests are written in order and answered in
/// order: answers carry no request id, so the FIFO of pending requests is the only link
/// between a request and its answer. Callers only queue requests; one writer at a time sends
/// all those queued with a single flush, and a periodic sweep times out the oldest, so a request
/// costs neither a send of its own nor a timer.
/// </summary>
internal sealed class CommandConnection : IAsyncDisposable
{
    /// <summary>Most requests sent with one flush: bounds the buffer a burst builds up.</summary>
    private const int MaxBatch = 256;

    private readonly Stream _stream;
    private readonly CommandChannel<Response, Request> _channel;
    private readonly ToriiClientOptions _options;
    private readonly Action<CommandConnection, Exception> _onClosed;
    private readonly Queue<PendingRequest> _unsent = new();
    private readonly Queue<PendingRequest> _pending = new();
    private readonly List<Request> _batch = new(MaxBatch);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Timer? _sweep;
    private readonly Task _readLoop;
    private Task _writing = Task.CompletedTask;
    private bool _writerRunning;
    private bool _closed;
    private long _lastActivity = Stopwatch.GetTimestamp();

    /// <param name="stream">The connected socket's stream; the connection owns it.</param>
    public CommandConnection(Stream stream, ToriiClientOptions options, Action<CommandConnection, Exception> onClosed)
    {
        _stream = stream;
        _options = options;
        _onClosed = onClosed;
        _channel = CommandChannel<Response, Request>.Create(stream, options.MaxFrameSize);
        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            TimeSpan period = Deadlines.SweepPeriod(options.RequestTimeout);
            _sweep = new Timer(static state => ((CommandConnection)state!).Sweep(), this, period, period);
        }

        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>Requests queued or written and not yet answered.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count + _unsent.Count;
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
    /// Queues the request for writing. Its task ends with the final answer; with
    /// <see cref="PendingRequest.NotSent"/> if the connection closed before writing it; with
    /// <see cref="ProxyUnavailableException"/> if it closed after (the request may have been applied);
    /// with <see cref="TimeoutException"/> at its deadline (the connection is then closed).
    /// </summary>
    /// <returns>False when the connection is already closed.</returns>
    public bool TryEnqueue(PendingRequest pending)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _unsent.Enqueue(pending);
            if (!_writerRunning)
            {
                // Started on the thread pool rather than here, so the requests a caller queues in a burst go out together.
                _writerRunning = true;
                _writing = Task.Run(WriteLoopAsync);
            }
        }

        return true;
    }

    /// <summary>Closes the connection and fails every request still waiting on it.</summary>
    public void Close(Exception reason)
    {
        PendingRequest[] written;
        PendingRequest[] unsent;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            written = [.. _pending];
            unsent = [.. _unsent];
            _pending.Clear();
            _unsent.Clear();
        }

        _sweep?.Dispose();
        _closing.Cancel();
        _stream.Dispose();
        foreach (PendingRequest orphan in written)
        {
            orphan.TryFail(new ProxyUnavailableException(
                _options.SocketPath,
                $"lost the connection to the proxy at {_options.SocketPath} before {orphan.Name} was answered; it may or may not have been applied and is not resent: {reason.Message}",
                reason));
        }

        // Told before the unsent requests move on, so a caller that must not send them elsewhere (see
        // ConnectionEventKind.ConnectionLost) can cancel them first.
        _onClosed(this, reason);
        foreach (PendingRequest orphan in unsent)
        {
            orphan.TryComplete(PendingRequest.NotSent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close(new ObjectDisposedException(nameof(ToriiClient), "the client was disposed"));
        await _readLoop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (TakeBatch())
            {
                await _channel.WriteAsync(_batch).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Part of a frame may be on the wire, so nothing after it could be framed correctly; the
            // writer stays marked running so that no other starts before the connection is closed.
            Close(exception);
        }
    }

    /// <summary>Moves the queued requests to the pending FIFO and into the batch to write.</summary>
    /// <returns>False, and the writer stops, when there is nothing to write.</returns>
    private bool TakeBatch()
    {
        _batch.Clear();
        lock (_gate)
        {
            while (!_closed && _batch.Count < MaxBatch && _unsent.TryDequeue(out PendingRequest? next))
            {
                // Abandoned before it was written: no answer will come, so it takes no place in the FIFO.
                if (!next.IsSettled)
                {
                    _pending.Enqueue(next);
                    _batch.Add(next.Request);
                }
            }

            if (_batch.Count == 0)
            {
                _writerRunning = false;
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Times out the oldest live request once its deadline passes. Deadlines follow queueing order, so
    /// only the front needs a look; abandoned requests still owed an answer are passed over.
    /// </summary>
    private void Sweep()
    {
        long now = Stopwatch.GetTimestamp();
        PendingRequest? expired;
        lock (_gate)
        {
            expired = OldestLive(_pending) ?? OldestLive(_unsent);
            if (expired is null || expired.Deadline > now)
            {
                return;
            }
        }

        if (!expired.TryFail(new TimeoutException(
            $"{expired.Name} got no answer from the proxy at {_options.SocketPath} within {_options.RequestTimeout.TotalSeconds:0.###} s")))
        {
            // Its answer came in the meantime.
            return;
        }

        Close(new TimeoutException(
            $"{expired.Name} timed out and answers carry no request id, so later answers on this connection could no longer be matched"));
    }

    private static PendingRequest? OldestLive(Queue<PendingRequest> queue)
    {
        foreach (PendingRequest request in queue)
        {
            if (!request.IsSettled)
            {
                return request;
            }
        }

        return null;
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
        Task writing;
        lock (_gate)
        {
            writing = _writing;
        }

        await writing.ConfigureAwait(false);
        await _channel.DisposeAsync().ConfigureAwait(false);
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
