using Torii.Pulsar.Proto;

namespace Torii.Pulsar;

/// <summary>A received message that cannot be handed to the application; it is acknowledged with <see cref="Reason"/>.</summary>
internal sealed class InvalidMessageException : PulsarException
{
    public InvalidMessageException(CommandAck.Types.ValidationError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public CommandAck.Types.ValidationError Reason { get; }
}
