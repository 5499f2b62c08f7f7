using System.Diagnostics;
using System.Text.Json;
using Torii.Connectors.Monitoring;

namespace Torii.Connectors.Benchmarking;

/// <summary>Reads a running connector's counters from its /counters endpoint.</summary>
public sealed class CountersWatcher : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Uri _url;

    public CountersWatcher(Uri url)
    {
        _url = url;
    }

    public async Task<CounterSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        string json = await _http.GetStringAsync(_url, cancellationToken).ConfigureAwait(false);
        try
        {
            return CountersJson.Parse(json);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{_url} did not answer with connector counters: {json}", exception);
        }
    }

    /// <summary>Polls until <paramref name="done"/> holds; returns the counters that satisfied it.</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>.</exception>
    public async Task<CounterSnapshot> WaitUntilAsync(Func<CounterSnapshot, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            CounterSnapshot counters = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (done(counters))
            {
                return counters;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"the connector's counters did not reach the goal within {timeout.TotalSeconds:0} s; last: {counters}");
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();
}
