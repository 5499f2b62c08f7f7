namespace Torii.Proxy.LoadBalancing;

/// <summary>
/// 64-bit hashes that are the same in every process and on every run (string.GetHashCode is
/// randomised per process): a key must reach the same backend after a restart or an upgrade.
/// </summary>
internal static class StableHash
{
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>FNV-1a over the bytes, then <see cref="Mix"/> so that close inputs land far apart.</summary>
    public static ulong Of(ReadOnlySpan<byte> bytes, ulong seed = 0)
    {
        ulong hash = FnvOffset ^ seed;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>As <see cref="Of(ReadOnlySpan{byte}, ulong)"/>, over the UTF-16 code units of a string.</summary>
    public static ulong Of(string text, ulong seed = 0)
    {
        ulong hash = FnvOffset ^ seed;
        foreach (char c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>The SplitMix64 finaliser: a bijection of 64-bit values with full avalanche.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
