using Torii.Client;

namespace Torii.Connectors.Prometheus.Scraping;

/// <summary>
/// Ends the waits of the scrapes under way at the first failed connection attempt. The client would retry
/// until its timeout, but a scraper is better told at once that the proxy is down than left waiting.
/// </summary>
internal sealed class ConnectFailureSignal
{
    private CancellationTokenSource _current = new();
    private ConnectionEvent? _lastFailure;

    /// <summary>Canceled by the next failed connection attempt.</summary>
    public CancellationToken Token => Volatile.Read(ref _current).Token;

    public ConnectionEvent? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>For <see cref="ToriiClientOptions.OnConnectionEvent"/>: quick and never throws.</summary>
    public void Observe(ConnectionEvent connectionEvent)
    {
        if (connectionEvent.Kind != ConnectionEventKind.ConnectFailed)
        {
            return;
        }

        Volatile.Write(ref _lastFailure, connectionEvent);
        CancellationTokenSource failed = Interlocked.Exchange(ref _current, new CancellationTokenSource());

        // Canceling inline would run the client's own continuations inside its event callback. The old source is
        // not disposed: a scrape may be reading its token right now, and without a timer it holds nothing to free.
        _ = failed.CancelAsync();
    }
}
