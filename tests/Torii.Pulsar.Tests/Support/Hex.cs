namespace Torii.Pulsar.Tests;

/// <summary>Bytes written out in the tests as hex, split into commented parts with spaces between bytes.</summary>
internal static class Hex
{
    public static byte[] Bytes(params string[] parts) => Convert.FromHexString(string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal));
}
