using System.Security.Cryptography;

namespace Torii.Proxy.Http;

/// <summary>
/// Request ids unique across processes and restarts without a syscall per request:
/// a random per-process prefix, then a counter, as 24 lowercase hex digits.
/// </summary>
public static class RequestIdGenerator
{
    public const int Length = 24;

    private static readonly ulong Prefix = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private static long _counter;

    public static void Next(Span<byte> destination)
    {
        var sequence = (ulong)Interlocked.Increment(ref _counter);
        WriteHex(destination[..8], Prefix >> 32, 8);
        WriteHex(destination[8..Length], sequence, 16);
    }

    private static void WriteHex(Span<byte> destination, ulong value, int digits)
    {
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (byte)"0123456789abcdef"[(int)(value & 0xF)];
            value >>= 4;
        }
    }
}
