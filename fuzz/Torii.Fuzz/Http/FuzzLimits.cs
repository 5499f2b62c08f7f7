using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

internal static class FuzzLimits
{
    /// <summary>Small enough that the fuzzer reaches every limit with short inputs.</summary>
    public static readonly HttpLimits Small = new()
    {
        MaxHeadSize = 2048,
        MaxHeaderCount = 24,
        MaxChunkExtensionSize = 24,
        MaxTrailerSize = 256,
    };

    /// <summary>For re-reading what a writer produced, which adds fields to a head that fit the small limits.</summary>
    public static readonly HttpLimits Roomy = new() { MaxHeadSize = 64 * 1024, MaxHeaderCount = 1000 };
}
