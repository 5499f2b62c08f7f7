using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>
/// Marks the headers a Connection field names (RFC 9110 §7.6.1): they are hop-by-hop and
/// must not be forwarded.
/// </summary>
internal static class ConnectionNominations
{
    public static void Mark(HttpHead head)
    {
        for (int index = 0; index < head.HeaderCount; index++)
        {
            if (head.GetHeader(index).Known != KnownHeader.Connection)
            {
                continue;
            }

            var elements = new ListElements(head.GetHeaderValue(index));
            while (elements.TryNext(out var token))
            {
                if (!token.IsEmpty)
                {
                    MarkHeadersNamed(head, token);
                }
            }
        }
    }

    private static void MarkHeadersNamed(HttpHead head, ReadOnlySpan<byte> name)
    {
        for (int index = 0; index < head.HeaderCount; index++)
        {
            ref var header = ref head.HeaderAt(index);
            if (header.NameLength == name.Length
                && !IsProtected(header.Known)
                && Ascii.EqualsIgnoreCase(head.Slice(header.NameRange), name))
            {
                header = header with { IsNamedByConnection = true };
            }
        }
    }

    // A client must not be able to strip the fields that frame and route the message by
    // naming them in Connection; the backend would then read a different message.
    private static bool IsProtected(KnownHeader header) =>
        header is KnownHeader.Host or KnownHeader.ContentLength or KnownHeader.TransferEncoding;
}
