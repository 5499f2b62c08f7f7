namespace Torii.Client;

public sealed record ConnectionEvent(
    ConnectionEventKind Kind,
    string SocketPath,
    string Message,
    Exception? Error = null,
    int Attempt = 0,
    TimeSpan RetryDelay = default);
