using Torii.Protocol;

namespace Torii.Proxy.Actions;

/// <summary>Turns a frontend's Header list into request and response edits, refusing what would break framing.</summary>
internal static class HeaderEditRules
{
    // Framing and routing belong to the proxy: editing them could desynchronise a connection.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "Upgrade", "TE", "Trailer", "Host",
    };

    public static (HeaderEdit[] Request, HeaderEdit[] Response) Split(IReadOnlyList<Header> headers)
    {
        var request = new List<HeaderEdit>();
        var response = new List<HeaderEdit>();
        for (var index = 0; index < headers.Count; index++)
        {
            var header = headers[index];
            var field = $"headers[{index}]";
            Check(field, header);
            var edit = new HeaderEdit(header.Key, header.Val);
            if (header.Position is HeaderPosition.Request or HeaderPosition.Both)
            {
                request.Add(edit);
            }

            if (header.Position is HeaderPosition.Response or HeaderPosition.Both)
            {
                response.Add(edit);
            }
        }

        return ([.. request], [.. response]);
    }

    private static void Check(string field, Header header)
    {
        if (header.Position is not (HeaderPosition.Request or HeaderPosition.Response or HeaderPosition.Both))
        {
            throw new ArgumentException($"{field}.position must be REQUEST, RESPONSE or BOTH");
        }

        if (header.Key.Length == 0 || header.Key.Any(c => !(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))))
        {
            throw new ArgumentException($"{field}.key '{header.Key}' is not an HTTP header name");
        }

        if (Reserved.Contains(header.Key))
        {
            throw new ArgumentException($"{field}.key '{header.Key}' is managed by the proxy and cannot be edited");
        }

        if (header.Val.Any(c => c != '\t' && char.IsControl(c)) || header.Val != header.Val.Trim())
        {
            throw new ArgumentException($"{field}.val of '{header.Key}' must not contain control characters or surrounding spaces");
        }
    }
}
