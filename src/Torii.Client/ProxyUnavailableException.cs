namespace Torii.Client;

/// <summary>
/// The proxy could not be reached, or the connection carrying a request broke before its
/// answer arrived. A request that was already written may or may not have been applied;
/// it is never resent automatically.
/// </summary>
public sealed class ProxyUnavailableException : Exception
{
    public ProxyUnavailableException(string socketPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SocketPath = socketPath;
    }

    public string SocketPath { get; }
}
