using Torii.Protocol;

namespace Torii.Connectors.Applying;

/// <summary>A message in the loop's window: taken from the source, not yet settled.</summary>
internal sealed class PendingMessage
{
    public PendingMessage(SourceMessage message, DecodedRequest decoded)
    {
        Message = message;
        Decoded = decoded;
    }

    public SourceMessage Message { get; }

    public DecodedRequest Decoded { get; }

    public Request? Request => Decoded.Request;

    /// <summary>The proxy's answer to the latest send; null while not sent.</summary>
    public Task<Response>? Answer { get; set; }

    /// <summary>Not sent because the broker will deliver the message again; settled without acknowledging.</summary>
    public bool Skipped { get; set; }

    /// <summary>Times the request was sent.</summary>
    public int Sends { get; set; }

    /// <summary>When the latest send started, as a timestamp of the loop's time provider.</summary>
    public long SentAt { get; set; }

    /// <summary>Sent and still waiting for its answer.</summary>
    public bool IsInFlight => Answer is { IsCompleted: false };
}
