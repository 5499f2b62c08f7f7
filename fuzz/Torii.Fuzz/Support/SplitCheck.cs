using System.Buffers;

namespace Torii.Fuzz.Support;

internal static class SplitCheck
{
    private const int MaxPoints = 64;

    /// <summary>
    /// Checks that <paramref name="decode"/> describes the input cut in two segments (at evenly
    /// spaced points) as it described it whole.
    /// </summary>
    public static void Run(byte[] input, string whole, Func<ReadOnlySequence<byte>, string> decode)
    {
        foreach (int at in SplitPoints.Of(input.Length, MaxPoints))
        {
            Check.Equal(whole, decode(Sequences.SplitAt(input, at)), $"frames of the input cut at {at}");
        }
    }
}
