using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>The facts that framing and connection handling need, gathered in one pass over the headers.</summary>
internal struct HeaderSummary
{
    public long ContentLength;
    public TransferCodingSummary TransferCodings;
    public ConnectionOptions Connection;
    public int HostCount;
    public int HostIndex;
    public bool HasUpgradeHeader;
    public bool ExpectsContinue;

    public static HttpParseError Collect(HttpHead head, out HeaderSummary summary)
    {
        summary = new HeaderSummary { ContentLength = -1, HostIndex = -1 };
        for (int index = 0; index < head.HeaderCount; index++)
        {
            var value = head.GetHeaderValue(index);
            switch (head.GetHeader(index).Known)
            {
                case KnownHeader.ContentLength:
                    var error = ContentLengthParser.Accumulate(value, ref summary.ContentLength);
                    if (error != HttpParseError.None)
                    {
                        return error;
                    }

                    break;
                case KnownHeader.TransferEncoding:
                    summary.TransferCodings.Add(value);
                    break;
                case KnownHeader.Connection:
                    summary.Connection |= ReadConnectionOptions(value);
                    break;
                case KnownHeader.Host:
                    summary.HostCount++;
                    summary.HostIndex = index;
                    break;
                case KnownHeader.Upgrade:
                    summary.HasUpgradeHeader |= !value.IsEmpty;
                    break;
                case KnownHeader.Expect:
                    summary.ExpectsContinue |= Ascii.EqualsIgnoreCase(value, "100-continue"u8);
                    break;
            }
        }

        return HttpParseError.None;
    }

    public readonly bool KeepAliveFor(HttpProtocolVersion version) =>
        (Connection & ConnectionOptions.Close) == 0
        && (version == HttpProtocolVersion.Http11 || (Connection & ConnectionOptions.KeepAlive) != 0);

    private static ConnectionOptions ReadConnectionOptions(ReadOnlySpan<byte> value)
    {
        var options = ConnectionOptions.None;
        var elements = new ListElements(value);
        while (elements.TryNext(out var token))
        {
            if (Ascii.EqualsIgnoreCase(token, "close"u8))
            {
                options |= ConnectionOptions.Close;
            }
            else if (Ascii.EqualsIgnoreCase(token, "keep-alive"u8))
            {
                options |= ConnectionOptions.KeepAlive;
            }
            else if (Ascii.EqualsIgnoreCase(token, "upgrade"u8))
            {
                options |= ConnectionOptions.Upgrade;
            }
        }

        return options;
    }
}
