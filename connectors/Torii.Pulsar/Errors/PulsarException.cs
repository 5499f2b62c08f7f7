namespace Torii.Pulsar;

/// <summary>Base of the errors this library throws about Pulsar.</summary>
public class PulsarException : Exception
{
    public PulsarException(string message)
        : base(message)
    {
    }

    public PulsarException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
