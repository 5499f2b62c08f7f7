using System.Runtime.CompilerServices;

namespace Torii.Protocol;

/// <summary>
/// The state file format: one JSON <see cref="Request"/> per line, applied in order.
/// Blank lines are skipped.
/// </summary>
public static class StateFile
{
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    public static async Task WriteAsync(TextWriter writer, IEnumerable<Request> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (Request request in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(ProtocolJson.Format(request).AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As <see cref="WriteAsync"/>, synchronously: a state of 300,000 requests is written in a fraction of the
    /// time the asynchronous writes of one line each take (bench/run.sh scenario s). For local files.
    /// </summary>
    public static void Write(TextWriter writer, IEnumerable<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (Request request in requests)
        {
            ProtocolJson.Write(request, writer);
            writer.Write('\n');
        }

        writer.Flush();
    }

    /// <summary>As <see cref="Write(TextWriter, IEnumerable{Request})"/>, as UTF-8 bytes with no string per line.</summary>
    public static void Write(Stream output, IEnumerable<Request> requests)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(requests);
        foreach (Request request in requests)
        {
            ProtocolJson.WriteLine(request, output);
        }

        output.Flush();
    }

    /// <exception cref="StateFileException">A line is too long or is not a JSON request; names the line.</exception>
    public static async IAsyncEnumerable<Request> ReadAsync(
        TextReader reader,
        int maxLineLength = DefaultMaxLineLength,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        var lines = new BoundedLineReader(reader, maxLineLength);
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return ParseLine(line, lines.LineNumber);
        }
    }

    /// <summary>
    /// Lines are parsed in chunks of this many, the lines of a chunk in parallel: parsing JSON is most of the
    /// cost of loading 300,000 requests (bench/run.sh scenario s), and the lines are independent.
    /// </summary>
    private const int ParallelChunkLines = 4096;

    /// <summary>
    /// Every request of the file, in order. A malformed file throws for its first bad line, as
    /// <see cref="ReadAsync"/> would, although the lines of a chunk are parsed in parallel.
    /// </summary>
    /// <exception cref="StateFileException">A line is too long or is not a JSON request; names the line.</exception>
    public static async Task<List<Request>> ReadAllAsync(
        TextReader reader,
        int maxLineLength = DefaultMaxLineLength,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        var lines = new BoundedLineReader(reader, maxLineLength);
        var requests = new List<Request>();
        var chunk = new List<(string Line, long Number)>(ParallelChunkLines);
        while (true)
        {
            string? line;
            try
            {
                line = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StateFileException)
            {
                // A bad line before the over-long one is the first error.
                ParseChunk(chunk, requests, cancellationToken);
                throw;
            }

            if (line is null)
            {
                break;
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                chunk.Add((line, lines.LineNumber));
                if (chunk.Count == ParallelChunkLines)
                {
                    ParseChunk(chunk, requests, cancellationToken);
                }
            }
        }

        ParseChunk(chunk, requests, cancellationToken);
        return requests;
    }

    /// <summary>Parses the chunk's lines in parallel, appends their requests in order, and empties the chunk.</summary>
    private static void ParseChunk(List<(string Line, long Number)> chunk, List<Request> requests, CancellationToken cancellationToken)
    {
        var parsed = new Request[chunk.Count];
        var errors = new StateFileException?[chunk.Count];
        Parallel.For(0, chunk.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                parsed[i] = ParseLine(chunk[i].Line, chunk[i].Number);
            }
            catch (StateFileException exception)
            {
                errors[i] = exception;
            }
        });

        foreach (StateFileException? error in errors)
        {
            if (error is not null)
            {
                throw error;
            }
        }

        requests.AddRange(parsed);
        chunk.Clear();
    }

    private static Request ParseLine(string line, long lineNumber)
    {
        try
        {
            return ProtocolJson.ParseRequest(line);
        }
        catch (MalformedJsonException exception)
        {
            throw new StateFileException(lineNumber, exception.Message, exception);
        }
    }
}
