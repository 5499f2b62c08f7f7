using System.Buffers;
using System.Net;
using System.Text;

namespace Torii.Proxy.Http.Answers;

/// <summary>
/// An answer whose text carries %VARIABLES, compiled once when the answer is loaded. Rendering
/// fills them for one request, escaped for where they land (control characters dropped from
/// header lines, HTML-escaped in the body), and sets Content-Length to the rendered body.
/// A header line using %WWW_AUTHENTICATE is left out when it renders empty, as in Sōzu.
/// </summary>
public sealed class AnswerTemplate
{
    private readonly string _statusLine;
    private readonly TemplateText[] _headerLines;
    private readonly TemplateText _body;

    private AnswerTemplate(string statusLine, TemplateText[] headerLines, TemplateText body)
    {
        _statusLine = statusLine;
        _headerLines = headerLines;
        _body = body;
    }

    /// <summary>Null when no part has a variable: such an answer is sent as its fixed bytes.</summary>
    public static AnswerTemplate? Compile(string statusLine, IReadOnlyList<string> headerLines, string body)
    {
        var lines = headerLines.Select(TemplateText.Parse).ToArray();
        var compiledBody = TemplateText.Parse(body);
        return lines.Any(line => line.HasVariables) || compiledBody.HasVariables
            ? new AnswerTemplate(statusLine, lines, compiledBody)
            : null;
    }

    /// <param name="extraLines">Whole header lines (each ending in CRLF) added after the status line, e.g. HSTS.</param>
    /// <returns>The number of bytes written.</returns>
    public int Render(IBufferWriter<byte> output, AnswerVariables values, ReadOnlySpan<byte> extraLines)
    {
        var body = new StringBuilder();
        _body.Render(body, values, WebUtility.HtmlEncode, inBody: true);
        var head = new StringBuilder(_statusLine).Append("\r\n");
        var headBytes = 0;
        foreach (var line in _headerLines)
        {
            if (line.Uses(AnswerVariable.WwwAuthenticate) && values.WwwAuthenticate.Length == 0)
            {
                continue;
            }

            line.Render(head, values, HeaderSafe, inBody: false);
            head.Append("\r\n");
        }

        var bodyText = body.ToString();
        head.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(bodyText)).Append("\r\nConnection: close\r\n\r\n");
        var statusEnd = _statusLine.Length + 2;
        headBytes += Write(output, head.ToString(0, statusEnd));
        output.Write(extraLines);
        headBytes += extraLines.Length;
        headBytes += Write(output, head.ToString(statusEnd, head.Length - statusEnd));
        return headBytes + Write(output, bodyText);
    }

    private static int Write(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, output.GetSpan(length));
        output.Advance(length);
        return length;
    }

    /// <summary>A value inside a header line: no control character may end the line or start another.</summary>
    private static string HeaderSafe(string value) =>
        value.Any(char.IsControl) ? new string([.. value.Where(c => !char.IsControl(c))]) : value;
}
