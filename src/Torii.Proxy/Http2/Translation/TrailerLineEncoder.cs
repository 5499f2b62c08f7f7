using System.Buffers;
using Torii.Proxy.Http.Parsing;
using Torii.Proxy.Http2.Hpack;

namespace Torii.Proxy.Http2.Translation;

/// <summary>Encodes one chunked trailer line ("Name: value") as an HPACK field with a lowercase name; a line that is no field is dropped.</summary>
public static class TrailerLineEncoder
{
    public static void Write(IBufferWriter<byte> block, in ReadOnlySequence<byte> line)
    {
        Span<byte> text = stackalloc byte[(int)Math.Min(line.Length, 8192)];
        line.Slice(0, text.Length).CopyTo(text);
        var colon = text.IndexOf((byte)':');
        if (colon <= 0 || colon > 256)
        {
            return;
        }

        Span<byte> lower = stackalloc byte[colon];
        System.Text.Ascii.ToLower(text[..colon], lower, out _);
        if (!HttpCharacters.IsToken(lower))
        {
            return;
        }

        HpackEncoder.WriteField(block, lower, HttpCharacters.TrimWhitespace(text[(colon + 1)..]));
    }
}
