namespace Torii.Pulsar;

/// <summary>Runs an attempt until it succeeds, pausing with backoff before each retry.</summary>
internal static class RetryLoop
{
    /// <param name="shouldRetry">Failures for which it returns false are thrown at once.</param>
    /// <param name="onRetry">Told about each failure that will be retried, and the pause before the retry.</param>
    /// <param name="earlierFailure">
    /// When set, the loop starts with a pause as if the first attempt had failed so: a session lost
    /// just now is not re-established at once, so that a broker that keeps dropping it is not hammered.
    /// </param>
    public static async Task RunAsync(
        Func<CancellationToken, Task> attempt,
        Backoff backoff,
        Func<Exception, bool> shouldRetry,
        Action<Exception, TimeSpan> onRetry,
        Exception? earlierFailure,
        CancellationToken cancellationToken)
    {
        Exception? failure = earlierFailure;
        while (true)
        {
            if (failure is not null)
            {
                TimeSpan delay = backoff.Next();
                onRetry(failure, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await attempt(cancellationToken).ConfigureAwait(false);
                backoff.Reset();
                return;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested && shouldRetry(error))
            {
                failure = error;
            }
        }
    }

    /// <summary>
    /// A first attempt (subscribing, registering a producer): transient failures are retried until
    /// <paramref name="timeout"/> passes, then a <see cref="TimeoutException"/> says what could not be done
    /// and carries the last failure.
    /// </summary>
    /// <param name="what">What could not be done, after "could not".</param>
    public static async Task RunWithinAsync(
        Func<CancellationToken, Task> attempt,
        Backoff backoff,
        Action<Exception, TimeSpan> onRetry,
        TimeSpan timeout,
        string what,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? lastFailure = null;
        try
        {
            await RunAsync(
                attempt,
                backoff,
                RetryPolicy.IsTransient,
                (failure, delay) =>
                {
                    lastFailure = failure;
                    onRetry(failure, delay);
                },
                earlierFailure: null,
                deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"could not {what} within {timeout}", lastFailure);
        }
    }
}
