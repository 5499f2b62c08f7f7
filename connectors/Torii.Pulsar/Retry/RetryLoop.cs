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
}
