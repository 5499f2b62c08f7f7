using System.Text;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>Renders parsed heads as text, checking on the way the promises every header entry makes.</summary>
internal static class HeadText
{
    public static string Of(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    public static string Describe(RequestHead head) =>
        $"{head.Method} [{Of(head.MethodBytes)}] [{Of(head.Target)}] {head.TargetForm} path=[{Of(head.Path)}] query=[{Of(head.Query)}] "
        + $"authority=[{Of(head.TargetAuthority)}] host={head.HasHost}[{Of(head.Host)}] effective=[{Of(head.EffectiveHost)}] "
        + $"expect={head.Expect100Continue} body={head.HasBody} " + Common(head);

    public static string Describe(ResponseHead head) => $"{head.StatusCode} [{Of(head.Reason)}] " + Common(head);

    private static string Common(HttpHead head)
    {
        var text = new StringBuilder();
        text.Append($"{head.Version} cl={head.ContentLength} te={head.HasTransferEncoding} chunked={head.IsChunked} ")
            .Append($"keepalive={head.KeepAlive} upgrade={head.IsUpgrade}");
        for (int index = 0; index < head.HeaderCount; index++)
        {
            CheckEntry(head, index);
            ref readonly var header = ref head.GetHeader(index);
            text.Append($"\n  {header.Known} named={header.IsNamedByConnection} [{Of(head.GetHeaderLine(index))}] value=[{Of(head.GetHeaderValue(index))}]");
        }

        return text.ToString();
    }

    private static void CheckEntry(HttpHead head, int index)
    {
        var line = head.GetHeaderLine(index);
        var name = head.GetHeaderName(index);
        var value = head.GetHeaderValue(index);
        Check.That(name.Length > 0 && line.StartsWith(name) && line.Length > name.Length && line[name.Length] == (byte)':',
            $"header {index}: the name is not what its line starts with, before ':'");
        Check.That(line.IndexOfAny((byte)'\r', (byte)'\n') < 0, $"header {index}: the line holds CR or LF");
        Check.That(value.IsEmpty || (value[0] is not ((byte)' ' or (byte)'\t') && value[^1] is not ((byte)' ' or (byte)'\t')),
            $"header {index}: the value keeps surrounding whitespace");
        Check.That(line.EndsWith(value) || line.TrimEnd(" \t"u8).EndsWith(value), $"header {index}: the value is not the end of its line");
    }
}
