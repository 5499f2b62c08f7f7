using System.Text;
using Torii.Protocol;

namespace Torii.Fuzz.Protocol;

/// <summary>
/// The state file reader: it fails only with StateFileException, reads the same requests
/// whatever size of pieces the text arrives in, and what it read writes out and reads back equal.
/// </summary>
internal sealed class StateFileTarget : IFuzzTarget
{
    private const int MaxLineLength = 1024;

    public string Name => "state-file";

    public void Run(byte[] input)
    {
        string text;
        using (var decoder = new StreamReader(new MemoryStream(input), Encoding.UTF8))
        {
            text = decoder.ReadToEnd();
        }

        var (requests, outcome) = Read(new StringReader(text));
        foreach (int piece in new[] { 1, 7 })
        {
            Check.Equal(outcome, Read(new TricklingReader(text, piece)).Outcome, $"state file read {piece} characters at a time");
        }

        foreach (Request request in requests)
        {
            _ = RequestValidator.Validate(request);
        }

        var written = new StringWriter();
        StateFile.WriteAsync(written, requests).GetAwaiter().GetResult();
        // Written JSON may be longer than what was read (the formatter escapes differently): no line bound here.
        var (reread, _) = Read(new StringReader(written.ToString()), StateFile.DefaultMaxLineLength);
        Check.Equal(requests.Count, reread.Count, "requests after writing the state back");
        for (int index = 0; index < requests.Count; index++)
        {
            Check.Equal(requests[index], reread[index], $"request {index} after writing the state back");
        }
    }

    /// <summary>The requests read, and as text: each one's JSON, or the error that stopped the reading.</summary>
    private static (List<Request> Requests, string Outcome) Read(TextReader reader, int maxLineLength = MaxLineLength)
    {
        try
        {
            var requests = StateFile.ReadAllAsync(reader, maxLineLength).GetAwaiter().GetResult();
            return (requests, string.Join('\n', requests.Select(ProtocolJson.Format)));
        }
        catch (StateFileException exception)
        {
            return ([], $"line {exception.LineNumber}: {exception.Message}");
        }
    }
}
