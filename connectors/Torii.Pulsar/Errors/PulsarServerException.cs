using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>The broker refused a request with an ERROR (or SEND_ERROR, or a failed lookup).</summary>
public sealed class PulsarServerException : PulsarException
{
    public PulsarServerException(ServerError error, string message)
        : base($"{error}: {message}")
    {
        Error = error;
        ServerMessage = message;
    }

    public ServerError Error { get; }

    /// <summary>The broker's own text.</summary>
    public string ServerMessage { get; }
}
