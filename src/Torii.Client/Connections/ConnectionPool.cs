using System.Net.Sockets;

namespace Torii.Client;

/// <summary>
/// Up to PoolSize connections, opened lazily. A request goes to an idle connection if there
/// is one, else to a new connection while the pool has room, else to the connection with the
/// fewest pending requests.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly ToriiClientOptions _options;
    private readonly SocketConnector _connector;
    private readonly ConnectionEvents _events;
    private readonly List<CommandConnection> _open = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _connecting;
    private bool _disposed;

    public ConnectionPool(ToriiClientOptions options, ConnectionEvents events)
    {
        _options = options;
        _events = events;
        _connector = new SocketConnector(options, events);
    }

    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>
    /// The connection <see cref="AcquireAsync"/> would return at once, or null when it would have to
    /// open one or wait; lets a request on a busy pool skip the cancellation sources that waiting needs.
    /// </summary>
    public CommandConnection? TryAcquireOpen()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(ToriiClient));
            CommandConnection? idlest = Idlest();
            bool hasRoom = _open.Count + _connecting < _options.PoolSize;
            return idlest is not null && (idlest.PendingCount == 0 || (!hasRoom && _connecting == 0)) ? idlest : null;
        }
    }

    /// <exception cref="ProxyUnavailableException"><paramref name="giveUp"/> fired before a connection was available.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="callerCancellation"/> fired.</exception>
    public async Task<CommandConnection> AcquireAsync(CancellationToken giveUp, CancellationToken callerCancellation)
    {
        while (true)
        {
            bool openNew = false;
            Task changed = Task.CompletedTask;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, typeof(ToriiClient));
                CommandConnection? idlest = Idlest();
                if (idlest is not null && idlest.PendingCount == 0)
                {
                    return idlest;
                }

                if (_open.Count + _connecting < _options.PoolSize)
                {
                    _connecting++;
                    openNew = true;
                }
                else if (_connecting > 0 || idlest is null)
                {
                    // A connection about to open will be idle; queueing behind a busy one could wait far longer.
                    changed = _changed.Task;
                }
                else
                {
                    return idlest;
                }
            }

            if (openNew)
            {
                return await OpenAsync(giveUp, callerCancellation).ConfigureAwait(false);
            }

            try
            {
                await changed.WaitAsync(giveUp).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerCancellation.IsCancellationRequested)
            {
                throw new ProxyUnavailableException(
                    _options.SocketPath,
                    $"no connection to the proxy's command socket {_options.SocketPath} could be made in time");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        CommandConnection[] open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open];
            SignalChanged();
        }

        foreach (CommandConnection connection in open)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<CommandConnection> OpenAsync(CancellationToken giveUp, CancellationToken callerCancellation)
    {
        CommandConnection? connection = null;
        try
        {
            Socket socket = await _connector.ConnectAsync(giveUp, callerCancellation).ConfigureAwait(false);
            connection = new CommandConnection(new NetworkStream(socket, ownsSocket: true), _options, OnConnectionClosed);
        }
        finally
        {
            bool orphaned;
            lock (_gate)
            {
                _connecting--;
                orphaned = _disposed && connection is not null;
                if (connection is not null && !orphaned && !connection.IsClosed)
                {
                    _open.Add(connection);
                }

                SignalChanged();
            }

            if (orphaned)
            {
                await connection!.DisposeAsync().ConfigureAwait(false);
            }
        }

        ObjectDisposedException.ThrowIf(_disposed, typeof(ToriiClient));
        return connection;
    }

    private void OnConnectionClosed(CommandConnection connection, Exception reason)
    {
        bool wasOpen;
        lock (_gate)
        {
            wasOpen = _open.Remove(connection);
            SignalChanged();
        }

        if (wasOpen && reason is not ObjectDisposedException)
        {
            _events.Raise(new ConnectionEvent(
                ConnectionEventKind.ConnectionLost,
                _options.SocketPath,
                $"lost a connection to the proxy at {_options.SocketPath}: {reason.Message}",
                reason));
        }
    }

    // Fewest pending first; on a tie, the one that answered most recently, as one whose head
    // request has waited long may be stuck behind a slow command. A connection that is closing
    // stays listed until its requests are failed; offering it would only make callers spin on it.
    private CommandConnection? Idlest()
    {
        CommandConnection? idlest = null;
        int fewest = int.MaxValue;
        long latest = long.MinValue;
        foreach (CommandConnection connection in _open)
        {
            if (connection.IsClosed)
            {
                continue;
            }

            int pending = connection.PendingCount;
            long activity = connection.LastActivity;
            if (pending < fewest || (pending == fewest && activity > latest))
            {
                idlest = connection;
                fewest = pending;
                latest = activity;
            }
        }

        return idlest;
    }

    private void SignalChanged()
    {
        TaskCompletionSource previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
