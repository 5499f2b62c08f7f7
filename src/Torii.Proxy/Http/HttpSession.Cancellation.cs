namespace Torii.Proxy.Http;

/// <summary>
/// A session serving an HTTP/2 stream learns at once when the client resets the stream or its
/// connection ends, even while it waits for a backend: every wait of the request fails, an
/// HTTP/1.1 backend connection is then closed rather than pooled, and an h2 backend stream is reset.
/// </summary>
public sealed partial class HttpSession
{
    /// <summary>Cancelled when the client no longer wants the response (the HTTP/2 stream's abort).</summary>
    public CancellationToken ClientGone { get; init; }

    private CancellationTokenRegistration WatchClientGone() =>
        ClientGone.CanBeCanceled
            ? ClientGone.UnsafeRegister(static deadline => ((Connections.ConnectionDeadline)deadline!).Abandon(), _deadline)
            : default;
}
