namespace Torii.Protocol;

public sealed class MalformedFrameException : ProtocolException
{
    public MalformedFrameException(string message)
        : base(message)
    {
    }

    public MalformedFrameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
