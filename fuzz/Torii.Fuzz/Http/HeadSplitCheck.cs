using System.Buffers;
using Torii.Fuzz.Support;
using Torii.Proxy.Http.Parsing;

namespace Torii.Fuzz.Http;

/// <summary>
/// The incremental-parser promise: the bytes of a head, however they arrive (cut in two at any
/// point, or one byte more per call, resuming after NeedMoreData), parse as they do whole.
/// </summary>
internal sealed class HeadSplitCheck<THead>(HeadParser<THead> parser, Func<THead, string> describe, HttpLimits limits)
    where THead : HttpHead, new()
{
    private const int MaxGrowthLength = 4096;

    public HeadOutcome Parse(ref ReadOnlySequence<byte> buffer, THead head)
    {
        var before = buffer;
        var result = parser(ref buffer, head, limits);
        long consumed = before.Length - buffer.Length;
        Check.That(result.IsComplete ? consumed > 0 : consumed == 0, $"{result.Status} consumed {consumed} bytes");
        Check.That(result.IsError == (result.Error != HttpParseError.None), $"{result.Status} came with error {result.Error}");
        return new HeadOutcome(result, consumed, result.IsComplete ? describe(head) : string.Empty);
    }

    public void Run(byte[] input, HeadOutcome whole)
    {
        using var head = new THead();
        foreach (int at in SplitPoints.Of(input.Length))
        {
            head.Reset();
            var prefix = new ReadOnlySequence<byte>(input, 0, at);
            var outcome = Parse(ref prefix, head);
            if (outcome.Result.Status == ParseStatus.NeedMoreData)
            {
                var rest = Sequences.SplitAt(input, at);
                outcome = Parse(ref rest, head);
            }

            Check.Equal(whole.ToString(), outcome.ToString(), $"head cut at {at} of {input.Length}");
        }

        if (input.Length <= MaxGrowthLength)
        {
            Grow(input, whole, head);
        }
    }

    private void Grow(byte[] input, HeadOutcome whole, THead head)
    {
        head.Reset();
        var outcome = default(HeadOutcome);
        for (int length = 0; length <= input.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(input, 0, length);
            outcome = Parse(ref buffer, head);
            if (outcome.Result.Status != ParseStatus.NeedMoreData)
            {
                break;
            }
        }

        Check.Equal(whole.ToString(), outcome.ToString(), "head fed one more byte per call");
    }
}
