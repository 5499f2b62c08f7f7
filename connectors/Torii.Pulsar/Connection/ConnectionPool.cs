namespace Torii.Pulsar;

/// <summary>
/// One live connection per broker target, opened on first use and shared. A closed or failed
/// connection is replaced by a fresh one the next time it is asked for.
/// </summary>
internal sealed class ConnectionPool(PulsarClientOptions options, ClientEvents events) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<BrokerTarget, Task<PulsarConnection>> _connections = [];
    private readonly CancellationTokenSource _disposing = new();
    private bool _disposed;

    /// <exception cref="PulsarConnectionException">The broker cannot be reached.</exception>
    /// <exception cref="PulsarServerException">The broker refused CONNECT.</exception>
    public async Task<PulsarConnection> GetAsync(BrokerTarget target, CancellationToken cancellationToken)
    {
        Task<PulsarConnection> opening;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_connections.TryGetValue(target, out opening!) || IsUnusable(opening))
            {
                // Opened under the pool's own token so that one caller giving up does not fail the others waiting.
                opening = PulsarConnection.OpenAsync(target, options, events, _disposing.Token);
                _connections[target] = opening;
            }
        }

        return await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Task<PulsarConnection>[] connections;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connections = [.. _connections.Values];
            _connections.Clear();
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        foreach (Task<PulsarConnection> opening in connections)
        {
            try
            {
                PulsarConnection connection = await opening.ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is PulsarException or OperationCanceledException)
            {
                // It never opened; nothing to close.
            }
        }
    }

    private static bool IsUnusable(Task<PulsarConnection> opening) =>
        opening.IsFaulted || opening.IsCanceled || (opening.IsCompletedSuccessfully && opening.Result.IsClosed);
}
