namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Sends requests one after another until stopped, counting answers that were right and requests
/// that failed (an exception, a refused connection or a wrong answer), keeping the first failures.
/// </summary>
public sealed class TrafficLoop
{
    private readonly Func<CancellationToken, Task<string?>> _send;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _failures = [];
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private Task _loop = Task.CompletedTask;
    private int _successes;
    private int _failureCount;

    /// <param name="send">Sends one request; returns null when the answer was right, otherwise what was wrong.</param>
    private TrafficLoop(Func<CancellationToken, Task<string?>> send) => _send = send;

    public int Successes => Volatile.Read(ref _successes);

    public int FailureCount => Volatile.Read(ref _failureCount);

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    public static TrafficLoop Start(Func<CancellationToken, Task<string?>> send)
    {
        var loop = new TrafficLoop(send);
        loop._loop = Task.Run(loop.RunAsync);
        return loop;
    }

    /// <summary>Completes once <paramref name="more"/> further requests have succeeded.</summary>
    public async Task WaitForMoreSuccessesAsync(int more, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((_successes + more, reached));
        }

        await reached.Task.WaitAsync(timeout);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            string? failure;
            try
            {
                failure = await _send(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }

            lock (_lock)
            {
                if (failure is not null)
                {
                    _failureCount++;
                    if (_failures.Count < 20)
                    {
                        _failures.Add(failure);
                    }

                    continue;
                }

                _successes++;
                foreach (var waiter in _waiters.Where(waiter => _successes >= waiter.Count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
