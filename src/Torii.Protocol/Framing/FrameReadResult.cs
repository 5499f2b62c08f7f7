namespace Torii.Protocol;

public enum FrameReadResult
{
    /// <summary>The buffer does not yet hold a complete frame; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>A frame was read and removed from the front of the buffer.</summary>
    Frame,

    /// <summary>The declared length exceeds the allowed maximum; nothing was consumed.</summary>
    TooLarge,

    /// <summary>The declared length is smaller than the header itself; nothing was consumed.</summary>
    Malformed,
}
