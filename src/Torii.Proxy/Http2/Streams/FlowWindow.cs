namespace Torii.Proxy.Http2.Streams;

/// <summary>
/// One flow-control window (RFC 9113 §5.2, §6.9): what may still be sent, or received, before
/// the other side grants more. It may go negative when SETTINGS_INITIAL_WINDOW_SIZE shrinks (§6.9.2).
/// Not thread-safe: the connection guards it.
/// </summary>
public sealed class FlowWindow(int initial)
{
    public const int MaxSize = int.MaxValue;

    public const int DefaultInitialSize = 65_535;

    public long Available { get; private set; } = initial;

    /// <summary>Adds a WINDOW_UPDATE increment; false when the window would pass 2^31-1 (a FLOW_CONTROL_ERROR).</summary>
    public bool TryGrow(long increment)
    {
        if (Available + increment > MaxSize)
        {
            return false;
        }

        Available += increment;
        return true;
    }

    /// <summary>Applies a change of SETTINGS_INITIAL_WINDOW_SIZE to a stream window: the difference, never the new value.</summary>
    public bool TryAdjust(long delta) => TryGrow(delta);

    /// <summary>Takes up to <paramref name="wanted"/> octets; returns how many may be sent now.</summary>
    public int Take(int wanted)
    {
        var granted = (int)Math.Clamp(Available, 0, wanted);
        Available -= granted;
        return granted;
    }

    /// <summary>Counts octets received against the window; false when the sender overran it.</summary>
    public bool TryConsume(int octets)
    {
        if (octets > Available)
        {
            return false;
        }

        Available -= octets;
        return true;
    }
}
