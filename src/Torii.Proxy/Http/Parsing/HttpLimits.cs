namespace Torii.Proxy.Http.Parsing;

/// <summary>Size limits applied while parsing HTTP/1.1 messages.</summary>
public sealed record HttpLimits
{
    public static HttpLimits Default { get; } = new();

    /// <summary>Largest accepted head: start line, header lines and the final empty line.</summary>
    public int MaxHeadSize { get; init; } = 16 * 1024;

    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Largest accepted chunk extension, counted from the byte after ';'.</summary>
    public int MaxChunkExtensionSize { get; init; } = 256;

    /// <summary>Largest accepted trailer section, including its final empty line.</summary>
    public int MaxTrailerSize { get; init; } = 8 * 1024;
}
