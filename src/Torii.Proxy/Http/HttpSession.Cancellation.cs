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

    // The stream is aborted under its connection's lock: the session's waits are failed from the
    // thread pool, so none of their continuations runs inside that lock.
    private CancellationTokenRegistration WatchClientGone() =>
        ClientGone.CanBeCanceled
            ? ClientGone.UnsafeRegister(
                static deadline => ThreadPool.UnsafeQueueUserWorkItem(static deadline => deadline.Abandon(), (Connections.ConnectionDeadline)deadline!, preferLocal: false),
                _deadline)
            : default;
}
