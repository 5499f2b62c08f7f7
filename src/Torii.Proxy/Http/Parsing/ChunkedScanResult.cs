namespace Torii.Proxy.Http.Parsing;

public enum ChunkedScanResult
{
    /// <summary>Every byte given belongs to the body, and the body goes on.</summary>
    NeedMoreData,

    /// <summary>The body ended; the bytes after it belong to the next message.</summary>
    Complete,

    /// <summary>The body is malformed; see <see cref="ChunkedBodyScanner.Error"/>.</summary>
    Error,
}
