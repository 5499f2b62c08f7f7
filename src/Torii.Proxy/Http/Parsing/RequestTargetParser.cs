using System.Text;

namespace Torii.Proxy.Http.Parsing;

/// <summary>Splits a request-target into path, query and authority (RFC 9112 §3.2).</summary>
internal static class RequestTargetParser
{
    public static HttpParseError Parse(
        ReadOnlySpan<byte> target,
        HttpMethodKind method,
        out RequestTargetForm form,
        out Range path,
        out Range query,
        out Range authority)
    {
        form = RequestTargetForm.Origin;
        path = query = authority = default;
        if (target.IsEmpty || target.ContainsAnyExcept(HttpCharacters.RequestTarget))
        {
            return HttpParseError.InvalidRequestTarget;
        }

        if (method == HttpMethodKind.Connect)
        {
            form = RequestTargetForm.Authority;
            authority = new Range(0, target.Length);
            return IsAuthorityWithPort(target) ? HttpParseError.None : HttpParseError.InvalidRequestTarget;
        }

        if (target[0] == (byte)'/')
        {
            SplitPathAndQuery(target, 0, out path, out query);
            return HttpParseError.None;
        }

        if (target.Length == 1 && target[0] == (byte)'*')
        {
            form = RequestTargetForm.Asterisk;
            path = new Range(0, target.Length);
            return method == HttpMethodKind.Options ? HttpParseError.None : HttpParseError.InvalidRequestTarget;
        }

        form = RequestTargetForm.Absolute;
        return ParseAbsolute(target, out path, out query, out authority);
    }

    private static HttpParseError ParseAbsolute(ReadOnlySpan<byte> target, out Range path, out Range query, out Range authority)
    {
        path = query = authority = default;
        int authorityStart;
        if (StartsWithIgnoreCase(target, "http://"u8))
        {
            authorityStart = 7;
        }
        else if (StartsWithIgnoreCase(target, "https://"u8))
        {
            authorityStart = 8;
        }
        else
        {
            return HttpParseError.InvalidRequestTarget;
        }

        int authorityLength = target[authorityStart..].IndexOfAny((byte)'/', (byte)'?');
        if (authorityLength < 0)
        {
            authorityLength = target.Length - authorityStart;
        }

        var authoritySpan = target.Slice(authorityStart, authorityLength);
        if (authoritySpan.IsEmpty || authoritySpan.ContainsAnyExcept(HttpCharacters.Host))
        {
            // Userinfo ('@') is rejected here too, as RFC 9110 §4.2.4 asks.
            return HttpParseError.InvalidRequestTarget;
        }

        authority = new Range(authorityStart, authorityStart + authorityLength);
        SplitPathAndQuery(target, authorityStart + authorityLength, out path, out query);
        return HttpParseError.None;
    }

    private static void SplitPathAndQuery(ReadOnlySpan<byte> target, int pathStart, out Range path, out Range query)
    {
        int questionMark = target[pathStart..].IndexOf((byte)'?');
        if (questionMark < 0)
        {
            path = new Range(pathStart, target.Length);
            query = new Range(target.Length, target.Length);
            return;
        }

        int pathEnd = pathStart + questionMark;
        path = new Range(pathStart, pathEnd);
        query = new Range(pathEnd + 1, target.Length);
    }

    private static bool IsAuthorityWithPort(ReadOnlySpan<byte> authority)
    {
        int colon = authority.LastIndexOf((byte)':');
        if (colon <= 0 || colon < authority.LastIndexOf((byte)']') || authority.ContainsAnyExcept(HttpCharacters.Host))
        {
            return false;
        }

        var port = authority[(colon + 1)..];
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange((byte)'0', (byte)'9');
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);
}
