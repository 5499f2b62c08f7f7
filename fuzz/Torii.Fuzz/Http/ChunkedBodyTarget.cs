using System.Buffers;
using Torii.Fuzz.Support;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>
/// ChunkedBodyScanner: it counts the body's bytes the same way whether it gets the input whole,
/// cut in two anywhere (as a span or a two-segment sequence), or one byte per call.
/// </summary>
internal sealed class ChunkedBodyTarget : IFuzzTarget
{
    private const int MaxByteByByteLength = 8192;

    public string Name => "chunked-body";

    public void Run(byte[] input)
    {
        var scanner = new ChunkedBodyScanner(FuzzLimits.Small);
        scanner.Reset();
        var whole = Scan(scanner, input);
        CheckAfterEnd(scanner, whole);
        Check.Equal(whole, ScanSequence(scanner, new ReadOnlySequence<byte>(input)), "scanned as a sequence");

        foreach (int at in SplitPoints.Of(input.Length))
        {
            scanner.Reset();
            var first = Scan(scanner, input.AsSpan(0, at));
            var outcome = first;
            if (first.Result == ChunkedScanResult.NeedMoreData)
            {
                var second = Scan(scanner, input.AsSpan(at));
                outcome = second with { BodyBytes = first.BodyBytes + second.BodyBytes };
            }

            Check.Equal(whole, outcome, $"body cut at {at} of {input.Length} (spans)");
            Check.Equal(whole, ScanSequence(scanner, Sequences.SplitAt(input, at)), $"body cut at {at} of {input.Length} (sequence)");
        }

        if (input.Length <= MaxByteByByteLength)
        {
            Check.Equal(whole, ScanByteByByte(scanner, input), "body fed one byte per call");
        }
    }

    private static ChunkOutcome Scan(ChunkedBodyScanner scanner, ReadOnlySpan<byte> input)
    {
        var result = scanner.Scan(input, out int bodyBytes);
        CheckResult(scanner, result, bodyBytes, input.Length);
        return new ChunkOutcome(result, bodyBytes, scanner.Error);
    }

    private static ChunkOutcome ScanSequence(ChunkedBodyScanner scanner, ReadOnlySequence<byte> input)
    {
        scanner.Reset();
        var result = scanner.Scan(input, out long bodyBytes);
        CheckResult(scanner, result, bodyBytes, input.Length);
        return new ChunkOutcome(result, bodyBytes, scanner.Error);
    }

    private static ChunkOutcome ScanByteByByte(ChunkedBodyScanner scanner, byte[] input)
    {
        scanner.Reset();
        long bodyBytes = 0;
        for (int index = 0; index < input.Length; index++)
        {
            var result = scanner.Scan(input.AsSpan(index, 1), out int taken);
            CheckResult(scanner, result, taken, 1);
            bodyBytes += taken;
            if (result != ChunkedScanResult.NeedMoreData)
            {
                return new ChunkOutcome(result, bodyBytes, scanner.Error);
            }
        }

        return new ChunkOutcome(ChunkedScanResult.NeedMoreData, bodyBytes, scanner.Error);
    }

    private static void CheckResult(ChunkedBodyScanner scanner, ChunkedScanResult result, long bodyBytes, long length)
    {
        Check.That(bodyBytes >= 0 && bodyBytes <= length, $"{bodyBytes} body bytes out of {length}");
        Check.That(result != ChunkedScanResult.NeedMoreData || bodyBytes == length, $"NeedMoreData after {bodyBytes} of {length} bytes");
        Check.That(result != ChunkedScanResult.Error || bodyBytes < length, "an error without an offending byte");
        Check.Equal(result == ChunkedScanResult.Error, scanner.Error != HttpParseError.None, $"{result} with error {scanner.Error}");
        Check.Equal(result == ChunkedScanResult.Complete, scanner.IsComplete, $"{result} with IsComplete {scanner.IsComplete}");
    }

    /// <summary>Once finished, the scanner takes no more bytes and keeps its verdict.</summary>
    private static void CheckAfterEnd(ChunkedBodyScanner scanner, ChunkOutcome whole)
    {
        if (whole.Result == ChunkedScanResult.NeedMoreData)
        {
            return;
        }

        var again = scanner.Scan("0\r\n\r\n"u8, out int taken);
        Check.That(again == whole.Result && taken == 0 && scanner.Error == whole.Error, $"scanning after {whole.Result} gave {again}, took {taken}");
    }
}
