using System.Text;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>Which received header lines a head writer must pass on unchanged, and the check that it did.</summary>
internal static class ForwardedHeaders
{
    public static readonly byte[] RequestIdName = "X-Request-Id"u8.ToArray();

    public static List<string> Expected(HttpHead head, bool dropsForwardingFields)
    {
        var lines = new List<string>();
        for (int index = 0; index < head.HeaderCount; index++)
        {
            ref readonly var header = ref head.GetHeader(index);
            bool forwarding = header.Known is KnownHeader.XForwardedFor or KnownHeader.XForwardedProto
                or KnownHeader.XForwardedPort or KnownHeader.Forwarded;
            bool requestId = Ascii.EqualsIgnoreCase(head.GetHeaderName(index), RequestIdName);
            if (!header.IsNamedByConnection && !KnownHeaders.IsHopByHop(header.Known) && !requestId
                && !(dropsForwardingFields && forwarding))
            {
                lines.Add(HeadText.Of(head.GetHeaderLine(index)));
            }
        }

        return lines;
    }

    /// <summary>The expected lines come first (after <paramref name="skip"/> added ones), in order.</summary>
    public static void CheckCopied(List<string> expected, HttpHead written, int skip)
    {
        Check.That(written.HeaderCount >= skip + expected.Count, $"{written.HeaderCount} headers written, {expected.Count} to copy");
        for (int index = 0; index < expected.Count; index++)
        {
            Check.Equal(expected[index], HeadText.Of(written.GetHeaderLine(skip + index)), $"copied header {index}");
        }
    }
}
