using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A backend that holds every HTTP request (or, in TCP mode, every connection) until the test opens
/// its gate, and counts how many it holds at once: the proof that the proxy kept to max_connections.
/// It stops counting a request before it answers, so a request the answer lets through is never
/// counted together with the one it follows.
/// </summary>
public sealed class GatedBackend : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _heldWaiters = [];
    private readonly bool _http;
    private int _held;
    private int _peak;
    private int _served;

    private GatedBackend(bool http)
    {
        _http = http;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>The most requests (or connections) held at the same time.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Requests answered (or connections ended) after the gate opened.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Answers each HTTP request with 200 "ok" once the gate is open.</summary>
    public static GatedBackend Http() => new(http: true);

    /// <summary>Holds each connection; once the gate is open, sends "bye" and closes it.</summary>
    public static GatedBackend Tcp() => new(http: false);

    /// <summary>Completes once the backend holds at least <paramref name="count"/> requests at once.</summary>
    public Task HoldingAsync(int count)
    {
        lock (_lock)
        {
            if (_held >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _heldWaiters.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Answers everything held and everything that comes later.</summary>
    public void Open() => _gate.TrySetResult();

    public void Dispose()
    {
        Open();
        _listener.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = _http ? ServeHttpAsync(client) : ServeTcpAsync(client);
        }
    }

    private async Task ServeHttpAsync(Socket client)
    {
        using (client)
        {
            var pending = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                while (true)
                {
                    while (!pending.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await client.ReceiveAsync(buffer);
                        if (read == 0)
                        {
                            return;
                        }

                        pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var text = pending.ToString();
                    pending.Clear().Append(text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
                    await HoldAsync();
                    await client.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The proxy closed the connection.
            }
        }
    }

    private async Task ServeTcpAsync(Socket client)
    {
        using (client)
        {
            try
            {
                await HoldAsync();
                await client.SendAsync("bye"u8.ToArray());
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The proxy closed the connection.
            }
        }
    }

    private async Task HoldAsync()
    {
        lock (_lock)
        {
            _held++;
            _peak = Math.Max(_peak, _held);
            foreach (var waiter in _heldWaiters.Where(waiter => _held >= waiter.Count).ToList())
            {
                waiter.Reached.TrySetResult();
                _heldWaiters.Remove(waiter);
            }
        }

        await _gate.Task;
        lock (_lock)
        {
            _held--;
            _served++;
        }
    }
}
