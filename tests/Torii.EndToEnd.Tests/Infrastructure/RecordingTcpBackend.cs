using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>A TCP backend that keeps every byte each connection sent it, for tests of what the proxy sends first.</summary>
public sealed class RecordingTcpBackend : IDisposable
{
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<int, RecordedConnection> _connections = new();
    private int _accepted;

    public RecordingTcpBackend() => _listener = LoopbackListener.Start(client =>
    {
        var number = Interlocked.Increment(ref _accepted);
        _ = RecordAsync(Get(number), client);
    });

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public int ConnectionCount => Volatile.Read(ref _accepted);

    /// <summary>The first <paramref name="count"/> bytes connection <paramref name="number"/> (from 1) received, once they are in.</summary>
    public async Task<byte[]> ReceivedAsync(int number, int count, TimeSpan timeout)
    {
        var connection = Get(number);
        using var patience = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (connection.Bytes)
            {
                if (connection.Bytes.Count >= count)
                {
                    return [.. connection.Bytes.Take(count)];
                }
            }

            await connection.Arrived.WaitAsync(patience.Token);
        }
    }

    public void Dispose() => _listener.Dispose();

    private RecordedConnection Get(int number) => _connections.GetOrAdd(number, _ => new RecordedConnection());

    private static async Task RecordAsync(RecordedConnection connection, Socket client)
    {
        using (client)
        {
            var buffer = new byte[4096];
            try
            {
                while (await client.ReceiveAsync(buffer) is var read and > 0)
                {
                    lock (connection.Bytes)
                    {
                        connection.Bytes.AddRange(buffer.AsSpan(0, read));
                    }

                    connection.Arrived.Release();
                }
            }
            catch (SocketException)
            {
                // The proxy closed first.
            }
        }
    }
}
