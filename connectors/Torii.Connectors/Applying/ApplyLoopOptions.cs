namespace Torii.Connectors.Applying;

public sealed record ApplyLoopOptions
{
    /// <summary>Most messages taken from the source and not yet settled; also the most requests in flight.</summary>
    public int Window { get; init; } = 256;

    /// <summary>Send requests the proxy refused to the dead-letter destination instead of acknowledging them.</summary>
    public bool DeadLetterFailed { get; init; }

    /// <summary>First pause before sending again after the proxy could not be reached.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause doubles up to this.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a failure the loop waits for every request in flight to end before it sends again; past this long
    /// it says which ones it still waits for (the proxy client's own timeout should have ended them by then).
    /// </summary>
    public TimeSpan InFlightWarning { get; init; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInitial, TimeSpan.Zero, nameof(RetryInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMax, RetryInitial, nameof(RetryMax));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InFlightWarning, TimeSpan.Zero, nameof(InFlightWarning));
    }
}
