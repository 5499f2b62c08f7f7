using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>The proxy's command channel as the apply loop sees it.</summary>
public interface IRequestSender
{
    /// <summary>
    /// True while a connection is open. Only then do requests sent one after the other reach the proxy in that
    /// order; while it is false the loop sends one request at a time.
    /// </summary>
    bool IsConnected { get; }

    /// <summary>Sends a request and returns the proxy's final answer, OK or FAILURE.</summary>
    /// <exception cref="Torii.Client.ProxyUnavailableException">The proxy could not be reached, or the connection broke.</exception>
    /// <exception cref="TimeoutException">The proxy did not answer in time.</exception>
    Task<Response> SendAsync(Request request, CancellationToken cancellationToken);
}
