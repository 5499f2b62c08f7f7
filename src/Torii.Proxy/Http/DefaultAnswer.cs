using System.Text;

namespace Torii.Proxy.Http;

/// <summary>
/// A complete HTTP response the proxy sends itself. Operator-supplied answers are
/// normalised once (CRLF line endings, an exact Content-Length, Connection: close)
/// so a hand-edited file can never desynchronise the client connection.
/// </summary>
public sealed class DefaultAnswer
{
    private const int MaxAnswerSize = 1024 * 1024;

    private DefaultAnswer(int statusCode, byte[] bytes)
    {
        StatusCode = statusCode;
        Bytes = bytes;
    }

    public int StatusCode { get; }

    public byte[] Bytes { get; }

    /// <param name="detail">A sentence saying why, shown under the title; plain text without markup.</param>
    public static DefaultAnswer Builtin(int statusCode, string reason, string? extraHeaders = null, string? detail = null)
    {
        var paragraph = detail is null ? string.Empty : $"<p>{detail}</p>";
        var body = $"<html><head><title>{statusCode} {reason}</title></head><body><h1>{statusCode} {reason}</h1>{paragraph}</body></html>\n";
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(statusCode).Append(' ').Append(reason).Append("\r\n")
            .Append("Cache-Control: no-cache\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n");
        if (extraHeaders is not null)
        {
            head.Append(extraHeaders);
        }

        head.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n")
            .Append("Connection: close\r\n\r\n");
        return new DefaultAnswer(statusCode, Encoding.UTF8.GetBytes(head.Append(body).ToString()));
    }

    /// <summary>This answer with one more header line after the status line, unless it already has that header.</summary>
    public DefaultAnswer WithHeader(string name, string value)
    {
        var text = Encoding.UTF8.GetString(Bytes);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (text.AsSpan(0, headEnd).Contains($"\r\n{name}:", StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal) + 2;
        return new DefaultAnswer(StatusCode, Encoding.UTF8.GetBytes(text.Insert(lineEnd, $"{name}: {value}\r\n")));
    }

    /// <summary>Parses an operator's answer; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static DefaultAnswer Parse(string text)
    {
        if (text.Length > MaxAnswerSize)
        {
            throw new FormatException($"answer is larger than {MaxAnswerSize} bytes");
        }

        var (head, body) = SplitHeadAndBody(text);
        var lines = head.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var statusCode = ParseStatusLine(lines[0]);
        var output = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(" \t"))
            {
                throw new FormatException($"invalid header line \"{line}\"");
            }

            var name = line.AsSpan(0, colon);
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            output.Append(line).Append("\r\n");
        }

        output.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n")
            .Append("Connection: close\r\n\r\n")
            .Append(body);
        return new DefaultAnswer(statusCode, Encoding.UTF8.GetBytes(output.ToString()));
    }

    private static (string Head, string Body) SplitHeadAndBody(string text)
    {
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            return (text[..crlf], text[(crlf + 4)..]);
        }

        if (lf >= 0)
        {
            return (text[..lf], text[(lf + 2)..]);
        }

        return (text.TrimEnd('\r', '\n'), string.Empty);
    }

    private static int ParseStatusLine(string statusLine)
    {
        if (!statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && !statusLine.StartsWith("HTTP/1.0 ", StringComparison.Ordinal))
        {
            throw new FormatException("an answer must start with a status line such as \"HTTP/1.1 503 Service Unavailable\"");
        }

        if (statusLine.Length < 12 || !int.TryParse(statusLine.AsSpan(9, 3), out var code) || code < 100 || code > 599)
        {
            throw new FormatException($"invalid status line \"{statusLine}\"");
        }

        return code;
    }
}
