namespace Torii.Protocol;

public sealed class FrameTooLargeException : ProtocolException
{
    public FrameTooLargeException(ulong declaredLength, long maxFrameSize)
        : base($"frame of {declaredLength} bytes exceeds the maximum of {maxFrameSize} bytes")
    {
        DeclaredLength = declaredLength;
        MaxFrameSize = maxFrameSize;
    }

    public ulong DeclaredLength { get; }

    public long MaxFrameSize { get; }
}
