using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.EndToEnd.Tests.Infrastructure;

/// <summary>What a <see cref="HealthCheckedBackend"/> does with a connection.</summary>
public enum BackendBehaviour
{
    /// <summary>200 with its name, to data requests and health checks alike.</summary>
    Healthy,

    /// <summary>500 to everything.</summary>
    Failing,

    /// <summary>Accepts and reads, never answers: a firewall that drops replies, so checks time out.</summary>
    Silent,

    /// <summary>Not listening at all: connects are refused.</summary>
    Stopped,
}

/// <summary>
/// A loopback HTTP backend on a fixed port whose behaviour changes on cue, counting the requests it
/// receives on its data path apart from the health checks (which ask for <see cref="HealthPath"/>).
/// </summary>
public sealed class HealthCheckedBackend : IDisposable
{
    public const string HealthPath = "/health";

    private readonly Lock _lock = new();
    private readonly List<Socket> _open = [];
    private Socket? _listener;
    private BackendBehaviour _behaviour;
    private int _dataRequests;
    private int _healthChecks;

    public HealthCheckedBackend(string name)
    {
        Name = name;
        Port = FreePort.Next();
        Behave(BackendBehaviour.Healthy);
    }

    public string Name { get; }

    public int Port { get; }

    public int DataRequests => Volatile.Read(ref _dataRequests);

    public int HealthChecks => Volatile.Read(ref _healthChecks);

    public void Behave(BackendBehaviour behaviour)
    {
        lock (_lock)
        {
            _behaviour = behaviour;
            if (behaviour == BackendBehaviour.Stopped)
            {
                CloseAll();
                return;
            }

            if (_listener is null)
            {
                _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                _listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
                _listener.Listen();
                _ = AcceptAsync(_listener);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            CloseAll();
        }
    }

    private void CloseAll()
    {
        _listener?.Dispose();
        _listener = null;
        foreach (var socket in _open)
        {
            socket.Dispose();
        }

        _open.Clear();
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_lock)
            {
                _open.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var buffer = new byte[8192];
        var head = new StringBuilder();
        try
        {
            while (true)
            {
                var read = await client.ReceiveAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                var end = head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    continue;
                }

                var request = head.ToString(0, end);
                head.Remove(0, end + 4);
                var isCheck = request.Split(' ', 3) is [_, HealthPath, _];
                Interlocked.Increment(ref isCheck ? ref _healthChecks : ref _dataRequests);
                var behaviour = _behaviour;
                if (behaviour == BackendBehaviour.Silent)
                {
                    continue;
                }

                var (status, body) = behaviour == BackendBehaviour.Healthy ? ("200 OK", Name) : ("500 Internal Server Error", "failing");
                await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nX-Backend: {Name}\r\nContent-Length: {body.Length}\r\n\r\n{body}"));
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
            }

            client.Dispose();
        }
    }
}
