namespace Torii.Pulsar;

/// <summary>Bytes from the peer broke the binary protocol: a bad size, an oversized frame, or a command that does not decode.</summary>
public sealed class PulsarProtocolException : PulsarException
{
    public PulsarProtocolException(string message)
        : base(message)
    {
    }

    public PulsarProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
