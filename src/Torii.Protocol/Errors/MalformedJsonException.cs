namespace Torii.Protocol;

public sealed class MalformedJsonException : ProtocolException
{
    public MalformedJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
