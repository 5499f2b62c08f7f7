namespace Torii.Protocol;

/// <summary>Input that breaks the command protocol: bad framing, undecodable messages, bad JSON.</summary>
public class ProtocolException : Exception
{
    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
