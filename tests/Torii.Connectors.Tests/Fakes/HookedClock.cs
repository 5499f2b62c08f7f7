namespace Torii.Connectors.Tests.Fakes;

/// <summary>
/// The system clock, except that once armed it runs an action inside the Nth timestamp the loop reads: a way to
/// make something happen at an exact point of the loop's pass, between two of its decisions.
/// </summary>
internal sealed class HookedClock : TimeProvider
{
    private Action? _hook;
    private int _countdown;

    public override long GetTimestamp()
    {
        if (Volatile.Read(ref _hook) is { } hook && Interlocked.Decrement(ref _countdown) == 0)
        {
            Volatile.Write(ref _hook, null);
            hook();
        }

        return System.GetTimestamp();
    }

    public void RunAt(int read, Action hook)
    {
        _countdown = read;
        Volatile.Write(ref _hook, hook);
    }
}
