using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

internal static class HeadRoundTrip
{
    /// <summary>Parses what a head writer wrote; it must be exactly one whole head.</summary>
    public static THead Reparse<THead>(ArrayBufferWriter<byte> output, int written, HeadParser<THead> parser)
        where THead : HttpHead, new()
    {
        Check.Equal(output.WrittenCount, written, "bytes the writer reported");
        var again = new THead();
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var result = parser(ref buffer, again, FuzzLimits.Roomy);
        Check.That(result.IsComplete && buffer.IsEmpty,
            $"the written head does not parse back ({result.Error}):\n{HeadText.Of(output.WrittenSpan)}");
        return again;
    }
}
