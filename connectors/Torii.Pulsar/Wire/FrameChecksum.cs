namespace Torii.Pulsar.Wire;

/// <summary>What a received frame's checksum said about its metadata and payload.</summary>
public enum FrameChecksum
{
    /// <summary>The frame carried no checksum: it has no payload, or came from a peer older than protocol 6.</summary>
    None,

    Valid,

    /// <summary>The bytes do not match their checksum; metadata and payload were not decoded.</summary>
    Mismatch,
}
