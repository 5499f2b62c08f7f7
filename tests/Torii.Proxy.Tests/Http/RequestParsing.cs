using System.Buffers;
using Torii.Proxy.Http.Parsing;

namespace Torii.Proxy.Tests.Http;

/// <summary>Parses whole request text in one call, as most parser tests need.</summary>
public static class RequestParsing
{
    public static HeadParseResult Parse(string text, RequestHead head, HttpLimits? limits = null) =>
        Parse(text, head, out _, limits);

    public static HeadParseResult Parse(string text, RequestHead head, out string rest, HttpLimits? limits = null)
    {
        var buffer = Bytes.Sequence(text);
        var result = RequestHeadParser.TryParse(ref buffer, head, limits ?? HttpLimits.Default);
        rest = Bytes.Text(buffer.ToArray());
        return result;
    }

    public static RequestHead ParseValid(string text, HttpLimits? limits = null)
    {
        var head = new RequestHead();
        var result = Parse(text, head, limits);
        Assert.Equal(HeadParseResult.Complete, result);
        return head;
    }
}
