namespace Torii.Proxy.Routing;

/// <summary>
/// 64-bit FNV-1a over ASCII-lowercased bytes: lets a Host header be looked up
/// without first copying it into a lowercase string.
/// </summary>
internal static class HostHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    // The state after "*.", so a wildcard key is hashed from the host's tail alone.
    private static readonly ulong WildcardPrefixState = Append(OffsetBasis, "*."u8);

    public static ulong Compute(ReadOnlySpan<byte> host) => Append(OffsetBasis, host);

    /// <summary>The hash of "*." followed by <paramref name="rest"/>.</summary>
    public static ulong ComputeWildcard(ReadOnlySpan<byte> rest) => Append(WildcardPrefixState, rest);

    private static ulong Append(ulong state, ReadOnlySpan<byte> bytes)
    {
        foreach (byte value in bytes)
        {
            uint folded = value - (uint)'A' <= 'Z' - 'A' ? value | 0x20u : value;
            state = (state ^ folded) * Prime;
        }

        return state;
    }
}
