using System.Net.Sockets;
using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>Which failures a later attempt may not meet again.</summary>
internal static class RetryPolicy
{
    /// <summary>
    /// Connection trouble, timeouts and the broker errors Pulsar defines as transient (the topic is
    /// moving between brokers, the broker is overloaded or its metadata store hiccuped).
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        PulsarConnectionException or PulsarProtocolException or TimeoutException or SocketException or IOException => true,
        PulsarServerException server => server.Error is ServerError.ServiceNotReady
            or ServerError.TooManyRequests
            or ServerError.MetadataError
            or ServerError.PersistenceError
            or ServerError.UnknownError,
        _ => false,
    };

    /// <summary>
    /// After a connection was established once, every failure is worth retrying: a broker may
    /// still hold the old consumer (ConsumerBusy) or be restarting with auth not yet loaded.
    /// </summary>
    public static bool IsWorthReconnecting(Exception error) => error is not (ObjectDisposedException or OperationCanceledException);
}
