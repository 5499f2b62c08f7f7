namespace Torii.Connectors.Applying;

/// <summary>One message from a broker, carrying one Request. Sources derive from it to keep what acknowledging needs.</summary>
public class SourceMessage
{
    public SourceMessage(string id, ReadOnlyMemory<byte> body, string? contentType, bool redelivered = false)
    {
        Id = id;
        Body = body;
        ContentType = contentType;
        Redelivered = redelivered;
    }

    /// <summary>How logs name the message (a broker message id, or its position).</summary>
    public string Id { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The message's content type; "application/json" means the JSON form of Request, anything else protobuf bytes.</summary>
    public string? ContentType { get; }

    /// <summary>The broker delivered it before, so it may have been applied already.</summary>
    public bool Redelivered { get; }

    /// <summary>
    /// True once the broker is sure to deliver this message again (the connection it came on is gone):
    /// acknowledging it is impossible, so applying it now would only apply it twice.
    /// </summary>
    public virtual bool IsStale => false;
}
