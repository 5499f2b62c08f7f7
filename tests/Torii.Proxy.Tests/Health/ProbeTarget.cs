using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Torii.Proxy.Tests.Health;

/// <summary>A real loopback server a probe checks: answers a status, says nothing, or answers something that is not HTTP.</summary>
internal sealed class ProbeTarget : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private readonly Task _loop;

    public ProbeTarget(Func<string?> answer)
    {
        Answer = answer;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>What to send back once a request head arrived; null: accept and never answer.</summary>
    public Func<string?> Answer { get; set; }

    public IPEndPoint Address => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>The request heads received, in order.</summary>
    public List<string> Requests { get; } = [];

    public static IPEndPoint ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        lock (_held)
        {
            _held.ForEach(client => client.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        try
        {
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            lock (Requests)
            {
                Requests.Add(head.ToString());
            }

            if (Answer() is { } answer)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
                client.Dispose();
                return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            client.Dispose();
            return;
        }

        lock (_held)
        {
            _held.Add(client);
        }
    }
}
