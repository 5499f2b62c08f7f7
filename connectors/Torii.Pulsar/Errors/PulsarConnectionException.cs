namespace Torii.Pulsar;

/// <summary>A broker could not be reached, or the connection to it was lost.</summary>
public sealed class PulsarConnectionException : PulsarException
{
    public PulsarConnectionException(string message)
        : base(message)
    {
    }

    public PulsarConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
