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

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInitial, TimeSpan.Zero, nameof(RetryInitial));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMax, RetryInitial, nameof(RetryMax));
    }
}
