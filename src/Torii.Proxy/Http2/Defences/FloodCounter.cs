namespace Torii.Proxy.Http2.Defences;

/// <summary>
/// Counts one kind of frame per one-second window. At each new window the count halves rather
/// than resetting, so a peer cannot send a full budget at the end of one window and another at
/// the start of the next: a limit of N allows a burst of N or about N/2 per second sustained.
/// </summary>
public struct FloodCounter(int limit)
{
    private const long WindowMs = 1000;

    private long _windowStart;
    private int _count;

    /// <summary>Counts one occurrence; true when the count is now above the limit.</summary>
    public bool Exceeded(long nowMs)
    {
        while (nowMs - _windowStart >= WindowMs)
        {
            _count /= 2;
            _windowStart = _count == 0 ? nowMs : _windowStart + WindowMs;
        }

        return ++_count > limit;
    }
}
