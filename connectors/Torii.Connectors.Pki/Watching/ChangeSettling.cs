using System.Threading.Channels;

namespace Torii.Connectors.Pki.Watching;

/// <summary>Waits for the next pass: for changes to settle (the debounce), or for the rescan interval.</summary>
internal static class ChangeSettling
{
    /// <summary>
    /// Returns <see cref="Wake.Rescan"/> when no change came within <paramref name="rescanInterval"/>; else waits until
    /// no further change came for <paramref name="quiet"/>, so a pair being copied in is read once, when complete.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static async Task<Wake> WaitAsync(ChannelReader<bool> changes, TimeSpan rescanInterval, TimeSpan quiet, CancellationToken cancellationToken)
    {
        if (!await ReadWithinAsync(changes, rescanInterval, cancellationToken).ConfigureAwait(false))
        {
            return Wake.Rescan;
        }

        while (await ReadWithinAsync(changes, quiet, cancellationToken).ConfigureAwait(false))
        {
        }

        return Wake.Changed;
    }

    private static async Task<bool> ReadWithinAsync(ChannelReader<bool> changes, TimeSpan limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (changes.TryRead(out _))
        {
            return true;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await changes.ReadAsync(deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (ChannelClosedException)
        {
            // The watcher is gone: only the clock wakes the connector now.
            await Task.Delay(limit, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }
}
