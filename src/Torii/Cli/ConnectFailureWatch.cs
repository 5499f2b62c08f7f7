using Torii.Client;

namespace Torii.Cli;

/// <summary>
/// Gives up at the first failed connection attempt. The client keeps retrying until the request
/// times out, which suits a connector waiting for the proxy, but someone at a terminal wants to
/// hear at once that nothing is listening.
/// </summary>
internal sealed class ConnectFailureWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _giveUp;
    private ConnectionEvent? _failure;
    private Task _cancelling = Task.CompletedTask;

    public ConnectFailureWatch(CancellationToken cancellationToken)
    {
        _giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Canceled by the caller's token or by the first failed connection attempt.</summary>
    public CancellationToken Token => _giveUp.Token;

    public ConnectionEvent? Failure => Volatile.Read(ref _failure);

    /// <summary>For <see cref="ToriiClientOptions.OnConnectionEvent"/>: quick and never throws.</summary>
    public void Observe(ConnectionEvent connectionEvent)
    {
        if (connectionEvent.Kind == ConnectionEventKind.ConnectFailed
            && Interlocked.CompareExchange(ref _failure, connectionEvent, null) is null)
        {
            // Canceling inline would run the client's own continuations inside its event callback.
            _cancelling = _giveUp.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancelling.ConfigureAwait(false);
        _giveUp.Dispose();
    }
}
