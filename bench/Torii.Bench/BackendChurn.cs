using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Torii.Client;
using Torii.Protocol;

namespace Torii.Bench;

/// <summary>
/// Scenario (f): adds and removes backends of a live cluster through the command socket at a fixed
/// rate, alternating add and remove. Each worker owns one backend id, so its commands stay in order
/// while the workers' commands interleave. Runs for --seconds, or until SIGTERM or SIGINT.
/// </summary>
public static class BackendChurn
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var socket = options.Text("socket");
        var cluster = options.Text("cluster");
        var address = SocketAddresses.Parse(options.Text("address"));
        var rate = options.Double("rate");
        var duration = TimeSpan.FromSeconds(options.Double("seconds"));
        using var stop = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        var workers = options.Int("workers", 4);
        if (rate <= 0 || workers < 1)
        {
            throw new ArgumentException("--rate and --workers must be positive");
        }

        await using var client = new ToriiClient(new ToriiClientOptions
        {
            SocketPath = socket,
            PoolSize = workers,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });

        // Not counted: the tool's own first commands (its JIT, its connections) say nothing about the proxy.
        var warmupPairs = options.Int("warmup-pairs", 0);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < warmupPairs; i++)
            {
                await SendAsync(client, cluster, address, $"churn-{worker}", add: true, new ChurnStatistics());
                await SendAsync(client, cluster, address, $"churn-{worker}", add: false, new ChurnStatistics());
            }
        })));

        var stats = new ChurnStatistics();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker =>
            Task.Run(() => RunWorkerAsync(client, cluster, address, $"churn-{worker}", worker, workers, rate, duration, clock, stats, stop.Token))));
        var seconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"applied={stats.Applied} failed={stats.Failed} seconds={seconds:0.00} rate={stats.Applied / seconds:0} " +
            $"p50_us={stats.Percentile(0.50):0} p99_us={stats.Percentile(0.99):0} max_us={stats.Percentile(1.0):0}"));
        if (stats.FirstFailure is not null)
        {
            await Console.Error.WriteLineAsync($"first command failure: {stats.FirstFailure}");
        }

        return 0;
    }

    private static async Task RunWorkerAsync(
        ToriiClient client, string cluster, SocketAddress address, string backendId, int worker, int workers,
        double rate, TimeSpan duration, Stopwatch clock, ChurnStatistics stats, CancellationToken stop)
    {
        var present = false;
        for (long slot = worker; !stop.IsCancellationRequested; slot += workers)
        {
            var due = TimeSpan.FromSeconds(slot / rate);
            if (due >= duration)
            {
                break;
            }

            var ahead = due - clock.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(ahead, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (await SendAsync(client, cluster, address, backendId, add: !present, stats))
            {
                present = !present;
            }
        }

        if (present)
        {
            // Leave the cluster as it was; not counted.
            await SendAsync(client, cluster, address, backendId, add: false, new ChurnStatistics());
        }
    }

    private static async Task<bool> SendAsync(
        ToriiClient client, string cluster, SocketAddress address, string backendId, bool add, ChurnStatistics stats)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (add)
            {
                await client.AddBackendAsync(new AddBackend { ClusterId = cluster, BackendId = backendId, Address = address.Clone() });
            }
            else
            {
                await client.RemoveBackendAsync(new RemoveBackend { ClusterId = cluster, BackendId = backendId, Address = address.Clone() });
            }

            stats.Record(Stopwatch.GetElapsedTime(started));
            return true;
        }
        catch (Exception error) when (error is CommandFailedException or TimeoutException or ProxyUnavailableException)
        {
            stats.Fail(error.Message);
            return false;
        }
    }
}
