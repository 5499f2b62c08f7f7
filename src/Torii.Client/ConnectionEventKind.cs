namespace Torii.Client;

public enum ConnectionEventKind
{
    Connected,

    /// <summary>An attempt to connect failed; another follows after <see cref="ConnectionEvent.RetryDelay"/>.</summary>
    ConnectFailed,

    /// <summary>An open connection closed; requests pending on it failed.</summary>
    ConnectionLost,
}
