using System.Buffers;
using System.Text;
using Torii.Proxy.Http.Answers;

namespace Torii.Proxy.Http;

/// <summary>
/// A complete HTTP response the proxy sends itself. Operator-supplied answers are
/// normalised once (CRLF line endings, an exact Content-Length, Connection: close)
/// so a hand-edited file can never desynchronise the client connection.
/// </summary>
public sealed class DefaultAnswer
{
    private const int MaxAnswerSize = 1024 * 1024;

    private DefaultAnswer(int statusCode, byte[] bytes, AnswerTemplate? template)
    {
        StatusCode = statusCode;
        Bytes = bytes;
        Template = template;
    }

    public int StatusCode { get; }

    /// <summary>The answer as sent when it has no variables (and, with variables, as written).</summary>
    public byte[] Bytes { get; }

    /// <summary>Set when the answer carries %VARIABLES; null answers cost what a fixed byte array costs.</summary>
    public AnswerTemplate? Template { get; }

    /// <summary>
    /// Writes the answer for one request: its variables filled from <paramref name="values"/>, and
    /// <paramref name="extraLines"/> (whole header lines) after the status line.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public int WriteTo(IBufferWriter<byte> output, AnswerVariables? values, ReadOnlySpan<byte> extraLines)
    {
        if (Template is not null)
        {
            return Template.Render(output, values ?? new AnswerVariables(), extraLines);
        }

        var statusEnd = Bytes.AsSpan().IndexOf("\r\n"u8) + 2;
        output.Write(Bytes.AsSpan(0, statusEnd));
        output.Write(extraLines);
        output.Write(Bytes.AsSpan(statusEnd));
        return Bytes.Length + extraLines.Length;
    }

    /// <param name="detail">A sentence saying why, shown under the title; plain text without markup.</param>
    /// <param name="extraHeaders">Header lines, each without its line end; they may use %VARIABLES.</param>
    public static DefaultAnswer Builtin(int statusCode, string reason, IReadOnlyList<string>? extraHeaders = null, string? detail = null)
    {
        var paragraph = detail is null ? string.Empty : $"<p>{detail}</p>";
        var body = $"<html><head><title>{statusCode} {reason}</title></head><body><h1>{statusCode} {reason}</h1>{paragraph}</body></html>\n";
        List<string> headers = ["Cache-Control: no-cache", "Content-Type: text/html; charset=utf-8", .. extraHeaders ?? []];
        return Create(statusCode, $"HTTP/1.1 {statusCode} {reason}", headers, body);
    }

    /// <summary>Whether the answer's head already has a header of that name (an operator's answer may set its own).</summary>
    public bool Declares(string headerName)
    {
        var head = Bytes.AsSpan(0, Math.Max(0, Bytes.AsSpan().IndexOf("\r\n\r\n"u8)));
        return Encoding.Latin1.GetString(head).Contains($"\r\n{headerName}:", StringComparison.OrdinalIgnoreCase);
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
        var headers = new List<string>();
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

            headers.Add(line);
        }

        return Create(statusCode, lines[0], headers, body);
    }

    /// <summary>Content-Length and Connection: close are always the proxy's own, after the other headers.</summary>
    private static DefaultAnswer Create(int statusCode, string statusLine, IReadOnlyList<string> headers, string body)
    {
        var output = new StringBuilder(statusLine).Append("\r\n");
        foreach (var header in headers)
        {
            output.Append(header).Append("\r\n");
        }

        output.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n")
            .Append("Connection: close\r\n\r\n")
            .Append(body);
        return new DefaultAnswer(statusCode, Encoding.UTF8.GetBytes(output.ToString()), AnswerTemplate.Compile(statusLine, headers, body));
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
