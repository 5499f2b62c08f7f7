namespace Torii.Proxy.Http.Parsing;

/// <summary>request-line = method SP request-target SP HTTP-version (RFC 9112 §3), exactly one SP each.</summary>
internal static class RequestLineParser
{
    public static HttpParseError Parse(ReadOnlySpan<byte> line, RequestHead head)
    {
        int methodEnd = line.IndexOf((byte)' ');
        if (methodEnd <= 0)
        {
            return HttpParseError.InvalidRequestLine;
        }

        var method = line[..methodEnd];
        if (method.ContainsAnyExcept(HttpCharacters.MethodToken))
        {
            return HttpParseError.InvalidMethod;
        }

        var afterMethod = line[(methodEnd + 1)..];
        int targetLength = afterMethod.IndexOf((byte)' ');
        if (targetLength <= 0)
        {
            return HttpParseError.InvalidRequestLine;
        }

        var versionText = afterMethod[(targetLength + 1)..];
        if (versionText.Contains((byte)' '))
        {
            return HttpParseError.InvalidRequestLine;
        }

        var error = HttpVersionParser.Parse(versionText, out var version);
        if (error != HttpParseError.None)
        {
            return error;
        }

        var methodKind = MethodClassifier.Classify(method);
        error = RequestTargetParser.Parse(
            afterMethod[..targetLength], methodKind, out var form, out var path, out var query, out var authority);
        if (error != HttpParseError.None)
        {
            return error;
        }

        head.Version = version;
        head.Method = methodKind;
        head.TargetForm = form;
        head.SetRequestLine(methodEnd, targetLength);
        head.SetTargetParts(path, query, authority);
        return HttpParseError.None;
    }
}
